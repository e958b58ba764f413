/** Words as a teacher counts them: runs of non-space characters. */
export const countWords = (text: string): number => (text.match(/[^\s]+/g) ?? []).length;
