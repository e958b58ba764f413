import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { canonicalJson } from '../../../electron/core/provenance/canonicalJson';
import { contentJson } from '../../../electron/core/library/contentJson';
import { FakeOpenAiServer } from '../../fake-openai/server';
import { tempDir } from '../../helpers/tempDir';
import { apply, fullSnapshot, nonCanonicalContent, openAppLibrary, opArb, portableSnapshot, type AppLibrary } from './roundTrip';

/** The trailer's checksum of every record: equal files hold equal records in the same order. */
const trailerOf = (file: string) => JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)!) as { records: number; sha256: string };

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('canonical JSON for content', () => {
  it('is byte for byte what provenance canonicalJson gives, for any JSON value, whatever its key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        const json = contentJson(value);
        expect(json).toBe(canonicalJson(value));
        // Any key order gives the same bytes, and the bytes are a fixed point.
        expect(contentJson(reverseKeys(value, seed))).toBe(json);
        expect(contentJson(JSON.parse(json))).toBe(json);
      }),
      { numRuns: 500 },
    );
  });

  it('handles a __proto__ key as data, and refuses numbers JSON cannot hold', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"z":1,"a":2},"a":[{"y":1,"x":2}]}') as unknown;
    expect(contentJson(value)).toBe('{"__proto__":{"a":2,"z":1},"a":[{"x":2,"y":1}],"b":1}');
    expect(contentJson(value)).toBe(canonicalJson(value));
    expect(() => contentJson({ a: [Number.NaN] })).toThrow(TypeError);
    expect(() => contentJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });
});

function reverseKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reverseKeys(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (seed % 2 === 0) keys.reverse();
  const out: Record<string, unknown> = {};
  for (const key of keys) Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key], seed >> 1), enumerable: true });
  return out;
}

describe('any library the app can produce exports and imports back', () => {
  const server = new FakeOpenAiServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it(
    'through the app and through the CLI, into fresh data folders, with every document, version and AI interaction identical; and a backup restored gives the same library',
    { timeout: 240_000 },
    async () => {
      /** What the runs covered, so a generator that stopped producing something is noticed. */
      const seen = { documents: 0, revisions: 0, namedRevisions: 0, interactions: 0, aiDocuments: 0, trashed: 0, copies: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.array(opArb, { maxLength: 4 }), async (ops, afterBackup) => {
          const dir = tempDir('lectern-roundtrip-');
          const opened: AppLibrary[] = [];
          try {
            const source = openAppLibrary(join(dir.path, 'source'), server);
            opened.push(source);
            for (const op of ops) await apply(source, server, op, join(dir.path, 'scratch.lectern-library'));
            const db = source.core.db;
            // One stored form from every write path.
            expect(nonCanonicalContent(db)).toEqual([]);
            const expected = portableSnapshot(db);
            const count = (sql: string) => db.prepare(sql).pluck().get() as number;
            seen.documents += expected.documents.length;
            seen.revisions += expected.revisions.length;
            seen.namedRevisions += count("SELECT count(*) FROM revisions WHERE kind = 'named'");
            seen.interactions += expected.interactions.length;
            seen.aiDocuments += count("SELECT count(*) FROM documents WHERE content LIKE '%aiOrigin%' AND kind <> 'note'");
            seen.trashed += count('SELECT count(*) FROM documents WHERE deleted_at IS NOT NULL');
            seen.copies += count("SELECT count(*) FROM documents WHERE title LIKE '%(imported copy)'");

            // The app: export, then inspect and import into a fresh data folder.
            const file = join(dir.path, 'library.lectern-library');
            source.files.next = file;
            const exported = await source.call('library.exportLibrary', {});
            expect(exported).toMatchObject({ documents: expected.documents.length, revisions: expected.revisions.length });
            const target = openAppLibrary(join(dir.path, 'target'), server);
            opened.push(target);
            target.files.next = file;
            const preview = await target.call('library.inspectImport', {});
            expect(preview.duplicates).toEqual([]);
            expect(await target.call('library.importLibrary', { importId: preview.importId })).toMatchObject({
              imported: expected.documents.length,
              copies: 0,
              revisions: expected.revisions.length,
            });
            expect(portableSnapshot(target.core.db)).toEqual(expected);
            // The imported interactions are on the target's audit record, which still verifies.
            expect(await target.call('provenance.verify', {})).toMatchObject({ ok: true });
            // Exported again, the library gives the same records.
            target.files.next = join(dir.path, 'again.lectern-library');
            await target.call('library.exportLibrary', {});
            expect(trailerOf(join(dir.path, 'again.lectern-library'))).toEqual(trailerOf(file));

            // The CLI: export-library from the source, import-library into another fresh folder.
            const cliFile = join(dir.path, 'cli.lectern-library');
            expect(await cli(['export-library', cliFile, '--data-dir', join(dir.path, 'source')])).toMatchObject({ code: 0 });
            expect(trailerOf(cliFile)).toEqual(trailerOf(file));
            openAppLibrary(join(dir.path, 'cli-target'), undefined).core.close();
            const imported = await cli(['import-library', cliFile, '--data-dir', join(dir.path, 'cli-target'), '--json']);
            expect(imported).toMatchObject({ code: 0 });
            expect(JSON.parse(imported.out)).toMatchObject({ imported: expected.documents.length, copies: 0 });
            const cliTarget = openAppLibrary(join(dir.path, 'cli-target'), undefined);
            opened.push(cliTarget);
            expect(portableSnapshot(cliTarget.core.db)).toEqual(expected);
            expect(await cliTarget.call('provenance.verify', {})).toMatchObject({ ok: true });

            // A backup, then more work, then the backup restored: the library as it was, trash and all.
            const atBackup = fullSnapshot(db);
            const backup = await source.call('library.backupNow', {});
            for (const op of afterBackup) await apply(source, server, op, join(dir.path, 'scratch2.lectern-library'));
            await source.call('library.restoreBackup', { file: backup.file });
            expect(fullSnapshot(source.core.db)).toEqual(atBackup);
          } finally {
            for (const lib of opened) lib.core.close();
            dir.dispose();
          }
        }),
        { numRuns: 40 },
      );
      for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
    },
  );
});
