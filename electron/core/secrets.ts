/**
 * Where API keys live. In the app this is Electron's safeStorage (the OS keychain); in the harness
 * and tests, memory. Core never writes a secret anywhere else and never returns one to a caller
 * outside core.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** False when the OS offers no encryption (for example Linux without a keyring). */
  isEncryptionAvailable(): boolean;
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
  isEncryptionAvailable() {
    return false;
  }
}
