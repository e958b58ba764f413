import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, isMethodName } from '../../../electron/contract';
import { createCore, type LecternCore } from '../../../electron/core/app';
import { MAX_PAYLOAD_DEPTH, nestsDeeperThan } from '../../../electron/core/rpc/dispatch';
import { tempDir } from '../../helpers/tempDir';

describe('the contract and the dispatcher', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: LecternCore;
  beforeEach(() => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test' });
  });
  afterEach(() => {
    core.close();
    dir.dispose();
  });

  it('names every method service.method, once', () => {
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    for (const name of METHOD_NAMES) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(METHOD_NAMES).toContain('documents.save');
    expect(Object.keys(contract)).toContain('documents');
  });

  it('reaches nothing but the declared methods', async () => {
    for (const name of ['documents.drop', 'constructor', '__proto__.toString', 'documents.__proto__', 'toString', '', 'documents']) {
      expect(isMethodName(name)).toBe(false);
      expect(await core.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it.each([
    ['documents.get', { id: 'not-a-uuid' }],
    ['documents.get', {}],
    ['documents.get', 'a string'],
    ['documents.save', { id: '00000000-0000-4000-8000-000000000000', content: { type: 'paragraph' } }],
    ['documents.save', { id: '00000000-0000-4000-8000-000000000000', content: { type: 'doc', content: [{ type: '<script>' }] } }],
    ['documents.create', { kind: 'spreadsheet' }],
    ['documents.create', { title: 'x'.repeat(201) }],
    ['documents.rename', { id: '00000000-0000-4000-8000-000000000000', title: 'ok', extra: true }],
    ['documents.create', { title: 'Forces\u0000' }],
    ['documents.create', { title: 'Line\nbreak' }],
    ['documents.create', { title: 'Year 7 \u202Efdp.exe' }],
    ['documents.create', { title: '\u2067Isolated\u2069' }],
    ['documents.duplicate', { id: '00000000-0000-4000-8000-000000000000', title: 'Tab\there' }],
    ['templates.create', { templateId: 'lesson-plan', title: 'Over\u202Dride' }],
    ['search.query', { text: 'forces\u0000' }],
  ])('%s with a malformed payload gets VALIDATION and changes nothing', async (name, payload) => {
    const before = core.documents.list().length;
    const result = await core.dispatch(name, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack
    expect(core.documents.list().length).toBe(before);
  });

  it('refuses a title with a control or bidi override character on rename, keeping right-to-left text', async () => {
    const created = await core.dispatch('documents.create', { title: 'درس العلوم \u200F(Science)' });
    expect(created).toMatchObject({ ok: true, value: { title: 'درس العلوم \u200F(Science)' } });
    const id = (created as { value: { id: string } }).value.id;
    for (const title of ['\u202Aembedded', 'bell\u0007', 'del\u007f']) {
      expect(await core.dispatch('documents.rename', { id, title })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(core.documents.get(id).title).toBe('درس العلوم \u200F(Science)');
  });

  it('refuses a payload nested deeper than the cap as VALIDATION, before any schema recurses', async () => {
    const nested = (levels: number) => {
      let node: Record<string, unknown> = { type: 'text', text: 'x' };
      for (let i = 0; i < levels; i++) node = { type: 'blockquote', content: [node] };
      return { type: 'doc', content: [node] };
    };
    const created = await core.dispatch('documents.create', { title: 'Deep' });
    const { id } = (created as { value: { id: string } }).value;
    for (const levels of [1_500, 100_000]) {
      const result = await core.dispatch('documents.save', { id, content: nested(levels) });
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: `Invalid input for documents.save: nested more than ${MAX_PAYLOAD_DEPTH} levels deep.` } });
    }
    // Deep but within the cap: the schema itself decides.
    expect(await core.dispatch('documents.save', { id, content: nested(40) })).toMatchObject({ ok: true });
    const cyclic: Record<string, unknown> = { id };
    cyclic.content = { type: 'doc', content: [cyclic] };
    expect(await core.dispatch('documents.save', cyclic)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('measures depth without recursion, along the longest path to a shared object', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 200)).toBe(true);
    expect(nestsDeeperThan([[['x']]], 3)).toBe(false);
    expect(nestsDeeperThan([[['x']]], 2)).toBe(true);
    expect(nestsDeeperThan('plain', 0)).toBe(false);
    // A shared object first reached by a short path, then by a long one.
    const shared = { a: [[1]] };
    expect(nestsDeeperThan({ short: shared, long: [[[[shared]]]] }, 6)).toBe(true);
    expect(nestsDeeperThan({ short: shared, long: [[[[shared]]]] }, 8)).toBe(false);
    // Many paths to the same objects cost no more than the objects do.
    let diamond: unknown = 'x';
    for (let i = 0; i < 60; i++) diamond = [diamond, diamond];
    expect(nestsDeeperThan(diamond, 200)).toBe(false);
  });

  it('returns typed values and typed errors, never a stack', async () => {
    const created = await core.dispatch('documents.create', { title: 'Forces', kind: 'worksheet' });
    expect(created).toMatchObject({ ok: true, value: { title: 'Forces', kind: 'worksheet' } });
    const missing = await core.dispatch('documents.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
