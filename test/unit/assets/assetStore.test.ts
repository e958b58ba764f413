import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DIMENSION, MAX_INPUT_BYTES } from '../../../electron/core/assets/assetStore';
import { sniffImage } from '../../../electron/core/assets/sniffImage';
import { openTestLibrary, type TestLibrary } from '../library/fixture';

const solid = (width: number, height: number, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background: colour } });
const RED = { r: 255, g: 0, b: 0 };

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

async function pixel(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

describe('sniffing: the bytes decide, never the name', () => {
  it('recognises each accepted format from its first bytes', async () => {
    expect(sniffImage(await solid(4, 4, RED).png().toBuffer())).toBe('image/png');
    expect(sniffImage(await solid(4, 4, RED).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffImage(await solid(4, 4, RED).gif().toBuffer())).toBe('image/gif');
    expect(sniffImage(await solid(4, 4, RED).webp().toBuffer())).toBe('image/webp');
    expect(sniffImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg [ <!-- x > y --> ]>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
    expect(sniffImage(Buffer.from('<html><svg></svg></html>'))).toBeUndefined();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });

  it('stores a JPEG named .png as a JPEG, and refuses a text file named .png', async () => {
    const jpeg = await solid(10, 8, RED).jpeg().toBuffer();
    const stored = await lib.core.assets.put(jpeg, { fileName: 'photo.png', mime: 'image/png' });
    expect(stored).toMatchObject({ mime: 'image/jpeg', width: 10, height: 8, fileName: 'photo.png', deduplicated: false });
    const error = await lib.fail('assets.put', { data: Buffer.from('<script>alert(1)</script>').toString('base64'), fileName: 'diagram.png', mime: 'image/png' });
    expect(error.code).toBe('IMAGE_INVALID');
    expect(error.message).toContain('“diagram.png” is not a PNG, JPEG, GIF, WebP or SVG image (it claimed to be image/png)');
    expect(lib.core.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 1 });
  });

  it('refuses a truncated PNG and a decompression bomb without storing them', async () => {
    const png = await solid(300, 300, RED).png().toBuffer();
    await expect(lib.core.assets.put(png.subarray(0, 200), { fileName: 'cut.png' })).rejects.toMatchObject({ code: 'IMAGE_INVALID' });
    // A 1 × 1 PNG whose header claims 20,000 × 20,000 pixels.
    const bomb = Buffer.from(await solid(1, 1, RED).png().toBuffer());
    bomb.writeUInt32BE(20_000, 16);
    bomb.writeUInt32BE(20_000, 20);
    await expect(lib.core.assets.put(bomb, { fileName: 'bomb.png' })).rejects.toMatchObject({ code: 'IMAGE_INVALID' });
    await expect(lib.core.assets.put(new Uint8Array(MAX_INPUT_BYTES + 1))).rejects.toThrow(/is 25\.0 MB; images up to 25 MB/);
    expect(lib.core.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 0 });
  });
});

describe('storing', () => {
  it('stores the same image once and hands back the same id', async () => {
    const png = await solid(20, 10, RED).png().toBuffer();
    const first = await lib.call('assets.put', { data: png.toString('base64'), fileName: 'a.png' });
    const again = await lib.call('assets.put', { data: png.toString('base64'), fileName: 'copy of a.png' });
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(lib.core.assets.get(first.id)!.bytes).equals(png)).toBe(true);
    expect(await lib.call('assets.info', { id: first.id })).toMatchObject({ width: 20, height: 10, mime: 'image/png' });
  });

  it(`downscales an image longer than ${MAX_DIMENSION} px to fit, keeping its proportions, and finds it again by its source`, async () => {
    const big = await solid(MAX_DIMENSION * 2, 1000, RED).jpeg().toBuffer();
    const stored = await lib.core.assets.put(big, { fileName: 'panorama.jpg' });
    expect(stored).toMatchObject({ mime: 'image/jpeg', width: MAX_DIMENSION, height: 500 });
    const meta = await sharp(lib.core.assets.get(stored.id)!.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([MAX_DIMENSION, 500]);
    expect((await lib.core.assets.put(big)).deduplicated).toBe(true);
  });

  it('drops EXIF metadata (a photo’s location) and turns the photo upright', async () => {
    const photo = await solid(40, 20, RED)
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'Ms Example, 12 Home Street' } } })
      .toBuffer();
    const stored = await lib.core.assets.put(photo, { fileName: 'trip.jpg' });
    expect(stored).toMatchObject({ width: 20, height: 40 });
    const meta = await sharp(lib.core.assets.get(stored.id)!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(lib.core.assets.get(stored.id)!.bytes).includes('Home Street')).toBe(false);
  });

  it('keeps a GIF’s animation', async () => {
    const frame = (colour: typeof RED) => solid(8, 8, colour).png().toBuffer();
    const source = await sharp([await frame(RED), await frame({ r: 0, g: 0, b: 255 })], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(source, { animated: true }).metadata()).pages).toBe(2);
    const stored = await lib.core.assets.put(source, { fileName: 'spin.gif' });
    expect(stored.mime).toBe('image/gif');
    const meta = await sharp(lib.core.assets.get(stored.id)!.bytes, { animated: true }).metadata();
    expect(meta.pages).toBe(2);
    expect(stored).toMatchObject({ width: 8, height: 8 });
  });
});

describe('SVG is rendered to PNG: nothing active survives', () => {
  let server: Server;
  let hits: string[];
  let base: string;
  beforeEach(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('draws a hostile SVG as pixels: no script, handler, foreignObject or external reference is kept or fetched', async () => {
    const redFile = join(lib.dir.path, 'red.png');
    writeFileSync(redFile, await solid(100, 100, RED).png().toBuffer());
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" onload="alert(1)">
      <script>alert(document.cookie)</script>
      <rect width="100" height="50" fill="#ffffff"/>
      <image href="${base}/tracker.png" width="100" height="50"/>
      <image xlink:href="file://${redFile}" x="0" y="0" width="50" height="50"/>
      <image href="red.png" x="50" y="0" width="50" height="50"/>
      <use href="${base}/sprite.svg#icon"/>
      <foreignObject width="100" height="50"><iframe xmlns="http://www.w3.org/1999/xhtml" src="${base}/frame"></iframe></foreignObject>
      <a href="javascript:alert(1)"><text x="0" y="40">x</text></a>
    </svg>`;
    const stored = await lib.core.assets.put(Buffer.from(hostile), { fileName: 'evil.svg', mime: 'image/svg+xml' });
    expect(stored).toMatchObject({ mime: 'image/png', width: 200, height: 100 });
    const bytes = lib.core.assets.get(stored.id)!.bytes;
    expect(sniffImage(bytes)).toBe('image/png');
    const text = Buffer.from(bytes).toString('latin1');
    for (const word of ['script', 'onload', 'foreignObject', 'javascript', '127.0.0.1']) expect(text).not.toContain(word);
    expect(hits).toEqual([]);
    // The local files it points at were never drawn: the picture stays white where they would be.
    expect(await pixel(bytes, 50, 50)).toEqual([255, 255, 255]);
    expect(await pixel(bytes, 150, 50)).toEqual([255, 255, 255]);
  });

  it('refuses entity declarations (billion laughs) and XInclude', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`;
    await expect(lib.core.assets.put(Buffer.from(laughs), { fileName: 'lol.svg' })).rejects.toThrow(/declares XML entities/);
    const include = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude"><text><xi:include href="/etc/passwd" parse="text"/></text></svg>`;
    await expect(lib.core.assets.put(Buffer.from(include), { fileName: 'inc.svg' })).rejects.toThrow(/XInclude/);
  });

  it('renders an SVG at twice its size, within the cap', async () => {
    const huge = `<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="20000"><rect width="40000" height="20000" fill="red"/></svg>`;
    const stored = await lib.core.assets.put(Buffer.from(huge), { fileName: 'poster.svg' });
    expect(stored).toMatchObject({ mime: 'image/png', width: MAX_DIMENSION, height: MAX_DIMENSION / 2 });
    expect(await pixel(lib.core.assets.get(stored.id)!.bytes, 10, 10)).toEqual([255, 0, 0]);
  });
});
