import { mergeAttributes, Node, type Editor } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { IMAGE_NODE, type ImageAttrs } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, strings } from '../../i18n';
import './imageNode.css';

/**
 * Images (issue 10 §3). The node holds only the id of an image stored in the library
 * (core/assets) and how to show it; the bytes come from /asset/<id> on the page's own origin
 * (app://lectern in the app), so the CSP's img-src 'self' covers them and nothing is read from
 * file://. Insert from the toolbar (a file input), by pasting, or by dropping files: each file is
 * stored first (`assets.put` reads its real format), then the teacher is asked for its alt text,
 * or to mark it decorative; cancelling inserts nothing.
 */

export type AltChoice = Pick<ImageAttrs, 'alt' | 'decorative'>;

/** What the editor asks its host (LessonEditor): the alt-text dialog and where to show errors. */
export const imageRequests: {
  askAlt?: (request: { initial?: AltChoice; fileName?: string; editing: boolean }) => Promise<AltChoice | undefined>;
  onError?: (message: string) => void;
} = {};

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml';
const WIDTHS = [25, 50, 75, 100] as const;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    image: {
      /** Opens the file picker; the chosen images are inserted at the selection. */
      pickImage: () => ReturnType;
      setImageAttrs: (attrs: Partial<ImageAttrs>) => ReturnType;
    };
  }
}

/** The URL of a stored image: same-origin in the app and the harness; the app's scheme under the dev server. */
export function assetUrl(id: string): string {
  // The harness serves a production build, so only `npm run dev` (Vite's server) takes the first branch.
  return import.meta.env.DEV && location.protocol.startsWith('http') ? `app://lectern/asset/${id}` : `/asset/${id}`;
}

export const LessonImage = Node.create({
  name: IMAGE_NODE,
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      assetId: { default: null, parseHTML: (el) => el.getAttribute('data-asset-id'), renderHTML: (a) => ({ 'data-asset-id': a.assetId as string }) },
      alt: { default: '', parseHTML: (el) => el.querySelector('img')?.getAttribute('alt') ?? '', renderHTML: () => ({}) },
      decorative: { default: false, parseHTML: (el) => el.getAttribute('data-decorative') === 'true', renderHTML: (a) => (a.decorative ? { 'data-decorative': 'true' } : {}) },
      width: {
        default: null,
        parseHTML: (el) => {
          const value = Number(el.getAttribute('data-width'));
          return Number.isInteger(value) && value >= 10 && value <= 100 ? value : null;
        },
        renderHTML: (a) => (a.width ? { 'data-width': String(a.width) } : {}),
      },
      align: {
        default: 'center',
        parseHTML: (el) => (['left', 'center', 'right'].includes(el.getAttribute('data-align') ?? '') ? el.getAttribute('data-align') : 'center'),
        renderHTML: (a) => ({ 'data-align': (a.align as string | null) ?? 'center' }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-type="image"][data-asset-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const attrs = node.attrs as ImageAttrs;
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { 'data-type': 'image' }),
      ['img', { src: assetUrl(attrs.assetId), alt: attrs.decorative ? '' : attrs.alt, style: attrs.width ? `width: ${attrs.width}%` : null }],
    ];
  },

  addNodeView() {
    return ReactNodeViewRenderer(ImageView);
  },

  addCommands() {
    return {
      pickImage:
        () =>
        ({ editor }) => {
          const input = document.createElement('input');
          input.type = 'file';
          input.accept = ACCEPT;
          input.multiple = true;
          input.hidden = true;
          input.addEventListener('change', () => {
            const files = Array.from(input.files ?? []);
            input.remove();
            void insertImages(editor, files, editor.state.selection.from);
          });
          input.addEventListener('cancel', () => input.remove());
          document.body.append(input);
          input.click();
          return true;
        },
      setImageAttrs:
        (attrs) =>
        ({ commands }) =>
          commands.updateAttributes(IMAGE_NODE, attrs),
    };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        props: {
          handlePaste: (_view, event) => {
            const files = imageFiles(event.clipboardData);
            // A clipboard with real HTML (Word, a web page) is the document paste's business; a
            // screenshot or a copied image file comes as files only, or with an <img> and no text.
            const html = event.clipboardData?.getData('text/html') ?? '';
            if (files.length === 0 || htmlHasText(html)) return false;
            event.preventDefault();
            void insertImages(editor, files, editor.state.selection.from);
            return true;
          },
          handleDrop: (view, event, _slice, moved) => {
            if (moved) return false;
            const files = imageFiles(event.dataTransfer);
            if (files.length === 0) return false;
            event.preventDefault();
            const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? editor.state.selection.from;
            void insertImages(editor, files, pos);
            return true;
          },
        },
      }),
    ];
  },
});

function imageFiles(data: DataTransfer | null | undefined): File[] {
  // Every file is offered to the library, which reads its real format; the type is only a hint.
  return Array.from(data?.files ?? []);
}

function htmlHasText(html: string): boolean {
  if (!html.trim()) return false;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').trim().length > 0;
}

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Stores each file, asks for its alt text, and inserts it at `pos`. */
export async function insertImages(editor: Editor, files: File[], pos: number): Promise<void> {
  let at = pos;
  for (const file of files) {
    let id: string;
    try {
      const stored = await unwrap(lectern().assets.put({ data: await readBase64(file), fileName: file.name || undefined, mime: file.type || undefined }));
      id = stored.id;
    } catch (error) {
      imageRequests.onError?.(describeError(error));
      continue;
    }
    const choice = await imageRequests.askAlt?.({ fileName: file.name, editing: false });
    if (!choice || editor.isDestroyed) continue;
    const attrs: ImageAttrs = { assetId: id, alt: choice.decorative ? '' : choice.alt, decorative: choice.decorative, width: null, align: 'center' };
    const size = editor.state.doc.content.size;
    editor.chain().focus().insertContentAt(Math.min(at, size), { type: IMAGE_NODE, attrs }).run();
    at = editor.state.selection.to;
  }
}

function ImageView({ node, selected, updateAttributes, editor }: ReactNodeViewProps) {
  const attrs = node.attrs as ImageAttrs;
  const t = strings.image;
  const widthIndex = attrs.width ? WIDTHS.findIndex((w) => w >= attrs.width!) : WIDTHS.length - 1;
  const resize = (step: 1 | -1) => {
    const next = WIDTHS[Math.max(0, Math.min(WIDTHS.length - 1, widthIndex + step))]!;
    updateAttributes({ width: next });
  };
  const editAlt = async () => {
    const choice = await imageRequests.askAlt?.({ initial: { alt: attrs.alt, decorative: attrs.decorative }, editing: true });
    if (choice) updateAttributes({ alt: choice.decorative ? '' : choice.alt, decorative: choice.decorative });
  };
  return (
    <NodeViewWrapper as="figure" className={`lesson-image lesson-image--${attrs.align ?? 'center'}`} data-type="image" data-drag-handle="">
      <img
        src={assetUrl(attrs.assetId)}
        alt={attrs.decorative ? '' : attrs.alt}
        style={attrs.width ? { width: `${attrs.width}%` } : undefined}
        draggable={false}
      />
      {selected && editor.isEditable && (
        <div className="lesson-image__controls" role="group" aria-label={t.controls} contentEditable={false}>
          <button type="button" onClick={() => void editAlt()}>
            {t.editAlt}
          </button>
          <button type="button" disabled={widthIndex <= 0} onClick={() => resize(-1)}>
            {t.smaller}
          </button>
          <button type="button" disabled={widthIndex >= WIDTHS.length - 1} onClick={() => resize(1)}>
            {t.larger}
          </button>
          {(['left', 'center', 'right'] as const).map((align) => (
            <button key={align} type="button" aria-pressed={(attrs.align ?? 'center') === align} onClick={() => updateAttributes({ align })}>
              {t.align[align]}
            </button>
          ))}
        </div>
      )}
    </NodeViewWrapper>
  );
}
