import type { IpcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel, type LecternApi, type LecternEvent, type LecternEventListener } from '../contract';

type Invoke = (input: unknown) => Promise<unknown>;

/**
 * `window.lectern`, generated from the contract: one function per declared method, each bound to
 * its own channel, plus one event subscription. Renderer code never touches ipcRenderer: it
 * gets no channel names, no event objects and no way to listen on anything else.
 */
export function buildLecternApi(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on'>): LecternApi {
  const services: Record<string, Record<string, Invoke>> = {};
  for (const name of METHOD_NAMES) {
    const [service, method] = name.split('.') as [string, string];
    const channel = ipcChannel(name);
    (services[service] ??= {})[method] = (input) => ipcRenderer.invoke(channel, input);
  }

  const listeners = new Set<LecternEventListener>();
  // One internal listener; renderer callbacks are kept here and never handed to ipcRenderer, so
  // they never see the IpcRendererEvent (whose `sender` is ipcRenderer itself).
  ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, payload: LecternEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not stop the others; rethrown asynchronously so it still
        // shows in the console as an uncaught error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  const events: LecternApi['events'] = {
    on(listener) {
      if (typeof listener !== 'function') throw new TypeError('events.on needs a function');
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  // The loop above builds exactly the shape LecternApi describes; TypeScript cannot follow a
  // loop over METHOD_NAMES, so the one cast is here.
  return { ...services, events } as unknown as LecternApi;
}
