import { APIError } from 'openai';

export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this is not retried: the teacher is told when to try again. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/** Waits, or rejects with the signal's reason as soon as it aborts. Injected so tests need no real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * `retry-after` as milliseconds: delta-seconds (decimals tolerated) or an HTTP date. Also the
 * non-standard `retry-after-ms` some gateways send. undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.max(0, Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** What the server asked for, in seconds (for the teacher's message), when it said. */
  retryAfterSeconds?: number | undefined;
}

/**
 * Retry only what may succeed later: 429 and 5xx. Other 4xx (bad key, no permission, unknown
 * model) will fail the same way again, and timeouts already cost the teacher a long wait.
 */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy, nowMs: number, random: () => number): RetryDecision {
  if (!(error instanceof APIError) || error.status === undefined) return { retry: false, delayMs: 0 };
  const status = error.status;
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(error.headers as Headers | undefined, nowMs);
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  if (!retryable || (error as { code?: unknown }).code === 'insufficient_quota') return { retry: false, delayMs: 0, retryAfterSeconds };
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, retryAfterSeconds };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) return { retry: false, delayMs: 0, retryAfterSeconds };
    return { retry: true, delayMs: retryAfterMs, retryAfterSeconds };
  }
  // Exponential backoff with jitter, so that many clients hitting one gateway spread out.
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(exp / 2 + (random() * exp) / 2), retryAfterSeconds };
}
