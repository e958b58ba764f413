import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel, type ErrorInfo, type Result } from '../contract';
import type { EventHub } from '../core/events';
import type { Logger } from '../core/log';
import type { Dispatch } from '../core/rpc/dispatch';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * A call is accepted only from the top frame of our own window, showing our own page. An iframe,
 * a page the window was somehow navigated to, or any other web contents is refused before the
 * payload is even looked at.
 */
export function createSenderCheck(options: {
  isAppContents(contents: WebContents): boolean;
  isTrustedUrl(url: string): boolean;
}): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!options.isAppContents(event.sender)) return false;
    return options.isTrustedUrl(frame.url);
  };
}

const FORBIDDEN: ErrorInfo = { code: 'FORBIDDEN', message: "Only Lectern's own window may call the app." };
const INTERNAL: ErrorInfo = { code: 'INTERNAL', message: 'Something went wrong inside Lectern. Your work in the editor is kept.' };

/**
 * One handler per declared method and no other channel. Validation of the payload, and turning
 * failures into `{ ok: false, error }`, happen in core's dispatcher, which the web harness shares.
 */
export function registerIpcHandlers(options: {
  ipcMain: Pick<IpcMain, 'handle'>;
  dispatch: Dispatch;
  isTrustedSender: SenderCheck;
  log: Logger;
}): void {
  for (const name of METHOD_NAMES) {
    options.ipcMain.handle(ipcChannel(name), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event)) {
        options.log.warn('refused a call from an untrusted sender', { method: name });
        return { ok: false, error: FORBIDDEN };
      }
      try {
        return await options.dispatch(name, payload);
      } catch (error) {
        // The dispatcher already turns failures into results; this is the last line, so that no
        // stack ever crosses into the renderer.
        options.log.error('dispatch threw', { method: name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        return { ok: false, error: INTERNAL };
      }
    });
  }
}

/** Pushes core's events to whichever window currently shows the app. */
export function forwardEvents(events: EventHub, target: () => Pick<WebContents, 'send' | 'isDestroyed'> | undefined): () => void {
  return events.subscribe((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
}
