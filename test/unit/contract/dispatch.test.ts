import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, isMethodName } from '../../../electron/contract';
import { createCore, type LecternCore } from '../../../electron/core/app';
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
  ])('%s with a malformed payload gets VALIDATION and changes nothing', async (name, payload) => {
    const before = core.documents.list().length;
    const result = await core.dispatch(name, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack
    expect(core.documents.list().length).toBe(before);
  });

  it('returns typed values and typed errors, never a stack', async () => {
    const created = await core.dispatch('documents.create', { title: 'Forces', kind: 'worksheet' });
    expect(created).toMatchObject({ ok: true, value: { title: 'Forces', kind: 'worksheet' } });
    const missing = await core.dispatch('documents.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
