/**
 * Error codes every method may return. The renderer maps each code to a message a teacher
 * understands (see i18n); `message` is an English fallback for logs and the CLI.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
  'STORAGE',
  'DATABASE_DAMAGED',
  'DATABASE_TOO_NEW',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Seconds after which retrying may succeed, when the failure is temporary. */
  retryAfter?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
