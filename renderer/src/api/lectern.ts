import type { ErrorCode, LecternApi, Result } from '../../../electron/contract';

declare global {
  interface Window {
    /** Provided by the preload in the app and by the web harness in tests. */
    readonly lectern: LecternApi;
  }
}

/** A failed call, with the contract's error code so the UI can explain it. */
export class LecternCallError extends Error {
  constructor(
    readonly code: ErrorCode | 'OFFLINE',
    message: string,
  ) {
    super(message);
    this.name = 'LecternCallError';
  }
}

/**
 * Awaits a `window.lectern` call and returns its value, or throws LecternCallError. A transport
 * failure (the harness gone, IPC torn down) becomes OFFLINE so callers keep the teacher's text.
 */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (error) {
    throw new LecternCallError('OFFLINE', error instanceof Error ? error.message : String(error));
  }
  if (result.ok) return result.value;
  throw new LecternCallError(result.error.code, result.error.message);
}

export const lectern = (): LecternApi => window.lectern;
