/**
 * The shape every suggestion mark and block attribute carries (see README.md in this folder).
 * One AI answer is one suggestion (`suggestionId`); it is made of changes (`changeId`), each an
 * insertion, a deletion, or both side by side (a replacement), possibly across block boundaries.
 */
export interface SuggestionAttrs {
  /** One change: an insertion, a deletion, or a replacement (both parts share the id). */
  changeId: string;
  /** One applied AI answer: every change it brought. */
  suggestionId: string;
  /** The recorded AI interaction the answer came from. */
  interactionId: string;
  /** The AI action's id (`simplify`, `rewrite`...). */
  action: string;
  /** The model that wrote it, when known. */
  model: string | null;
  /** When the suggestion was applied (ms since the epoch). */
  at: number;
}

/** Mark names, as stored in documents. */
export const SUGGESTION_INSERT = 'suggestionInsert';
export const SUGGESTION_DELETE = 'suggestionDelete';
/** The textblock attribute for a block boundary a suggestion adds or removes. */
export const SUGGESTION_BLOCK_ATTR = 'suggestion';

/** What a block's `suggestion` attribute holds: the boundary before it is proposed (insert) or proposed for removal (delete). */
export interface SuggestionBlockAttrs extends SuggestionAttrs {
  kind: 'insert' | 'delete';
}

/** Set on a transaction that writes suggestion marks on purpose, so the guard does not take them as typed. */
export const KEEP_SUGGESTIONS = 'lectern:keepSuggestions';

/** The node types that may carry a block suggestion. */
export const SUGGESTION_BLOCK_TYPES = ['paragraph', 'heading', 'codeBlock'] as const;

const ATTR_NAMES = ['changeId', 'suggestionId', 'interactionId', 'action', 'model', 'at'] as const;

/** The attribute specs shared by both marks: defaults, and how they sit in HTML (copy and paste). */
export function suggestionAttributeSpecs(): Record<string, { default: unknown; parseHTML: (el: HTMLElement) => unknown; renderHTML: (attrs: Record<string, unknown>) => Record<string, string> }> {
  const specs: ReturnType<typeof suggestionAttributeSpecs> = {};
  for (const name of ATTR_NAMES) {
    const dataName = `data-suggestion-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    specs[name] = {
      default: name === 'model' ? null : name === 'at' ? 0 : '',
      parseHTML: (el) => {
        const value = el.getAttribute(dataName);
        return name === 'at' ? Number(value ?? 0) : value;
      },
      renderHTML: (attrs) => (attrs[name] === null || attrs[name] === undefined ? {} : { [dataName]: String(attrs[name]) }),
    };
  }
  return specs;
}
