import { format, strings } from '../../i18n';

export const MAX_LIST_VALUES = 200;
export const MAX_LIST_VALUE_LENGTH = 80;

/**
 * A list typed one choice per line, checked as `library.setList` will check it: blank lines are
 * ignored, repeats (ignoring case) kept once, each choice at most 80 characters, 1–200 choices.
 */
export function parseListText(text: string): { values: string[] } | { error: string } {
  const values: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const value = lines[i]!.trim();
    if (value === '') continue;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001f\u007f]/.test(value)) return { error: format(strings.librarySettings.listControl, { line: i + 1 }) };
    if (value.length > MAX_LIST_VALUE_LENGTH) return { error: format(strings.librarySettings.listTooLong, { line: i + 1 }) };
    const key = value.toLocaleLowerCase('en-GB');
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(value);
  }
  if (values.length === 0) return { error: strings.librarySettings.listEmpty };
  if (values.length > MAX_LIST_VALUES) return { error: strings.librarySettings.listTooMany };
  return { values };
}
