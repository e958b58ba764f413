import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { AuditHead } from './auditLog';

/** Beside the library file: outside the database, so cutting or rewriting the log cannot take it along. */
export const CHECKPOINT_FILE = 'audit-checkpoint.json';
/** The HMAC key's name in the secret store (the OS keychain through safeStorage in the app). */
export const CHECKPOINT_KEY_NAME = 'provenance.checkpointKey';
const FORMAT = 'lectern-audit-checkpoint';
const EXPORT_PURPOSE = 'lectern-audit-export';

/**
 * The checkpoint a backup carries: written when it is made, checked when it is restored. Kept in
 * a folder of its own (not in backups/, which holds only backups) and named after the backup.
 */
export const BACKUP_CHECKPOINT_DIR = 'audit-checkpoints';
export const backupCheckpointPath = (dataDir: string, backupFile: string): string => join(dataDir, BACKUP_CHECKPOINT_DIR, `${backupFile}.json`);

export type CheckpointFile =
  | { state: 'absent' }
  | { state: 'unreadable' }
  | { state: 'bad-mac'; seq: number; hash: string }
  | { state: 'valid'; seq: number; hash: string; at: number };

export type KeyState = 'loading' | 'ready' | 'unavailable';

/**
 * The keyed checkpoint: an HMAC-SHA256, with a key kept in the secret store, over the latest
 * sequence number and head hash of the audit log. Anyone who can write the database can rewrite
 * the hash chain consistently; without the key they cannot make a checkpoint that agrees with it.
 */
export class AuditCheckpoint {
  readonly file: string;
  private key: Buffer | undefined;
  keyState: KeyState = 'loading';
  /** True when this run had to make a new key (first use, or the old one was not available). */
  keyCreated = false;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore | undefined,
    private readonly log: Logger,
    private readonly clock: { now(): number },
  ) {
    this.file = join(dataDir, CHECKPOINT_FILE);
  }

  /** Reads the key, or makes and stores one when there is none. Never throws: no key store means no checkpoint. */
  async loadKey(canCreate: boolean): Promise<void> {
    if (!this.secrets) {
      this.keyState = 'unavailable';
      return;
    }
    try {
      let hex = await this.secrets.get(CHECKPOINT_KEY_NAME);
      if (hex === undefined && canCreate) {
        hex = randomBytes(32).toString('hex');
        await this.secrets.set(CHECKPOINT_KEY_NAME, hex);
        this.keyCreated = true;
      }
      if (hex === undefined || !/^[0-9a-f]{64}$/.test(hex)) {
        this.keyState = 'unavailable';
        return;
      }
      this.key = Buffer.from(hex, 'hex');
      this.keyState = 'ready';
    } catch (error) {
      this.keyState = 'unavailable';
      this.log.warn('audit checkpoint key unavailable; the checkpoint cannot be kept', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  async forgetKey(): Promise<void> {
    this.key = undefined;
    this.keyState = 'unavailable';
    this.keyCreated = false;
    try {
      await this.secrets?.delete(CHECKPOINT_KEY_NAME);
    } catch (error) {
      this.log.warn('unused audit checkpoint key could not be removed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private mac(head: AuditHead, purpose = FORMAT): Buffer {
    if (!this.key) throw new Error('the checkpoint key is not loaded');
    return createHmac('sha256', this.key).update(`${purpose}:1:${head.seq}:${head.hash}`, 'utf8').digest();
  }

  /** The checkpoint a library export carries (a purpose of its own, so it cannot stand in for the file's). */
  exportMac(head: AuditHead): string | undefined {
    return this.key ? this.mac(head, EXPORT_PURPOSE).toString('hex') : undefined;
  }

  checkExportMac(head: AuditHead, mac: string): boolean {
    return !!this.key && /^[0-9a-f]{64}$/.test(mac) && timingSafeEqual(Buffer.from(mac, 'hex'), this.mac(head, EXPORT_PURPOSE));
  }

  read(path = this.file): CheckpointFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
      return { state: 'unreadable' };
    }
    let value: { format?: unknown; seq?: unknown; hash?: unknown; at?: unknown; mac?: unknown };
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      return { state: 'unreadable' };
    }
    const { seq, hash, at, mac } = value;
    if (value.format !== FORMAT || !Number.isSafeInteger(seq) || (seq as number) < 0 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
      return { state: 'unreadable' };
    }
    const head = { seq: seq as number, hash };
    if (!this.key || typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac) || !timingSafeEqual(Buffer.from(mac, 'hex'), this.mac(head))) {
      return { state: 'bad-mac', ...head };
    }
    return { state: 'valid', ...head, at: typeof at === 'number' ? at : 0 };
  }

  /** Replaces the file in one rename, so a reader sees the old checkpoint or the new one. */
  write(head: AuditHead, path = this.file): void {
    const body = JSON.stringify({ format: FORMAT, version: 1, seq: head.seq, hash: head.hash, at: this.clock.now(), mac: this.mac(head).toString('hex') });
    const partial = `${path}.partial`;
    if (path !== this.file) mkdirSync(dirname(path), { recursive: true });
    writeFileSync(partial, body + '\n');
    renameSync(partial, path);
  }
}
