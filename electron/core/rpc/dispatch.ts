import { z } from 'zod';
import {
  isMethodName,
  methodSpec,
  type ErrorInfo,
  type InputOf,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../contract';
import { AppError } from '../errors';
import { toStorageError } from '../db/sqliteErrors';
import type { Logger } from '../log';

/** One function per method in the contract; TypeScript refuses a missing or misspelt one. */
export type Handlers = {
  [N in MethodName]: (input: ParsedInputOf<N>) => OutputOf<N> | Promise<OutputOf<N>>;
};

/** Typed for callers that name a declared method; anything else (IPC, HTTP) is checked at run time. */
export interface Dispatch {
  <N extends MethodName>(name: N, payload: InputOf<N>): Promise<Result<OutputOf<N>>>;
  (name: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * Deeper payloads are refused before zod sees them: its schemas recurse (TipTap nodes are
 * `z.lazy`), and 1,500 levels overflowed the stack. 200 leaves room for any real lesson (a TipTap
 * level is two JSON levels: the node and its `content` array).
 */
export const MAX_PAYLOAD_DEPTH = 200;

/**
 * True when objects and arrays in `value` nest deeper than `max`, or loop back on themselves.
 * Iterative, so the check itself cannot overflow; an object reached again by a longer path is
 * walked again (that path is what a schema would recurse along), a cycle grows until refused.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const deepest = new Map<object, number>();
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    if ((deepest.get(node) ?? 0) >= depth) continue;
    deepest.set(node, depth);
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The one place a call from outside enters core: the name must be a declared method, the payload
 * must match its input schema, and the answer must match its output schema. Failures come back
 * as `{ ok: false, error: { code, message } }`; stacks stay in the log.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (name: string, payload: unknown): Promise<Result<unknown>> => {
    if (!isMethodName(name)) {
      return failure({ code: 'UNKNOWN_METHOD', message: `There is no method called ${JSON.stringify(String(name)).slice(0, 80)}.` });
    }
    const spec = methodSpec(name);
    // Validation runs inside the error handling too: whatever a payload does to a schema, the
    // caller gets a code and a sentence, never a stack.
    try {
      if (nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
        return failure({ code: 'VALIDATION', message: `Invalid input for ${name}: nested more than ${MAX_PAYLOAD_DEPTH} levels deep.` });
      }
      const parsed = spec.input.safeParse(payload ?? {});
      if (!parsed.success) {
        return failure({ code: 'VALIDATION', message: `Invalid input for ${name}: ${z.prettifyError(parsed.error)}` });
      }
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log.error('handler returned output that breaks the contract', { method: name, issues: checked.error.issues.length });
        return failure({ code: 'INTERNAL', message: `Lectern produced an unexpected answer for ${name}.` });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      const known = error instanceof AppError ? error : toStorageError(error);
      if (known) {
        log.warn('method failed', { method: name, code: known.code });
        return failure(known.toInfo());
      }
      log.error('method crashed', { method: name, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return failure({ code: 'INTERNAL', message: 'Something went wrong inside Lectern. Your work in the editor is kept.' });
    }
  };
}

function failure(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}
