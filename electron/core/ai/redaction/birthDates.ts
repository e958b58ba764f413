import { BIRTH_CUE, BORN_ABBREVIATION, DATE_RE, matchAll } from './patterns';

/**
 * Which dates are dates of birth. Lessons are full of dates ("14 October 1066"), so a date counts
 * only when something says it is one:
 * - a birth cue (DOB, date of birth, born, birthday) in the 40 characters before it on its line,
 *   or at the end of the line above when the date starts its line ("Date of birth:\n12/03/2012");
 * - "b." right before it ("b. 12 Mar 2012");
 * - a table (rows are lines with " | " between cells: pasted spreadsheets, HTML and Markdown
 *   tables, documents' tables as documentText.ts writes them) whose first row heads its column
 *   with a birth cue, or a row that holds a class-list name;
 * - a numeric date within 60 characters of a class-list name on its line (a pasted register).
 * Lines, table blocks and cell positions are worked out once, so the cost stays linear.
 */
export interface DateSpan {
  start: number;
  end: number;
  key: string;
}

interface Located {
  start: number;
  end: number;
}

function upperBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findBirthDates(text: string, names: readonly Located[]): DateSpan[] {
  const dates = [...matchAll(DATE_RE, text)];
  if (dates.length === 0) return [];

  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineEnd = (line: number) => (line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : text.length);
  const lineText = (line: number) => text.slice(lineStarts[line]!, lineEnd(line));
  const pipeAt: number[] = [];
  for (let i = text.indexOf('|'); i !== -1; i = text.indexOf('|', i + 1)) pipeAt.push(i);
  /** Where a line's cell separators begin and end in the sorted list of all of them. */
  const firstPipe = (line: number) => upperBound(pipeAt, lineStarts[line]! - 1);
  const pipeCount = (line: number) => upperBound(pipeAt, lineEnd(line) - 1) - firstPipe(line);
  const isRow = (line: number) => {
    const k = upperBound(pipeAt, lineStarts[line]! - 1);
    return k < pipeAt.length && pipeAt[k]! < lineEnd(line);
  };

  const blockStart = new Map<number, number>();
  const startOfBlock = (line: number): number => {
    const known = blockStart.get(line);
    if (known !== undefined) return known;
    let first = line;
    while (first > 0 && isRow(first - 1) && !blockStart.has(first - 1)) first--;
    const start = first > 0 && blockStart.has(first - 1) && isRow(first - 1) ? blockStart.get(first - 1)! : first;
    for (let l = first; l <= line; l++) blockStart.set(l, start);
    return start;
  };
  const headed = new Map<number, Set<number>>();
  const birthColumns = (block: number): Set<number> => {
    let columns = headed.get(block);
    if (!columns) {
      columns = new Set<number>();
      const cells = lineText(block).split('|');
      cells.forEach((cell, index) => {
        if (BIRTH_CUE.test(cell)) columns!.add(index);
      });
      headed.set(block, columns);
    }
    return columns;
  };
  const nameStarts = names.map((n) => n.start);
  const namesOn = (from: number, to: number): Located[] => {
    const out: Located[] = [];
    for (let k = upperBound(nameStarts, from - 1); k < names.length && names[k]!.start < to; k++) out.push(names[k]!);
    return out;
  };

  const found: DateSpan[] = [];
  for (const m of dates) {
    const start = m.index;
    const end = start + m[0].length;
    const line = upperBound(lineStarts, start) - 1;
    const ls = lineStarts[line]!;
    const le = lineEnd(line);
    const before = text.slice(Math.max(ls, start - 40), start);
    let birth = BIRTH_CUE.test(before) || BORN_ABBREVIATION.test(before);
    // The cue on the line above counts only for a date that starts its line ("Date of birth:\n12/03/2012").
    if (!birth && line > 0 && start - ls <= 6 && /^[\s\p{P}]*$/u.test(text.slice(ls, start))) {
      const above = text.slice(Math.max(lineStarts[line - 1]!, ls - 41), ls - 1);
      birth = BIRTH_CUE.test(above);
    }
    const row = !birth && isRow(line);
    if (row) {
      const block = startOfBlock(line);
      const columns = block < line ? birthColumns(block) : new Set<number>();
      if (columns.size > 0) {
        const sameShape = pipeCount(line) === pipeCount(block);
        birth = !sameShape || columns.has(upperBound(pipeAt, start) - firstPipe(line));
      }
      if (!birth) birth = namesOn(ls, le).length > 0;
    }
    if (!birth && m[1] !== undefined) {
      birth = namesOn(Math.max(ls, start - 160), Math.min(le, end + 60)).some(
        (n) => n.end <= le && Math.min(Math.abs(n.end - start), Math.abs(n.start - end)) <= 60,
      );
    }
    if (birth) found.push({ start, end, key: m[0].toLowerCase().replace(/[\s,]+/g, ' ') });
  }
  return found;
}
