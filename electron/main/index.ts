import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { startLectern } from './lifecycle';

// Kept to one call: everything testable lives in lifecycle.ts and receives Electron as a parameter.
// Named imports, because that is the form Electron documents for an ES module main process.
startLectern(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell },
  { mainDir: import.meta.dirname, env: process.env, platform: process.platform },
);
