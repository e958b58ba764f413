/**
 * Images (issue 10 §3): opening a lesson with 50 images (the lesson from core, then each image
 * from the /asset/<id> route of the web harness, over loopback HTTP as the page loads them), and
 * what images cost a backup: the same library backed up with and without 200 MB of images.
 * Quick to run (`npm run bench -- images`); not part of npm test.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { TipTapDoc, TipTapNode } from '../electron/contract';
import { createCore, type LecternCore } from '../electron/core/app';
import { startHarness } from '../test/harness/server';
import { tempDir } from '../test/helpers/tempDir';
import { writeResults } from './writeResults';

const round = (ms: number) => Math.round(ms * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A photo-like image: noise does not compress, so its bytes are what a backup must copy. */
async function noisePng(side: number): Promise<Buffer> {
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

const paragraph = (text: string): TipTapNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function lesson(ids: string[]): TipTapDoc {
  const content: TipTapNode[] = [];
  ids.forEach((assetId, i) => {
    content.push(paragraph(`Step ${i + 1}: look closely at the picture and describe what changes.`));
    content.push({ type: 'image', attrs: { assetId, alt: `Photo ${i + 1}`, decorative: false, width: 50, align: 'center' } });
  });
  return { type: 'doc', content };
}

async function seedLessons(core: LecternCore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await core.dispatch('documents.create', { title: `Lesson ${i + 1}`, content: { type: 'doc', content: Array.from({ length: 20 }, (_, j) => paragraph(`Paragraph ${j} of lesson ${i}.`)) } });
  }
}

export async function run(): Promise<void> {
  const figures: Record<string, unknown> = {};
  const dir = tempDir('lectern-bench-images-');
  try {
    // 1. Open a lesson with 50 images (each 400 × 400, about 0.5 MB).
    const openDir = join(dir.path, 'open');
    const harness = await startHarness({ dataDir: openDir, coreConfig: { library: { background: false } } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await harness.core.assets.put(await noisePng(400))).id);
      const created = await harness.core.dispatch('documents.create', { title: 'Fifty pictures', content: lesson(ids) });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.id;
      const headers = { authorization: `Bearer ${harness.token}` };
      const times: number[] = [];
      let bytes = 0;
      for (let round_ = 0; round_ < 7; round_++) {
        const t = performance.now();
        const opened = await harness.core.dispatch('documents.get', { id });
        if (!opened.ok) throw new Error(opened.error.message);
        const bodies = await Promise.all(ids.map(async (asset) => new Uint8Array(await (await fetch(`${harness.origin}/asset/${asset}`, { headers })).arrayBuffer())));
        times.push(performance.now() - t);
        bytes = bodies.reduce((sum, b) => sum + b.byteLength, 0);
      }
      figures.open_lesson_50_images_median_ms = round(median(times));
      figures.open_lesson_50_images_max_ms = round(Math.max(...times));
      figures.open_lesson_50_images_mb = round(bytes / 1e6);
    } finally {
      await harness.close();
    }

    // 2. Backups: 100 lessons, without images and with 200 MB of them.
    const side = 816; // 816² × 3 bytes of noise ≈ 2 MB of PNG
    const plainDir = join(dir.path, 'plain');
    const imagesDir = join(dir.path, 'images');
    for (const [name, dataDir, withImages] of [['without', plainDir, false], ['with', imagesDir, true]] as const) {
      const core = createCore({ dataDir, host: 'web-harness', version: 'bench', library: { background: false } });
      try {
        await seedLessons(core, 100);
        if (withImages) {
          let total = 0;
          const ids: string[] = [];
          while (total < 200 * 1024 * 1024) {
            const stored = await core.assets.put(await noisePng(side));
            ids.push(stored.id);
            total += stored.byteSize;
          }
          figures.images = ids.length;
          figures.images_mb = round(total / 1e6);
          await core.dispatch('documents.create', { title: 'Gallery', content: lesson(ids) });
        }
        const t = performance.now();
        const backup = await core.library.backups.backupNow();
        figures[`backup_${name}_images_ms`] = round(performance.now() - t);
        figures[`backup_${name}_images_mb`] = round(statSync(join(core.library.backups.dir, backup.file)).size / 1e6);
      } finally {
        core.close();
      }
    }
  } finally {
    dir.dispose();
  }
  console.table(figures);
  writeResults('images', figures);
}
