import { contextBridge, ipcRenderer } from 'electron';
import { buildLecternApi } from './api';

// contextIsolation is always on, so the API reaches the page only as a structured-clone copy.
contextBridge.exposeInMainWorld('lectern', buildLecternApi(ipcRenderer));
