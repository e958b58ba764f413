import type { NotImported } from '../../contract';
import { readEntry, type ZipEntry } from './zipGuard';

const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;

/**
 * What a Word document holds that mammoth drops or moves without saying so, read from the
 * document's own XML parts. Each becomes a line in the import report.
 */
export function inspectDocx(bytes: Uint8Array, entries: Map<string, ZipEntry>): { notImported: NotImported[]; macroEnabled: boolean } {
  const text = (name: string) => {
    const entry = entries.get(name);
    return entry ? readEntry(bytes, entry).toString('utf8') : '';
  };
  const body = ['word/document.xml', ...[...entries.keys()].filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n))].map(text).join('\n');
  const names = [...entries.keys()].filter((n) => !n.endsWith('/'));
  const out: NotImported[] = [];
  const add = (kind: NotImported['kind'], n: number, detail?: string) => {
    if (n > 0) out.push(detail ? { kind, count: n, detail } : { kind, count: n });
  };

  // A text box is drawn twice (DrawingML and a VML fallback); count the DrawingML one where present.
  const textBoxes = count(body, /<wps:txbx\b/g) || count(body, /<v:textbox\b/g);
  add('textBox', textBoxes, 'its text was placed after the paragraph it was anchored to');
  add('chart', Math.max(count(body, /<c:chart\b/g), names.filter((n) => /^word\/charts\/chart\d*\.xml$/.test(n)).length));
  add('smartArt', Math.max(count(body, /<dgm:relIds\b/g), names.filter((n) => /^word\/diagrams\/data\d*\.xml$/.test(n)).length));
  add('comment', count(text('word/comments.xml'), /<w:comment\b/g));
  const insertions = count(body, /<w:ins\b/g);
  const deletions = count(body, /<w:del\b/g);
  add('trackedChange', insertions + deletions, `${insertions} insertions and ${deletions} deletions, brought in as if accepted`);
  add('embeddedObject', Math.max(count(body, /<w:object\b/g), names.filter((n) => n.startsWith('word/embeddings/')).length));
  add('equation', count(body, /<m:oMath\b/g), 'brought in as plain text');
  const contentTypes = text('[Content_Types].xml');
  const macroEnabled = entries.has('word/vbaProject.bin') || /macroEnabled/i.test(contentTypes);
  if (macroEnabled) add('macro', 1, 'macros are never run or kept; only the text came in');
  return { notImported: out, macroEnabled };
}

/** Images in the document's media folder: counted before anything is converted. */
export function countMedia(entries: Map<string, ZipEntry>): number {
  let n = 0;
  for (const name of entries.keys()) if (name.startsWith('word/media/') && !name.endsWith('/')) n++;
  return n;
}
