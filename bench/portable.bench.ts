/**
 * What one canonical stored form and a streamed import cost (issue 7 §2, §8): serialising a
 * document (JSON.stringify, provenance's canonicalJson, the library's contentJson), and exporting,
 * checking and importing a 10,000-document library. Prints figures and writes
 * bench/results/portable.json; nothing here asserts on time.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { TipTapDoc, TipTapNode } from '../electron/contract';
import { createCore } from '../electron/core/app';
import { contentJson } from '../electron/core/library/contentJson';
import { plainText } from '../electron/core/library/plainText';
import { exportLibrary, importLibrary, readLibraryFile } from '../electron/core/library/portable';
import { canonicalJson } from '../electron/core/provenance/canonicalJson';
import { tempDir } from '../test/helpers/tempDir';
import { buildLibrary } from './storage.bench';
import { writeResults } from './writeResults';

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function p50(fn: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** An editor-like lesson of about `bytes` of JSON, keys in TipTap's order. */
function lesson(bytes: number): TipTapDoc {
  const content: TipTapNode[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const node: TipTapNode =
      i % 7 === 0
        ? { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${i}: the water cycle` }] }
        : {
            type: 'paragraph',
            content: [
              { type: 'text', text: `Pupils describe evaporation and condensation in step ${i}, then ` },
              { type: 'text', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.org', target: '_blank', rel: null, class: null } }], text: 'explain' },
              { type: 'text', text: ' what happens to the water vapour as it rises and cools.' },
            ],
          };
    content.push(node);
    size += JSON.stringify(node).length;
  }
  return { type: 'doc', content };
}

export async function run(): Promise<void> {
  const figures: Record<string, unknown> = {};
  for (const [label, bytes, runs] of [
    ['10kb', 10_000, 2000],
    ['100kb', 100_000, 300],
    ['1mb', 1_000_000, 40],
  ] as const) {
    const doc = lesson(bytes);
    const stringify = p50(() => JSON.stringify(doc), runs);
    const canonical = p50(() => canonicalJson(doc), runs);
    const library = p50(() => contentJson(doc), runs);
    Object.assign(figures, {
      [`serialise_${label}_json_stringify_p50_ms`]: round(stringify),
      [`serialise_${label}_canonicalJson_p50_ms`]: round(canonical),
      [`serialise_${label}_contentJson_p50_ms`]: round(library),
      [`serialise_${label}_contentJson_vs_stringify`]: round(library / stringify),
    });
    console.log(
      `serialise ${label}: JSON.stringify ${stringify.toFixed(3)} ms, canonicalJson ${canonical.toFixed(3)} ms, contentJson ${library.toFixed(3)} ms (${(library / stringify).toFixed(2)}× stringify)`,
    );
  }

  const dir = tempDir();
  try {
    // The whole save of an editor document with canonical serialisation, interleaved with the
    // same save serialised by JSON.stringify as before (the storage bench's autosave_100kb_p95
    // target is 5 ms), alternating two versions so every save writes.
    {
      const core = createCore({ dataDir: join(dir.path, 'autosave'), host: 'web-harness', version: 'bench', library: { background: false } });
      const versions = [lesson(100_000), lesson(100_500)];
      const { id } = core.documents.create({ title: 'Autosave', kind: 'note', content: versions[0] });
      const canonical: number[] = [];
      const before: number[] = [];
      for (let i = 0; i < 400; i++) {
        const doc = versions[i % 2]!;
        let t = performance.now();
        core.documents.save(id, doc);
        canonical.push(performance.now() - t);
        t = performance.now();
        core.documents.saveSerialized(id, JSON.stringify(versions[(i + 1) % 2]), plainText(versions[(i + 1) % 2]!));
        before.push(performance.now() - t);
      }
      core.close();
      const at = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(p * values.length)]!;
      Object.assign(figures, {
        autosave_100kb_canonical_p50_ms: round(at(canonical, 0.5)),
        autosave_100kb_canonical_p95_ms: round(at(canonical, 0.95)),
        autosave_100kb_stringify_p50_ms: round(at(before, 0.5)),
        autosave_100kb_stringify_p95_ms: round(at(before, 0.95)),
      });
      console.log(
        `autosave 100 KB: canonical p50 ${at(canonical, 0.5).toFixed(2)} / p95 ${at(canonical, 0.95).toFixed(2)} ms; ` +
          `JSON.stringify as before p50 ${at(before, 0.5).toFixed(2)} / p95 ${at(before, 0.95).toFixed(2)} ms`,
      );
    }

    const count = 10_000;
    const source = join(dir.path, 'source');
    buildLibrary(source, count);
    const core = createCore({ dataDir: source, host: 'web-harness', version: 'bench', library: { background: false } });
    const file = join(dir.path, 'library.lectern-library');
    let t = performance.now();
    const exported = exportLibrary(core.db, file, { appVersion: 'bench', schemaVersion: 0, now: Date.now() });
    const exportMs = performance.now() - t;
    core.close();

    const target = createCore({ dataDir: join(dir.path, 'target'), host: 'web-harness', version: 'bench', library: { background: false } });
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    const parsed = readLibraryFile(file);
    const checkMs = performance.now() - t;
    t = performance.now();
    const report = importLibrary(target.db, parsed, { lists: target.library.lists, revisions: target.library.revisions, clock: { now: () => Date.now() } });
    const importMs = performance.now() - t;
    const heapAfter = process.memoryUsage().heapUsed;
    target.close();
    Object.assign(figures, {
      library_documents: count,
      library_file_mb: round(statSync(file).size / 1e6),
      export_ms: Math.round(exportMs),
      check_ms: Math.round(checkMs),
      import_ms: Math.round(importMs),
      imported: report.imported,
      // What the check keeps per document (ids, titles, hashes), not the file: heap after minus before.
      heap_growth_mb: round((heapAfter - heapBefore) / 1e6),
    });
    console.log(
      `${count} documents, ${exported.bytes / 1e6} MB file: export ${Math.round(exportMs)} ms, check ${Math.round(checkMs)} ms, import ${Math.round(importMs)} ms (imported ${report.imported})`,
    );
  } finally {
    dir.dispose();
  }
  writeResults('portable', figures);
}
