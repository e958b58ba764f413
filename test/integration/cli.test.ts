import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipTapDoc } from '../../electron/contract';
import { createCore, LIBRARY_FILE } from '../../electron/core/app';
import { FakeOpenAiServer } from '../fake-openai/server';
import { tempDir } from '../helpers/tempDir';
import { apply, openAppLibrary, portableSnapshot, type Op } from '../unit/library/roundTrip';

const ROOT = join(import.meta.dirname, '..', '..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as IT staff would, through tsx, and collects its output and exit code. */
function lectern(args: string[], entry = ['--import', 'tsx', 'electron/cli/index.ts']): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, env: { ...process.env, LECTERN_DATA_DIR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const doc = (text: string): TipTapDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('the lectern command-line tool', () => {
  const dir = tempDir('lectern-cli-');
  const data = join(dir.path, 'data');
  let ids: { colour: string; forces: string };

  beforeAll(() => {
    const core = createCore({ dataDir: data, host: 'web-harness', version: 'test', library: { background: false } });
    const colour = core.documents.create({ title: 'Colour mixing', kind: 'worksheet', subject: 'Art and design', content: doc('Mix primary colours.') });
    const forces = core.documents.create({ title: 'Forces', kind: 'quiz', subject: 'Physics', tags: ['ks3'], content: doc('Friction slows things down.') });
    core.close();
    ids = { colour: colour.id, forces: forces.id };
  });
  afterAll(() => dir.dispose());

  it('explains itself and rejects what it does not understand', async () => {
    const help = await lectern(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: lectern <command>/);
    expect(help.stdout).toMatch(/~\/\.config\/Lectern/);
    expect((await lectern([])).code).toBe(2);
    const unknown = await lectern(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect((await lectern(['list', '--colour'])).code).toBe(2);
    const missing = await lectern(['list', '--data-dir', join(dir.path, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no Lectern library in .*nowhere/);
  });

  it('lists, shows and searches, as text and as JSON', async () => {
    const list = await lectern(['list', '--data-dir', data]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${ids.forces} .* quiz +Forces\\n${ids.colour} .* worksheet +Colour mixing\\n`));
    const json = JSON.parse((await lectern(['list', '--json', '--subject', 'physics', '--data-dir', data])).stdout) as Array<{ id: string }>;
    expect(json.map((d) => d.id)).toEqual([ids.forces]);

    const show = await lectern(['show', ids.colour, '--data-dir', data]);
    expect(show.stdout).toMatch(/Title: +Colour mixing/);
    expect(show.stdout).toMatch(/\nMix primary colours\.\n$/);
    expect(JSON.parse((await lectern(['show', ids.colour, '--json', '--data-dir', data])).stdout)).toMatchObject({ content: doc('Mix primary colours.') });
    const absent = await lectern(['show', '00000000-0000-4000-8000-000000000000', '--data-dir', data]);
    expect(absent).toMatchObject({ code: 1 });
    expect(absent.stderr).toMatch(/No document with id/);

    const search = await lectern(['search', 'color', '--data-dir', data]);
    expect(search.stdout).toMatch(/«Colour» mixing\n +Mix primary «colours»\./);
    const results = JSON.parse((await lectern(['search', 'friction', '--json', '--data-dir', data])).stdout) as Array<{ document: { id: string } }>;
    expect(results.map((r) => r.document.id)).toEqual([ids.forces]);
  });

  it('backs up to a folder or a file, and checks the library', async () => {
    const backups = join(dir.path, 'usb');
    writeFileSync(join(dir.path, 'taken.sqlite'), 'x');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(backups);
    const toFolder = await lectern(['backup', backups, '--data-dir', data]);
    expect(toFolder.code).toBe(0);
    expect(toFolder.stdout).toMatch(/passed its integrity check/);
    expect(readdirSync(backups)).toEqual([expect.stringMatching(/^library-.*\.sqlite$/)]);
    const taken = await lectern(['backup', join(dir.path, 'taken.sqlite'), '--data-dir', data]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);

    const check = await lectern(['check', '--data-dir', data]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Integrity: +ok/);
    expect(check.stdout).toMatch(/Schema: +\d+ \(this version of Lectern knows up to \d+\)/);
    expect(JSON.parse((await lectern(['check', '--json', '--data-dir', data])).stdout)).toMatchObject({ integrity: 'ok', problems: [] });
  });

  it('exports and imports a library, making copies of what is already there', async () => {
    const file = join(dir.path, 'all.lectern-library');
    const exported = await lectern(['export-library', file, '--data-dir', data]);
    expect(exported.stdout).toMatch(/Exported 2 documents, 0 versions and 0 AI interactions/);
    expect((await lectern(['export-library', file, '--data-dir', data])).code).toBe(1);

    const fresh = join(dir.path, 'fresh');
    createCore({ dataDir: fresh, host: 'web-harness', version: 'test', library: { background: false } }).close();
    expect((await lectern(['import-library', file, '--data-dir', fresh])).stdout).toMatch(/Imported 2 documents, 0 as copies/);
    expect((await lectern(['import-library', file, '--data-dir', fresh])).stdout).toMatch(/Imported 0 documents, 2 as copies/);
    const titles = (JSON.parse((await lectern(['list', '--json', '--sort', 'title', '--data-dir', fresh])).stdout) as Array<{ title: string }>).map(
      (d) => d.title,
    );
    expect(titles).toEqual(['Colour mixing', 'Colour mixing (imported copy)', 'Forces', 'Forces (imported copy)']);

    writeFileSync(join(dir.path, 'bad.lectern-library'), '{"format":"lectern-library","version":1,"exportedAt":1}\n{"type":"document"');
    const bad = await lectern(['import-library', join(dir.path, 'bad.lectern-library'), '--data-dir', fresh]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot be imported: it is incomplete/);
    expect((JSON.parse((await lectern(['list', '--json', '--data-dir', fresh])).stdout) as unknown[]).length).toBe(4);
  });

  it('exports and imports back a library with template and AI lessons, their versions and AI interactions, identical', async () => {
    const server = new FakeOpenAiServer();
    await server.start();
    const source = join(dir.path, 'made');
    const made = openAppLibrary(source, server);
    let expected: ReturnType<typeof portableSnapshot>;
    try {
      const steps: Op[] = [
        { op: 'template', templateId: 'lesson-plan', keyStage: 'KS2', title: 'Rivers' },
        { op: 'ai-document', kind: 'lesson', title: 'Plants “and” light — Zoë', text: 'I can explain photosynthesis.' },
        { op: 'ai-document', kind: 'quiz', title: 'Quiz', text: 'Choose one.' },
        { op: 'advance', ms: 10 * 60_000 },
        { op: 'save', via: 'store', target: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ text: 'Meanders', type: 'text', marks: [{ attrs: { target: null, href: 'https://example.org' }, type: 'link' }] }] }] } },
        { op: 'named', target: 1, label: 'Ready' },
        { op: 'ai-edit', target: 1, action: 'rewrite', answer: 'Shorter.' },
        { op: 'trash', target: 2 },
      ];
      for (const step of steps) await apply(made, server, step, join(dir.path, 'made-scratch.lectern-library'));
      expected = portableSnapshot(made.core.db);
    } finally {
      made.core.close();
      await server.stop();
    }
    expect(expected.revisions.length).toBeGreaterThanOrEqual(2);
    expect(expected.interactions.length).toBe(3);

    const file = join(dir.path, 'made.lectern-library');
    const exported = await lectern(['export-library', file, '--data-dir', source]);
    expect(exported.stdout).toMatch(/Exported 2 documents, \d+ versions and 3 AI interactions/);
    const fresh = join(dir.path, 'made-fresh');
    createCore({ dataDir: fresh, host: 'web-harness', version: 'test', library: { background: false } }).close();
    const imported = await lectern(['import-library', file, '--data-dir', fresh]);
    expect(imported.stdout).toMatch(/Imported 2 documents, 0 as copies.*; 3 AI interactions/);
    const target = createCore({ dataDir: fresh, host: 'web-harness', version: 'test', library: { background: false } });
    try {
      expect(portableSnapshot(target.db)).toEqual(expected);
    } finally {
      target.close();
    }
  });

  it('refuses to write while the app holds the library, and still reads', async () => {
    const file = join(dir.path, 'locked.lectern-library');
    await lectern(['export-library', file, '--data-dir', data]);
    const app = createCore({ dataDir: data, host: 'web-harness', version: 'test', library: { background: false } });
    try {
      const refused = await lectern(['import-library', file, '--data-dir', data]);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(new RegExp(`library is open in Lectern \\(process ${process.pid}\\)`));
      expect(app.documents.list()).toHaveLength(2);
      const list = await lectern(['list', '--data-dir', data]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/Forces/);
    } finally {
      app.close();
    }
  });

  it('reports a damaged library with exit code 3, and runs through the lectern launcher', async () => {
    const launched = await lectern(['list', '--data-dir', data], ['electron/cli/lectern.mjs']);
    expect(launched.code).toBe(0);
    expect(launched.stdout).toMatch(/Colour mixing/);

    const broken = join(dir.path, 'broken');
    const core = createCore({ dataDir: broken, host: 'web-harness', version: 'test', library: { background: false } });
    for (let i = 0; i < 30; i++) core.documents.create({ title: `Doc ${i}`, kind: 'note', content: doc('y'.repeat(4000)) });
    core.close();
    const libraryFile = join(broken, LIBRARY_FILE);
    const pages = statSync(libraryFile).size / 4096;
    const fd = openSync(libraryFile, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 2, 0x5a), 0, 4096 * 2, 4096 * Math.floor(pages / 2));
    closeSync(fd);

    const check = await lectern(['check', '--data-dir', broken]);
    expect(check.code).toBe(3);
    expect(check.stdout).toMatch(/Integrity: +DAMAGED/);
    // The CLI reports; it never moves or "repairs" the file.
    expect(existsSync(libraryFile)).toBe(true);
  });
});
