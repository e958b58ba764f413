import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { SecretStorageUnavailableError, createSafeStorageSecretStore } from '../../../electron/main/secrets';
import { tempDir } from '../../helpers/tempDir';
import { createFakeSafeStorage } from './fakeElectron';
import { recordingLogger } from './recordingLogger';

const KEY = 'sk-live-Abc123SuperSecretKeyForTheSchool';

describe('the safeStorage secret store', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'secrets.json');
  });
  afterEach(() => dir.dispose());

  const open = (safeStorage = createFakeSafeStorage(), platform: NodeJS.Platform = 'win32', log = recordingLogger()) =>
    createSafeStorageSecretStore({ safeStorage: safeStorage as unknown as SafeStorage, file, platform, log });

  it('round-trips a key, and the file holds only ciphertext', async () => {
    const log = recordingLogger();
    const store = await open(undefined, 'win32', log);
    expect(store.isEncryptionAvailable()).toBe(true);
    await store.set('openai', KEY);
    expect(await store.get('openai')).toBe(KEY);
    expect(await store.get('azure')).toBeUndefined();

    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('SuperSecret');
    expect(Buffer.from(raw).includes(Buffer.from(KEY))).toBe(false);
    const parsed = JSON.parse(raw) as { version: number; values: Record<string, string> };
    expect(parsed.version).toBe(1);
    expect(Buffer.from(parsed.values['openai'] ?? '', 'base64').toString('utf8')).not.toContain(KEY);
    expect(log.text()).not.toContain(KEY);

    // A new store (the next launch) reads what the last one wrote.
    expect(await (await open()).get('openai')).toBe(KEY);
  });

  it('is private to the user and leaves no temporary files behind', async () => {
    const store = await open();
    await store.set('openai', KEY);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(dir.path)).toEqual(['secrets.json']);
  });

  it('deletes a key', async () => {
    const store = await open();
    await store.set('openai', KEY);
    await store.set('azure', 'other');
    await store.delete('openai');
    expect(await store.get('openai')).toBeUndefined();
    expect(await store.get('azure')).toBe('other');
  });

  it('keeps both of two saves made at once', async () => {
    const store = await open();
    await Promise.all([store.set('a', 'one'), store.set('b', 'two'), store.set('c', 'three')]);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['one', 'two', 'three']);
  });

  it('refuses to store when the OS offers no encryption, and never falls back to plain text', async () => {
    const store = await open(createFakeSafeStorage({ available: false }));
    expect(store.isEncryptionAvailable()).toBe(false);
    const attempt = store.set('openai', KEY);
    await expect(attempt).rejects.toBeInstanceOf(SecretStorageUnavailableError);
    await expect(store.set('openai', KEY)).rejects.toBeInstanceOf(AppError);
    await expect(store.set('openai', KEY)).rejects.toThrow(/no secure place to keep keys/);
    expect(existsSync(file)).toBe(false);
  });

  it("treats Linux's basic_text backend (a fixed, public password) as no encryption", async () => {
    const store = await open(createFakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(store.isEncryptionAvailable()).toBe(false);
    await expect(store.set('openai', KEY)).rejects.toBeInstanceOf(SecretStorageUnavailableError);
    expect((await open(createFakeSafeStorage({ backend: 'kwallet6' }), 'linux')).isEncryptionAvailable()).toBe(true);
  });

  it('re-encrypts a key when the OS has rotated its own key', async () => {
    const safeStorage = createFakeSafeStorage();
    const store = await open(safeStorage);
    await store.set('openai', KEY);
    safeStorage.reEncryptNext = true;
    expect(await store.get('openai')).toBe(KEY);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
    expect(await store.get('openai')).toBe(KEY);
  });

  it('sets a damaged file aside and starts afresh', async () => {
    writeFileSync(file, '{"version": 1, "values": {"openai": "not base64 !!"}}');
    const log = recordingLogger();
    const store = await open(undefined, 'win32', log);
    expect(await store.get('openai')).toBeUndefined();
    await store.set('openai', KEY);
    expect(await store.get('openai')).toBe(KEY);
    expect(readdirSync(dir.path).some((name) => name.startsWith('secrets.json.damaged-'))).toBe(true);
    expect(log.text()).toContain('set aside');
  });
});
