import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../contract';
import { systemClock, type Clock } from './clock';
import { openDatabase } from './db/openDatabase';
import { schemaVersion } from './db/migrate';
import { EventHub } from './events';
import { DocumentStore } from './library/documentStore';
import { silentLogger, type Logger } from './log';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatch';
import type { SecretStore } from './secrets';

export interface AppConfig {
  /** Folder holding the library database and everything else Lectern keeps. */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  clock?: Clock;
  log?: Logger;
  secrets?: SecretStore;
  /** Called when the renderer has saved everything after a close request. */
  onCloseReady?: () => boolean;
}

export interface LecternCore {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly documents: DocumentStore;
  readonly db: Database;
  close(): void;
}

export const LIBRARY_FILE = 'library.sqlite';

/** The composition root: Electron's main process and the web harness both build core here. */
export function createCore(config: AppConfig): LecternCore {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = config.clock ?? systemClock;
  const log = config.log ?? silentLogger;
  const db = openDatabase(join(config.dataDir, LIBRARY_FILE));
  const events = new EventHub();
  const documents = new DocumentStore(db, clock);

  const handlers: Handlers = {
    'app.info': () => ({ name: 'Lectern', version: config.version, host: config.host, schemaVersion: schemaVersion(db) }),
    'app.closeReady': () => ({ closing: config.onCloseReady?.() ?? false }),
    'documents.create': (input) => documents.create(input),
    'documents.list': () => documents.list(),
    'documents.get': ({ id }) => documents.get(id),
    'documents.rename': ({ id, title }) => documents.rename(id, title),
    'documents.save': ({ id, content }) => documents.save(id, content),
    'documents.delete': ({ id }) => {
      documents.delete(id);
      return { deleted: true as const };
    },
  };

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    documents,
    db,
    close() {
      if (db.open) db.close();
    },
  };
}
