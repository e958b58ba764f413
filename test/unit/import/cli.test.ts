import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { createCore } from '../../../electron/core/app';
import { tempDir } from '../../helpers/tempDir';
import { lessonDocx } from './fixtures';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.dispose()));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('lectern import FILE… [--folder NAME]', () => {
  it('imports several files into a folder, reports what did not come in, and exits 1 when one is refused', async () => {
    const data = tempDir();
    const files = tempDir();
    dirs.push(data, files);
    writeFileSync(join(files.path, 'Photosynthesis.docx'), await lessonDocx({ images: 0 }));
    writeFileSync(join(files.path, 'plan.md'), '# Week 1\n\n- [x] Starter\n- [ ] Main\n');
    writeFileSync(join(files.path, 'fake.docx'), '%PDF-1.4');
    const run = await cli(['import', join(files.path, 'Photosynthesis.docx'), join(files.path, 'plan.md'), join(files.path, 'fake.docx'), '--folder', 'Year 8/Science', '--data-dir', data.path]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Imported Photosynthesis\.docx as "Photosynthesis"/);
    expect(run.out).toContain('  not imported: 1 comments');
    expect(run.out).toMatch(/Imported plan\.md as "Week 1"/);
    expect(run.err).toContain('Not imported: fake.docx is not a Word document');

    const core = createCore({ dataDir: data.path, host: 'electron', version: 'test', readOnly: true, library: { background: false } });
    try {
      expect(core.documents.list({ folder: 'Year 8/Science' }).map((d) => d.title).sort()).toEqual(['Photosynthesis', 'Week 1']);
    } finally {
      core.close();
    }
  });

  it('prints JSON with --json, and refuses a bad --folder before touching anything', async () => {
    const data = tempDir();
    dirs.push(data);
    const file = join(data.path, 'note.txt');
    writeFileSync(file, 'Bring calculators');
    const json = await cli(['import', file, '--json', '--data-dir', data.path]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject([{ fileName: 'note.txt', status: 'imported', format: 'text', title: 'Bring calculators' }]);
    const bad = await cli(['import', file, '--folder', '../up', '--data-dir', data.path]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--folder must be names separated by /');
  });
});
