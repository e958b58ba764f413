import { createHash, randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import type { ExportFormat, ExportVersion } from '../../contract/services/export';
import { AppError } from '../errors';
import { allBlocks, blockRuns, type Block } from './model';

/**
 * The machine-readable record embedded in DOCX and PPTX files as a custom XML part
 * (customXml/itemN.xml, the place Office keeps data that belongs to a document without being
 * shown): what Lectern exported, when, a hash of the file's text, and each passage an AI wrote.
 * `lectern verify-export FILE` reads it back (verifyExport below).
 */
export interface ProvenanceManifest {
  kind: 'lectern-export-provenance';
  schema: 1;
  documentId: string;
  title: string;
  exportedAt: string;
  format: ExportFormat;
  version: ExportVersion;
  app: { name: 'Lectern'; version: string };
  /** sha256 of the file's visible text (see fileText), whitespace folded; filled in when embedded. */
  textHash: string;
  passages: ManifestPassage[];
  /** The head of the provenance audit chain at export time, and whether its keyed checkpoint matched. */
  audit: { seq: number; hash: string; checkpoint: string } | null;
}

export interface ManifestPassage {
  interactionId: string;
  /** sha256 of the passage's text, whitespace folded. */
  hash: string;
  /** Its length in characters after folding, so verify can hash the same span of the file's text. */
  length: number;
  /** The first words, so a person (and verify) can find it. */
  excerpt: string;
}

export const NAMESPACE = 'urn:lectern:export-provenance:1';
const EXCERPT = 60;

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
/** Whitespace differs between what Lectern writes and what an editor saves back; words do not. */
export const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** AI passages: consecutive text of one interaction inside one block (a line break ends one too). */
export function aiPassages(blocks: readonly Block[]): ManifestPassage[] {
  const out: ManifestPassage[] = [];
  for (const b of allBlocks(blocks)) {
    let id: string | undefined;
    let text = '';
    const flush = () => {
      const folded = fold(text);
      if (id && folded.length > 0) out.push({ interactionId: id, hash: sha256(folded), length: folded.length, excerpt: folded.slice(0, EXCERPT) });
      id = undefined;
      text = '';
    };
    for (const run of blockRuns(b)) {
      if (run.ai && run.ai === id && !run.lineBreak) text += run.text;
      else {
        flush();
        if (run.ai && !run.lineBreak) {
          id = run.ai;
          text = run.text;
        }
      }
    }
    flush();
  }
  return out;
}

export interface ManifestInput {
  documentId: string;
  title: string;
  now: number;
  format: ExportFormat;
  version: ExportVersion;
  appVersion: string;
  blocks: readonly Block[];
  audit: ProvenanceManifest['audit'];
}

export function buildManifest(input: ManifestInput): ProvenanceManifest {
  return {
    kind: 'lectern-export-provenance',
    schema: 1,
    documentId: input.documentId,
    title: input.title,
    exportedAt: new Date(input.now).toISOString(),
    format: input.format,
    version: input.version,
    app: { name: 'Lectern', version: input.appVersion },
    textHash: '',
    passages: aiPassages(input.blocks),
    audit: input.audit,
  };
}

type Package = 'docx' | 'pptx';

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

/** The visible text of a part: every w:t / a:t in order, paragraphs and breaks as spaces. */
function partText(xml: string, prefix: 'w' | 'a'): string {
  const pattern = new RegExp(`<${prefix}:t(?:\\s[^>]*)?>([^<]*)</${prefix}:t>|<${prefix}:t\\s*/>|</${prefix}:p>|<${prefix}:(?:br|tab)\\b[^>]*/>`, 'g');
  let out = '';
  for (const m of xml.matchAll(pattern)) out += m[1] !== undefined ? unescapeXml(m[1]) : ' ';
  return out;
}

/** The text verify-export compares: the body of a DOCX, the slides of a PPTX in order. */
export async function fileText(zip: JSZip, kind: Package): Promise<string> {
  if (kind === 'docx') {
    const body = zip.file('word/document.xml');
    if (!body) throw new AppError('VALIDATION', 'This file has no word/document.xml, so it is not a Word document.');
    return fold(partText(await body.async('string'), 'w'));
  }
  const slides = zip
    .file(/^ppt\/slides\/slide\d+\.xml$/)
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a.name)![1]) - Number(/(\d+)\.xml$/.exec(b.name)![1]));
  const texts = await Promise.all(slides.map((s) => s.async('string')));
  return fold(texts.map((x) => partText(x, 'a')).join(' '));
}

const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Adds the manifest (with the file's text hash) as a custom XML part, wired in as Office expects. */
export async function embedManifest(bytes: Uint8Array, kind: Package, manifest: ProvenanceManifest): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sealed: ProvenanceManifest = { ...manifest, textHash: sha256(await fileText(zip, kind)) };
  let n = 1;
  while (zip.file(`customXml/item${n}.xml`)) n++;
  const item = `customXml/item${n}.xml`;
  zip.file(item, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<provenance xmlns="${NAMESPACE}">${cdata(JSON.stringify(sealed))}</provenance>`);
  zip.file(
    `customXml/itemProps${n}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ds:datastoreItem ds:itemID="{${randomUUID().toUpperCase()}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  zip.file(
    `customXml/_rels/item${n}.xml.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps${n}.xml"/></Relationships>`,
  );
  const relsPath = kind === 'docx' ? 'word/_rels/document.xml.rels' : 'ppt/_rels/presentation.xml.rels';
  const rels = await zip.file(relsPath)?.async('string');
  if (!rels) throw new AppError('INTERNAL', `The exported file has no ${relsPath}.`);
  zip.file(
    relsPath,
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdLecternProvenance${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../${item}"/></Relationships>`,
    ),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/${item}" ContentType="application/xml"/><Override PartName="/customXml/itemProps${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>`,
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: kind === 'docx' ? DOCX_MIME : PPTX_MIME });
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export interface VerifyExportReport {
  format: Package;
  manifest: ProvenanceManifest;
  /** True when the file's text is exactly what Lectern exported (whitespace aside). */
  textMatches: boolean;
  passages: Array<ManifestPassage & { found: boolean }>;
}

/** Reads a DOCX or PPTX back: its embedded manifest, and whether its text still matches it. */
export async function verifyExport(bytes: Uint8Array): Promise<VerifyExportReport> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new AppError('VALIDATION', 'This is not a DOCX or PPTX file (it is not a zip package).');
  }
  const kind: Package | undefined = zip.file('word/document.xml') ? 'docx' : zip.file('ppt/presentation.xml') ? 'pptx' : undefined;
  if (!kind) throw new AppError('VALIDATION', 'This package is neither a Word document nor a PowerPoint presentation.');
  let manifest: ProvenanceManifest | undefined;
  for (const part of zip.file(/^customXml\/item\d+\.xml$/)) {
    const xml = await part.async('string');
    if (!xml.includes(NAMESPACE)) continue;
    const json = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    try {
      manifest = JSON.parse(json) as ProvenanceManifest;
    } catch {
      throw new AppError('VALIDATION', `The file's Lectern provenance record (${part.name}) is damaged.`);
    }
  }
  if (!manifest || manifest.kind !== 'lectern-export-provenance') {
    throw new AppError('NOT_FOUND', 'This file carries no Lectern provenance record: it was not exported by Lectern, or the record was removed.');
  }
  const text = await fileText(zip, kind);
  return {
    format: kind,
    manifest,
    textMatches: sha256(text) === manifest.textHash,
    passages: manifest.passages.map((p) => ({ ...p, found: passageFound(text, p) })),
  };
}

function passageFound(text: string, p: ManifestPassage): boolean {
  if (!p.excerpt) return false;
  for (let at = text.indexOf(p.excerpt); at >= 0; at = text.indexOf(p.excerpt, at + 1)) {
    if (sha256(text.slice(at, at + p.length)) === p.hash) return true;
  }
  return false;
}
