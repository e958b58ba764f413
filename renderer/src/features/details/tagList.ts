import { format, strings } from '../../i18n';

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 40;

/** Adds a typed tag, or says why not, in the same terms as the contract's TagSchema. */
export function addTag(tags: readonly string[], typed: string): { tags: string[] } | { error: string } {
  const tag = typed.trim().replace(/\s+/g, ' ');
  if (tag === '') return { error: strings.details.tagEmpty };
  if (tag.length > MAX_TAG_LENGTH) return { error: strings.details.tagTooLong };
  const existing = tags.find((t) => t.toLocaleLowerCase('en-GB') === tag.toLocaleLowerCase('en-GB'));
  if (existing !== undefined) return { error: format(strings.details.tagExists, { tag: existing }) };
  if (tags.length >= MAX_TAGS) return { error: strings.details.tooManyTags };
  return { tags: [...tags, tag] };
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}

/**
 * Whether a folder path is one the library accepts (FolderSchema): names separated by `/`, none
 * empty, `.` or `..`, no backslash. Checked here so the teacher hears why at once, in their words.
 */
export function isValidFolder(path: string): boolean {
  const value = path.trim();
  if (value === '' || value.length > 200 || value.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  return value.split('/').every((part) => {
    const name = part.trim();
    return name !== '' && name !== '.' && name !== '..';
  });
}
