/**
 * Import a 50-page Word document with 20 images (target: under 2 s), beside two baselines in the
 * same run: mammoth's own conversion of the same file (no caps, no schema, nothing stored) and the
 * same text imported as plain text. Median of several runs into a fresh library each time.
 */
import mammoth from 'mammoth';
import { createCore } from '../electron/core/app';
import { tempDir } from '../test/helpers/tempDir';
import { lessonDocx } from '../test/unit/import/fixtures';
import { writeResults } from './writeResults';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const docx = await lessonDocx({ images: 20, pages: 50 });
  const text = (await mammoth.extractRawText({ buffer: docx })).value;
  const figures: Record<string, number> = { docxBytes: docx.length, textChars: text.length };
  const importMs: number[] = [];
  const textMs: number[] = [];
  const mammothMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'bench', library: { background: false } });
    try {
      importMs.push(await timed(async () => {
        const [r] = await core.importer.importFiles([{ name: 'scheme.docx', bytes: docx }]);
        if (r?.status !== 'imported' || r.imagesImported !== 20) throw new Error(`import failed: ${JSON.stringify(r)}`);
      }));
      textMs.push(await timed(() => core.importer.importFiles([{ name: 'scheme.txt', bytes: Buffer.from(text) }])));
    } finally {
      core.close();
      dir.dispose();
    }
    mammothMs.push(await timed(() => mammoth.convertToHtml({ buffer: docx })));
  }
  figures.docxImportMedianMs = Math.round(median(importMs));
  figures.docxImportMaxMs = Math.round(Math.max(...importMs));
  figures.baselineMammothOnlyMedianMs = Math.round(median(mammothMs));
  figures.baselinePlainTextImportMedianMs = Math.round(median(textMs));
  console.log(`50-page DOCX, 20 images (${(docx.length / 1024).toFixed(0)} KB): import median ${figures.docxImportMedianMs} ms (max ${figures.docxImportMaxMs}); mammoth alone ${figures.baselineMammothOnlyMedianMs} ms; same text as .txt ${figures.baselinePlainTextImportMedianMs} ms`);
  writeResults('import', figures);
}
