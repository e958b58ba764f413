import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { AppError } from '../core/errors';
import type { Logger } from '../core/log';
import type { SecretStore } from '../core/secrets';

export const SECRETS_FILE = 'secrets.json';

/**
 * Raised instead of ever writing a key in the clear. On Linux this happens without a keyring
 * (GNOME Keyring, KWallet); Electron's "basic_text" fallback there uses a fixed, public password,
 * so it counts as unavailable too.
 */
export class SecretStorageUnavailableError extends AppError {
  constructor() {
    super(
      'STORAGE',
      'This computer offers no secure place to keep keys, so Lectern will not save this one. On Linux, install or unlock a keyring (such as GNOME Keyring or KWallet) and try again.',
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

const SecretsFileSchema = z.object({
  version: z.literal(1),
  /** name → base64 of the safeStorage ciphertext. */
  values: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

type Encryptor = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export interface SafeStorageSecretStoreOptions {
  safeStorage: Encryptor;
  file: string;
  platform: NodeJS.Platform;
  log: Logger;
}

/**
 * API keys encrypted by the operating system (DPAPI, Keychain, libsecret/kwallet) and kept as
 * base64 in a small JSON file in the app's data folder. Must be created after the app is ready.
 */
export async function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): Promise<SecretStore> {
  const available = await encryptionAvailable(options);
  if (!available) options.log.warn('secure storage for keys is not available on this computer');
  return new SafeStorageSecretStore(options, available);
}

async function encryptionAvailable({ safeStorage, platform }: SafeStorageSecretStoreOptions): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

class SafeStorageSecretStore implements SecretStore {
  /** Writes are queued so two quick saves cannot interleave their read-modify-write. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: SafeStorageSecretStoreOptions,
    private readonly available: boolean,
  ) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  async get(name: string): Promise<string | undefined> {
    const encoded = (await this.read()).values[name];
    if (encoded === undefined) return undefined;
    if (!this.available) throw new SecretStorageUnavailableError();
    const { result, shouldReEncrypt } = await this.options.safeStorage.decryptStringAsync(Buffer.from(encoded, 'base64'));
    // The OS rotated its key: store the value again under the new one so it stays readable.
    if (shouldReEncrypt) await this.set(name, result);
    return result;
  }

  async set(name: string, value: string): Promise<void> {
    if (!this.available) throw new SecretStorageUnavailableError();
    const encrypted = await this.options.safeStorage.encryptStringAsync(value);
    await this.update((file) => {
      file.values[name] = encrypted.toString('base64');
    });
  }

  async delete(name: string): Promise<void> {
    await this.update((file) => {
      delete file.values[name];
    });
  }

  private update(change: (file: SecretsFile) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.read();
      change(file);
      await this.write(file);
    });
    // Later updates must run even if this one failed; the failure still reaches this caller.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<SecretsFile> {
    let raw: string;
    try {
      raw = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1, values: {} };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = SecretsFileSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    // Ciphertext cannot be repaired; keep the damaged file aside for IT and start afresh, so the
    // teacher can enter the key again rather than being stuck.
    const aside = `${this.options.file}.damaged-${Date.now()}`;
    await rename(this.options.file, aside);
    this.options.log.warn('the saved keys file was damaged and has been set aside', { file: aside });
    return { version: 1, values: {} };
  }

  private async write(file: SecretsFile): Promise<void> {
    await mkdir(dirname(this.options.file), { recursive: true });
    const temp = `${this.options.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(file), { encoding: 'utf8', mode: 0o600 });
    await rename(temp, this.options.file);
  }
}
