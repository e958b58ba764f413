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
  // AI: one code per failure a teacher can act on differently (see i18n `errors`).
  'AI_NOT_CONFIGURED',
  /** The saved key was entered for another address: it is sent nowhere else until entered again. */
  'AI_KEY_ORIGIN',
  'AI_AUTH',
  'AI_FORBIDDEN',
  'AI_MODEL_NOT_FOUND',
  'AI_RATE_LIMITED',
  'AI_UNAVAILABLE',
  'AI_TIMEOUT',
  'AI_OFFLINE',
  'AI_STREAM_CUT',
  'AI_TOO_LONG',
  'AI_REJECTED',
  'AI_BAD_OUTPUT',
  'AI_BLOCKED',
  // Library.
  /** An import file that is not a Lectern library, is incomplete, or holds unsafe entries. */
  'IMPORT_INVALID',
  /** Another Lectern (app or command-line tool) has the library open for writing. */
  'LIBRARY_IN_USE',
  // Export (core/export): one code per thing the teacher does differently.
  'FILE_DISK_FULL',
  /** The file is open in another program (Word holds a lock on Windows). */
  'FILE_LOCKED',
  'FILE_UNWRITABLE',
  'EXPORT_WRITE',
  /** The document is larger than the chosen format can take. */
  'EXPORT_TOO_LARGE',
  /** A quiz format was chosen for a document with no quiz questions. */
  'EXPORT_NO_QUIZ',
  /** AI suggestions in the document still wait for review. */
  'SUGGESTIONS_PENDING',
  // Images (issue 10 §3).
  /** Not an image Lectern accepts (PNG, JPEG, GIF, WebP, SVG), too large, or damaged. Nothing was stored. */
  'IMAGE_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Seconds after which retrying may succeed, when the failure is temporary. */
  retryAfter?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
