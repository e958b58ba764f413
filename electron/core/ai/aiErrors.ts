import { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import type { ErrorCode } from '../../contract';
import { AppError } from '../errors';

/** The stream stopped before the provider said it had finished (socket closed, `response.failed`, ...). */
export class StreamCutError extends Error {
  constructor(detail: string) {
    super(`AI stream cut: ${detail}`);
    this.name = 'StreamCutError';
  }
}

/** Why we aborted an attempt ourselves: the reason object tells timeouts and teacher cancels apart. */
export class TimeoutAbort extends Error {
  constructor(readonly phase: 'first-token' | 'idle') {
    super(`AI ${phase} timeout`);
    this.name = 'TimeoutAbort';
  }
}

export class CancelAbort extends Error {
  constructor() {
    super('Stopped by the teacher');
    this.name = 'CancelAbort';
  }
}

export interface AiErrorContext {
  model: string;
  baseUrl: string;
  /** Seconds, when the server said when to retry. */
  retryAfterSeconds?: number | undefined;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** The first `code` found along an error's cause chain (undici wraps the socket error). */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function ai(code: ErrorCode, message: string, retryAfter?: number): AppError {
  return new AppError(code, message, retryAfter);
}

/**
 * Maps any failure of a provider call to a code and a sentence a teacher can act on. The server's
 * own message is never passed on: it may quote part of the key, and it is not written for teachers.
 */
export function toAiError(error: unknown, context: AiErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TimeoutAbort || error instanceof APIConnectionTimeoutError) {
    return ai('AI_TIMEOUT', 'The AI service took too long to answer. Try again, or choose a smaller piece of text.');
  }
  if (error instanceof StreamCutError) {
    return ai('AI_STREAM_CUT', 'The connection to the AI service dropped before it finished. Nothing was added to your lesson. Try again.');
  }
  if (error instanceof SyntaxError) {
    return ai('AI_STREAM_CUT', 'The AI service sent a reply Lectern could not read. Nothing was added to your lesson. Try again.');
  }
  if (error instanceof APIUserAbortError) {
    return new AppError('CANCELLED', 'Stopped.');
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error);
    if (code && OFFLINE_CODES.has(code)) {
      return ai('AI_OFFLINE', 'Lectern cannot reach the AI service. Check your internet connection.');
    }
    return ai(
      'AI_OFFLINE',
      `Lectern cannot reach the AI service at ${hostOf(context.baseUrl)}. Check your connection, or that the AI server is running.`,
    );
  }
  if (error instanceof APIError) {
    const status = error.status;
    const providerCode = typeof error.code === 'string' ? error.code : '';
    if (status === undefined) {
      // An error event inside an SSE stream (no HTTP status): the server gave up mid-answer.
      return ai('AI_STREAM_CUT', 'The AI service stopped before it finished. Nothing was added to your lesson. Try again.');
    }
    if (status === 401) return ai('AI_AUTH', 'The AI service did not accept the key. Check the API key in Settings.');
    if (status === 403) {
      return ai('AI_FORBIDDEN', `The AI service refused the request: this key may not be allowed to use the model “${context.model}”.`);
    }
    if (status === 404) {
      return ai('AI_MODEL_NOT_FOUND', `The AI service has no model called “${context.model}”, or the server address is wrong. Check Settings.`);
    }
    if (status === 429) {
      if (providerCode === 'insufficient_quota') {
        return ai('AI_RATE_LIMITED', 'The AI account has run out of credit. Ask whoever manages the account to top it up.');
      }
      const wait = context.retryAfterSeconds;
      return ai(
        'AI_RATE_LIMITED',
        wait ? `The AI service is busy. Try again in about ${humanSeconds(wait)}.` : 'The AI service is busy. Try again in a minute.',
        wait,
      );
    }
    if (status >= 500) return ai('AI_UNAVAILABLE', 'The AI service is having problems at the moment. Try again later. Your lesson is unchanged.');
    if (providerCode === 'content_filter' || providerCode === 'content_policy_violation') {
      return ai('AI_BLOCKED', "The AI service's own content filter refused this request.");
    }
    if (providerCode === 'context_length_exceeded' || status === 413) {
      return ai('AI_TOO_LONG', 'That is too much text for this AI model. Select a shorter passage and try again.');
    }
    return ai('AI_REJECTED', `The AI service could not handle this request (HTTP ${status}). Try rewording it, or check Settings.`);
  }
  const code = causeCode(error);
  if (code && OFFLINE_CODES.has(code)) return ai('AI_OFFLINE', 'Lectern cannot reach the AI service. Check your internet connection.');
  if (code && REFUSED_CODES.has(code)) {
    return ai('AI_STREAM_CUT', 'The connection to the AI service dropped before it finished. Nothing was added to your lesson. Try again.');
  }
  if (error instanceof TypeError && /terminated|network|fetch failed/i.test(error.message)) {
    return ai('AI_STREAM_CUT', 'The connection to the AI service dropped before it finished. Nothing was added to your lesson. Try again.');
  }
  return ai('AI_UNAVAILABLE', 'Something went wrong talking to the AI service. Try again. Your lesson is unchanged.');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function humanSeconds(s: number): string {
  if (s < 90) return `${Math.ceil(s)} seconds`;
  const minutes = Math.ceil(s / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
