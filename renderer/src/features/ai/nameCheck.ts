import type { AiStartInput } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';

/** One candidate name with a little of the text around it, as the warning shows it. */
export interface NameExcerpt {
  before: string;
  name: string;
  after: string;
}

export interface NameWarningData {
  excerpts: NameExcerpt[];
  /** Candidates beyond those shown. */
  more: number;
}

const CONTEXT = 30;
const MAX_SHOWN = 12;

/** The free text a request carries: the selection and every string parameter (topic, instruction, class notes). */
export function textsToCheck(input: AiStartInput): string[] {
  const texts: string[] = [];
  if (input.selection?.text) texts.push(input.selection.text);
  for (const value of Object.values(input.params ?? {})) if (typeof value === 'string' && value.trim()) texts.push(value);
  return texts.slice(0, 20);
}

function excerpt(text: string, start: number, end: number): NameExcerpt {
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  // Cut at a space, so no word is shown in part.
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > end ? text.lastIndexOf(' ', to) : to;
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + squash(text.slice(from, start)),
    name: text.slice(start, end),
    after: squash(text.slice(end, to)) + (to < text.length ? '…' : ''),
  };
}

/**
 * Asks core which words look like a pupil's name. Undefined when there is nothing to warn about:
 * a class list is in use (names are replaced), or no word looks like a name.
 */
export async function findUnlistedNames(texts: string[]): Promise<NameWarningData | undefined> {
  if (texts.length === 0) return undefined;
  const result = await unwrap(lectern().ai.checkNames({ texts }));
  if (result.classListInUse) return undefined;
  const all = result.candidates.flatMap((spans, i) => spans.map((s) => excerpt(texts[i]!, s.start, s.end)));
  if (all.length === 0) return undefined;
  return { excerpts: all.slice(0, MAX_SHOWN), more: Math.max(0, all.length - MAX_SHOWN) };
}
