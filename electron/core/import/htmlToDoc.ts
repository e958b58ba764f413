import { Window } from 'happy-dom';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { TipTapDocSchema, type TipTapDoc, type TipTapNode } from '../../contract';
import { isOfficeHtml, normaliseOfficeLists, stripOfficeMarkup, type OfficeDocument, type OfficeElement } from '../../contract/officeHtml';
import type { ImportContext } from './importContext';
import { importSchema } from './importSchema';
import { ImportFailure } from './importFailure';

/** happy-dom runs no script and fetches nothing: parsing happens in an inert <template> besides. */
const INERT_SETTINGS = {
  disableJavaScriptEvaluation: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableIframePageLoading: true,
  disableComputedStyleRendering: true,
  navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
};

/** Elements whose content cannot be a lesson's: listed in the report. */
const UNSUPPORTED = 'iframe, object, embed, video, audio, canvas, svg, form, applet, frame, frameset, math';

const DATA_IMAGE = /^data:(image\/[a-z0-9.+-]+);base64,([a-z0-9+/=\s]+)$/i;
const ASSET_SRC = /^\/asset\/([0-9a-f]{64})$/;

/**
 * Untrusted HTML → TipTap JSON through the editor's schema. The schema is the sanitiser: only the
 * nodes, marks and attributes it declares survive (no script, style, event handler or unsafe link),
 * and the result is checked against the shared document validation before anything is stored.
 */
export async function htmlToDoc(html: string, ctx: ImportContext): Promise<{ doc: TipTapDoc; title: string | undefined }> {
  const window = new Window({ settings: INERT_SETTINGS as never });
  try {
    const template = window.document.createElement('template');
    template.innerHTML = isOfficeHtml(html) ? stripOfficeMarkup(html) : html;
    const inert = template.content.ownerDocument;
    const root = inert.createElement('div');
    root.append(...Array.from(template.content.childNodes));
    const officeDoc: OfficeDocument = {
      body: root as unknown as OfficeElement,
      createElement: (tag) => inert.createElement(tag) as unknown as OfficeElement,
    };
    normaliseOfficeLists(officeDoc);

    const unsupported = root.querySelectorAll(UNSUPPORTED);
    for (const element of Array.from(unsupported)) {
      ctx.notImported('unsupportedContent', 1, element.tagName.toLowerCase());
      element.remove();
    }
    const scripts = root.querySelectorAll('script');
    ctx.notImported('unsupportedContent', scripts.length, 'scripts (never run)');

    for (const img of Array.from(root.querySelectorAll('img'))) {
      const src = img.getAttribute('src') ?? '';
      const alt = img.getAttribute('alt') ?? '';
      const stored = ASSET_SRC.exec(src);
      if (stored && ctx.storedImageIds.has(stored[1]!)) continue;
      const data = DATA_IMAGE.exec(src);
      if (data) {
        const id = await ctx.putImage(Buffer.from(data[2]!, 'base64'), { mime: data[1]!, ...(alt ? { fileName: alt.slice(0, 100) } : {}) });
        if (id) {
          img.setAttribute('src', `/asset/${id}`);
          continue;
        }
      } else {
        ctx.notImported('remoteImage', 1, src.startsWith('http') ? src.slice(0, 200) : undefined);
      }
      img.remove();
    }

    const parsed = PMDOMParser.fromSchema(importSchema()).parse(root as never);
    parsed.check();
    const json = parsed.toJSON() as TipTapDoc;
    markImported(json, ctx);
    const checked = TipTapDocSchema.safeParse(json);
    if (!checked.success) throw new ImportFailure('DAMAGED', `The converted document did not pass validation: ${checked.error.issues[0]?.message ?? ''}`);
    if (!checked.data.content?.length) checked.data.content = [{ type: 'paragraph' }];
    return { doc: checked.data, title: firstHeading(checked.data) };
  } finally {
    await window.happyDOM.close();
  }
}

/** Every text node gets the `imported` mark: the authorship panel counts it as "imported from <file>". */
export function markImported(doc: TipTapNode, ctx: ImportContext): void {
  const mark = { type: 'imported', attrs: { source: ctx.fileName, importedAt: ctx.importedAt } };
  const stack: TipTapNode[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') node.marks = [...(node.marks ?? []).filter((m) => m.type !== 'imported'), mark];
    if (node.content) stack.push(...node.content);
  }
}

export function firstHeading(doc: TipTapDoc): string | undefined {
  const heading = doc.content?.find((n) => n.type === 'heading');
  const text = heading?.content?.map((n) => n.text ?? '').join('').trim();
  return text ? text.slice(0, 200) : undefined;
}
