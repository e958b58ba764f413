import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TipTapDoc } from '../../../electron/contract';
import { UNREFERENCED_GRACE_MS } from '../../../electron/core/assets/assetStore';
import { plainText } from '../../../electron/core/library/plainText';
import { openTestLibrary, type TestLibrary } from '../library/fixture';

const image = (assetId: string): TipTapDoc => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Photosynthesis' }] },
    { type: 'image', attrs: { alt: 'A leaf', align: 'center', assetId, decorative: false, width: 50 } },
  ],
});
const png = (r: number) => sharp({ create: { width: 4, height: 4, channels: 3, background: { r, g: 0, b: 0 } } }).png().toBuffer();

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

const count = () => (lib.core.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n;

describe('an image no document or revision references is removed when the trash is purged', () => {
  it('keeps images of live and trashed documents and of revisions, removes the rest once they are old enough', async () => {
    const kept = await lib.core.assets.put(await png(1));
    const inRevisionOnly = await lib.core.assets.put(await png(2));
    const ofPurged = await lib.core.assets.put(await png(3));
    const orphan = await lib.core.assets.put(await png(4));
    const justPut = await lib.core.assets.put(await png(5));

    await lib.call('documents.create', { title: 'Kept', content: image(kept.id) });
    const revised = await lib.call('documents.create', { title: 'Revised', content: image(inRevisionOnly.id) });
    await lib.call('revisions.create', { documentId: revised.id, label: 'With the leaf' });
    await lib.call('documents.save', { id: revised.id, content: { type: 'doc', content: [{ type: 'paragraph' }] } });
    const purged = await lib.call('documents.create', { title: 'Purged', content: image(ofPurged.id) });
    const trashed = await lib.call('documents.create', { title: 'Trashed', content: image(kept.id) });
    await lib.call('documents.delete', { id: purged.id });
    await lib.call('documents.delete', { id: trashed.id });

    lib.clock.advance(UNREFERENCED_GRACE_MS + 1);
    const fresh = await lib.core.assets.put(await png(6));
    expect(justPut.deduplicated).toBe(false);
    await lib.call('trash.empty', { ids: [purged.id] });

    expect(lib.core.assets.info(kept.id)).toBeDefined();
    expect(lib.core.assets.info(inRevisionOnly.id)).toBeDefined();
    expect(lib.core.assets.info(fresh.id)).toBeDefined();
    expect(lib.core.assets.info(ofPurged.id)).toBeUndefined();
    expect(lib.core.assets.info(orphan.id)).toBeUndefined();
    expect(lib.core.assets.info(justPut.id)).toBeUndefined();
    expect(count()).toBe(3);

    // The trashed document still holds `kept`: only when it is purged as well (and Kept is gone) does it go.
    await lib.call('documents.delete', { id: (await lib.call('documents.list', {})).find((d) => d.title === 'Kept')!.id });
    await lib.call('trash.empty', {});
    expect(lib.core.assets.info(kept.id)).toBeUndefined();
  });

  it('costs nothing and removes nothing when the library has no images', async () => {
    const doc = await lib.call('documents.create', { title: 'Plain' });
    await lib.call('documents.delete', { id: doc.id });
    expect(await lib.call('trash.empty', {})).toEqual({ purged: 1 });
    expect(count()).toBe(0);
  });
});

describe('equations are searchable by their LaTeX source', () => {
  it('puts inline and block LaTeX into the plain text, and search finds it', async () => {
    const content: TipTapDoc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Energy is ' }, { type: 'inlineMath', attrs: { latex: 'E = mc^2' } }, { type: 'text', text: '.' }] },
        { type: 'blockMath', attrs: { latex: '\\frac{a}{b}' } },
        { type: 'paragraph', content: [{ type: 'text', text: 'Next' }] },
      ],
    };
    expect(plainText(content)).toBe('Energy is E = mc^2.\n\\frac{a}{b}\nNext');
    await lib.call('documents.create', { title: 'Physics', content });
    const { results } = await lib.call('search.query', { text: 'mc^2' });
    expect(results.map((r) => r.document.title)).toEqual(['Physics']);
  });
});

describe('the document schema holds images and equations to their attributes', () => {
  it('accepts what the editor writes, with other attributes beside, and refuses a broken image or equation', async () => {
    const good = image('a'.repeat(64));
    (good.content![1]!.attrs as Record<string, unknown>).someExtension = 'x';
    await lib.call('documents.create', { title: 'Good', content: good });
    // As the importer writes it (import/importSchema.ts): no alignment chosen.
    await lib.call('documents.create', { title: 'Imported', content: { type: 'doc', content: [{ type: 'image', attrs: { assetId: 'c'.repeat(64), alt: '', decorative: true, width: null, align: null } }] } });
    const noId = await lib.fail('documents.create', { title: 'Bad', content: { type: 'doc', content: [{ type: 'image', attrs: { alt: 'x', decorative: false, width: null, align: 'center' } }] } });
    expect(noId).toMatchObject({ code: 'VALIDATION' });
    expect(noId.message).toContain('The image node needs valid attributes: assetId');
    const badWidth = image('b'.repeat(64));
    (badWidth.content![1]!.attrs as Record<string, unknown>).width = 500;
    expect((await lib.fail('documents.create', { title: 'Bad', content: badWidth })).code).toBe('VALIDATION');
    const noLatex = await lib.fail('documents.create', { title: 'Bad', content: { type: 'doc', content: [{ type: 'blockMath', attrs: {} }] } });
    expect(noLatex.message).toContain('blockMath');
  });
});
