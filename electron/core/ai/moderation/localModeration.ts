import type { ModerationCategory } from '../../../contract';
import { TERMS, type Term, type TermLevel } from './terms';

export interface LocalFinding {
  category: ModerationCategory;
  level: TermLevel;
}

const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

function termSource(term: Term): string {
  const wildcard = term.pattern.endsWith('*');
  const words = (wildcard ? term.pattern.slice(0, -1) : term.pattern).trim().split(/\s+/);
  const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]")).join('[\\s-]+');
  return body + (wildcard ? '[\\p{L}\\p{M}]*' : '');
}

/** One regex per category and level, built once: each check is then a handful of linear scans. */
const GROUPS: Array<{ category: ModerationCategory; level: TermLevel; re: RegExp }> = (() => {
  const grouped = new Map<string, Term[]>();
  for (const term of TERMS) {
    const key = `${term.level}:${term.category}`;
    grouped.set(key, [...(grouped.get(key) ?? []), term]);
  }
  return [...grouped.values()].map((terms) => ({
    category: terms[0]!.category,
    level: terms[0]!.level,
    re: new RegExp(`${BEFORE}(?:${terms.map(termSource).sort((a, b) => b.length - a.length).join('|')})${AFTER}`, 'iu'),
  }));
})();

/** The longest phrase, for the overlap an incremental check needs to catch a phrase split across deltas. */
export const LONGEST_TERM = Math.max(...TERMS.map((t) => t.pattern.length)) + 8;

export function localModeration(text: string, levels: readonly TermLevel[] = ['guidance', 'severe']): LocalFinding[] {
  const findings: LocalFinding[] = [];
  for (const group of GROUPS) {
    if (levels.includes(group.level) && group.re.test(text)) findings.push({ category: group.category, level: group.level });
  }
  return findings;
}

/**
 * Checks a stream as it arrives for severe content only, looking at each new delta plus enough of
 * the previous text to catch a phrase split between deltas. Cost per delta is independent of how
 * long the answer already is.
 */
export class StreamingModerator {
  private tail = '';

  push(delta: string): LocalFinding[] {
    const window = this.tail + delta;
    this.tail = window.slice(-LONGEST_TERM);
    return localModeration(window, ['severe']);
  }
}
