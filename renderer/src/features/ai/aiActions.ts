import type { AiActionInfo } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { strings } from '../../i18n';

let cached: Promise<AiActionInfo[]> | undefined;

/** The actions core offers; they do not change while the app runs, so they are asked for once. */
export function loadAiActions(): Promise<AiActionInfo[]> {
  cached ??= unwrap(lectern().ai.actions({})).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export const actionLabel = (action: Pick<AiActionInfo, 'labelKey' | 'id'>): string =>
  (strings.ai.actions as Record<string, string>)[action.labelKey] ?? action.id;
