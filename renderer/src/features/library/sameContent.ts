/**
 * Whether two JSON values are equal whatever order their object keys are in. The library stores
 * content in canonical JSON (keys sorted), while the editor and the draft journal keep
 * ProseMirror's order, so comparing `JSON.stringify` of the two would find every lesson changed.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameContent(item, b[i]));
  }
  const left = Object.entries(a).filter(([, v]) => v !== undefined);
  const right = b as Record<string, unknown>;
  if (left.length !== Object.values(right).filter((v) => v !== undefined).length) return false;
  return left.every(([key, value]) => Object.hasOwn(right, key) && sameContent(value, right[key]));
}
