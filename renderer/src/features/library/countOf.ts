import { format, strings } from '../../i18n';

type Counted = 'lessons' | 'versions' | 'words';

/** "1 lesson", "3 lessons": English has two forms; other locales get theirs from the catalogue. */
export function countOf(count: number, what: Counted): string {
  const c = strings.counts;
  const forms: Record<Counted, [one: string, many: string]> = {
    lessons: [c.lessonsOne, c.lessonsMany],
    versions: [c.versionsOne, c.versionsMany],
    words: [c.wordsOne, c.wordsMany],
  };
  const [one, many] = forms[what];
  return format(count === 1 ? one : many, { count: count.toLocaleString('en-GB') });
}
