import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ExportDocument, ExportOptions } from '../../../electron/core/export/exporter';
import { exporterFor } from '../../../electron/core/export/registry';
import { writeExport, nodeExportFs } from '../../../electron/core/export/writeExport';
import { buildManifest, verifyExport } from '../../../electron/core/export/provenanceManifest';
import { readDocument } from '../../../electron/core/export/model';
import { quizQuestionNode } from '../../../electron/contract/quizQuestion';

const t = (text: string, marks?: Array<{ type: string; attrs?: Record<string, unknown> }>) => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const p = (...content: ReturnType<typeof t>[]) => ({ type: 'paragraph', content });
const doc: ExportDocument = {
  id: '00000000-0000-4000-8000-000000000001', title: 'Photosynthesis', kind: 'lesson-plan', subject: 'Science', keyStage: 'KS3', yearGroup: 'Year 8', tags: [],
  content: { type: 'doc', content: [
    { type: 'heading', attrs: { level: 2 }, content: [t('Keywords')] },
    p(t('Plants make '), t('glucose', [{ type: 'bold' }]), t(' from light.', [{ type: 'aiOrigin', attrs: { interactionId: 'i-1' } }])),
    { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Chlorophyll')), { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('Nested step'))] }] }] }] },
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(t('Print sheets'))] }] },
    { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p(t('Keyword'))] }] }, { type: 'tableRow', content: [{ type: 'tableCell', content: [p(t('Stomata'))] }] }] },
    { type: 'blockquote', content: [p(t('Quoted line'))] },
    quizQuestionNode({ prompt: [t('What gas do plants take in?')], answers: [{ content: [t('Oxygen')], correct: false }, { content: [t('Carbon dioxide')], correct: true }], feedback: [t('They use CO2.')] }),
  ] },
};
const options = (over: Partial<ExportOptions> = {}): ExportOptions => ({ version: 'teacher', author: 'Ms Patel', now: 0, statement: null, manifest: null, ...over });
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('export formats', () => {
  it('Markdown is GFM with task lists, tables and lettered quiz options; pupils get no answers', async () => {
    const md = text(await exporterFor('md').exporter(doc, options()));
    expect(md).toContain('## Keywords');
    expect(md).toMatch(/^[-*] \[x\] Print sheets$/m);
    expect(md).toMatch(/\| Keyword \|/);
    expect(md).toContain('B. Carbon dioxide ✓');
    const pupil = text(await exporterFor('md').exporter(doc, options({ version: 'pupil' })));
    expect(pupil).toContain('B. Carbon dioxide');
    expect(pupil).not.toContain('✓');
    expect(pupil).not.toContain('They use CO2');
  });

  it('HTML is self-contained and escapes text', async () => {
    const html = text(await exporterFor('html').exporter({ ...doc, title: '<b>x</b>' }, options()));
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<th scope="col">');
  });

  it('DOCX carries styles, numbering and a provenance part that verifies', async () => {
    const manifest = buildManifest({ documentId: doc.id, title: doc.title, now: 0, format: 'docx', version: 'teacher', appVersion: '0.1.0', blocks: readDocument(doc.content), audit: null });
    const bytes = await exporterFor('docx').exporter(doc, options({ manifest }));
    const zip = await JSZip.loadAsync(bytes);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('w:val="Heading2"');
    expect(body).toContain('w:val="ListBullet"');
    expect(body).toContain('☑');
    expect(body).toContain('<w:tblHeader');
    const report = await verifyExport(bytes);
    expect(report.textMatches).toBe(true);
    expect(report.passages).toEqual([expect.objectContaining({ interactionId: 'i-1', found: true })]);
  });

  it('writes through a temporary file and leaves nothing behind when the disk is full', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-export-'));
    writeExport(join(dir, 'a.md'), new TextEncoder().encode('hello'));
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('hello');
    const full = { ...nodeExportFs, writeSync: () => { throw Object.assign(new Error('full'), { code: 'ENOSPC' }); } };
    expect(() => writeExport(join(dir, 'b.md'), new Uint8Array([1]), full)).toThrow(/disk is full/);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });
});
