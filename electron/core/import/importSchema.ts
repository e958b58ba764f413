import { getSchema, Mark, Node, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';

/** Links may only point at the web or an email address (the editor's own rule, extensions.ts). */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/**
 * The `imported` mark: text that came from a file, with the file's name and when it came in.
 * The editor registers the same mark (renderer/src/features/editor/marks/imported.ts); a unit test
 * checks every imported document against the editor's real schema.
 */
const ImportedMark = Mark.create({
  name: 'imported',
  inclusive: false,
  addAttributes() {
    return {
      source: { default: null, parseHTML: (element) => element.getAttribute('data-imported') },
      importedAt: { default: null, parseHTML: (element) => element.getAttribute('data-imported-at') },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-imported]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', { 'data-imported': HTMLAttributes.source as string, 'data-imported-at': HTMLAttributes.importedAt as string }, 0];
  },
});

/**
 * The image node as documents hold it (core/assets/assetStore.ts): `{ assetId, alt, decorative }`.
 * Only images already in the library's store come in: `src` must be the store's own path.
 */
const ImageNode = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      assetId: { default: null },
      alt: { default: '' },
      decorative: { default: false },
      width: { default: null },
      align: { default: null },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (element) => {
          const match = /^\/asset\/([0-9a-f]{64})$/.exec(element.getAttribute('src') ?? '');
          if (!match) return false;
          const alt = element.getAttribute('alt') ?? '';
          return { assetId: match[1], alt, decorative: alt === '' };
        },
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['img', { src: `/asset/${HTMLAttributes.assetId as string}`, alt: HTMLAttributes.alt as string }];
  },
});

export function importExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: false,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => SAFE_LINK.test(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    ImportedMark,
    ImageNode,
  ];
}

let schema: Schema | undefined;
/** Built once per process: building a schema from extensions takes a few milliseconds. */
export function importSchema(): Schema {
  schema ??= getSchema(importExtensions());
  return schema;
}
