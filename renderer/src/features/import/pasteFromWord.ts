import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { isOfficeHtml, normaliseOfficeLists, stripOfficeMarkup, type OfficeDocument } from '../../../../electron/contract/officeHtml';

/**
 * Word's clipboard HTML made structural before the editor's schema reads it: conditional comments
 * and `<o:p>` go, and MsoListParagraph runs become real nested lists (electron/contract/officeHtml.ts,
 * shared with core's HTML import). Google Docs' HTML is already structural and passes untouched.
 */
export function cleanOfficeHtml(html: string): string {
  if (!isOfficeHtml(html)) return html;
  const doc = new DOMParser().parseFromString(stripOfficeMarkup(html), 'text/html');
  normaliseOfficeLists(doc as unknown as OfficeDocument);
  return doc.body.innerHTML;
}

export const PasteFromWord = Extension.create({
  name: 'pasteFromWord',
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('pasteFromWord'), props: { transformPastedHTML: cleanOfficeHtml } })];
  },
});
