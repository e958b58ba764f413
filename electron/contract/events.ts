import type { ErrorInfo } from './errors';
import type { TipTapDoc, TipTapNode } from './tiptap';
import type { ModerationCategory, ModerationSummary } from './services/ai';

/**
 * Events pushed from the app to the renderer on the single subscription
 * `window.lectern.events.on(listener)`.
 */
export type LecternEvent =
  /** The window is about to close: save everything, then call `app.closeReady`. */
  | { type: 'app.closeRequested' }
  /** A menu command the renderer carries out (new lesson, save now, ...). */
  | { type: 'menu.command'; command: MenuCommand }
  | AiEvent;

export const MENU_COMMANDS = [
  'new-document',
  'save-now',
  'focus-search',
  'rename-document',
  'delete-document',
  'save-version',
  'show-trash',
  'export-library',
  'import-library',
  'import-files',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type LecternEventListener = (event: LecternEvent) => void;

/**
 * AI job events, all carrying `jobId` and `interactionId`. Order for one job: `ai.started`, then any
 * of `ai.progress` / `ai.delta` / `ai.preview` / `ai.moderation`, then exactly one of `ai.completed`
 * or `ai.failed`. Text is already restored (pupils' names put back) and only ever new: append
 * `ai.delta.text` to what came before. When `attempt` grows (a repair attempt after invalid
 * structured output), discard the text and preview of the earlier attempt.
 */
export type AiEvent =
  | { type: 'ai.started'; jobId: string; interactionId: string; action: string; documentId: string | null; output: 'structured' | 'text' }
  | {
      type: 'ai.progress';
      jobId: string;
      interactionId: string;
      stage: AiJobStage;
      attempt: number;
      /** While stage is `retrying`: how long until the next try, and why. */
      retryInMs?: number;
      reason?: string;
    }
  | { type: 'ai.delta'; jobId: string; interactionId: string; attempt: number; index: number; text: string }
  | {
      /**
       * The answer so far as document nodes (structured output and formatted text). Replace the
       * preview's top-level nodes from `replaceFrom` on with `nodes`; earlier nodes are unchanged.
       */
      type: 'ai.preview';
      jobId: string;
      interactionId: string;
      attempt: number;
      replaceFrom: number;
      nodes: TipTapNode[];
    }
  | { type: 'ai.moderation'; jobId: string; interactionId: string; level: 'guidance' | 'severe'; categories: ModerationCategory[] }
  | {
      /** Finished or stopped by the teacher (`cancelled`, `partial: true`): either way, what arrived. */
      type: 'ai.completed';
      jobId: string;
      interactionId: string;
      status: 'completed' | 'cancelled';
      partial: boolean;
      /** The answer as text, placeholders restored. */
      text: string;
      /**
       * The answer as a document; every text node carries an `aiOrigin` mark `{ interactionId }`.
       * For selection actions, insert its content at the selection; for generate-document actions
       * it has already been saved as `documentId`.
       */
      content: TipTapDoc;
      /** The new document created for generate-document actions, otherwise null. */
      documentId: string | null;
      moderation: ModerationSummary;
    }
  | {
      type: 'ai.failed';
      jobId: string;
      interactionId: string;
      /** `blocked`: the answer was withheld by moderation (`error.code` AI_BLOCKED). */
      status: 'failed' | 'blocked';
      error: ErrorInfo;
      moderation: ModerationSummary | null;
    };

export const AI_JOB_STAGES = ['sending', 'retrying', 'streaming', 'repairing', 'moderating', 'saving'] as const;
export type AiJobStage = (typeof AI_JOB_STAGES)[number];
