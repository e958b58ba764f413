import { mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../contract';
import { systemClock, type Clock } from './clock';
import { acquireLibraryLock, type LibraryLock } from './db/lock';
import { schemaVersion } from './db/migrate';
import { EventHub } from './events';
import type { DocumentStore } from './library/documentStore';
import { Library, LIBRARY_FILE, type LibraryOptions } from './library/library';
import { libraryHandlers, type LibraryFileChooser } from './library/handlers';
import { silentLogger, type Logger } from './log';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatch';
import { MemorySecretStore, type SecretStore } from './secrets';
import { AiService, type AiEngineOptions } from './ai/aiService';
import { Provenance } from './provenance/provenance';
import { aiHandlers } from './ai/handlers';
import { ReviewDecisions } from './provenance/reviewDecisions';
import { reviewHandlers } from './provenance/reviewHandlers';
import type { AiEnv } from './ai/settingsStore';
import { AssetStore } from './assets/assetStore';
import { assetHandlers } from './assets/handlers';
import { Importer } from './import/importer';
import { importHandlers, type ImportFileChooser } from './import/handlers';

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
  /**
   * Open without the write lock: no migrations, no writes, no background work. For the CLI's
   * read commands, which are safe beside a running app under WAL.
   */
  readOnly?: boolean;
  /** Named in the lock file, so another process can say who has the library open. Default 'app'. */
  lockHolder?: string;
  /** Export and import file dialogs (main), or a folder of their own (harness, tests). */
  files?: LibraryFileChooser;
  /** The multi-file dialog of File → Import… (main), or a folder of its own (harness, tests). */
  importFiles?: ImportFileChooser;
  /** Library tuning: revision cadence, backups, background work (library/library.ts). */
  library?: Partial<Pick<LibraryOptions, 'revisionPolicy' | 'backup' | 'background' | 'searchIdleMs' | 'onDamaged'>>;
  /** LECTERN_AI_* overrides: main and the harness pass process.env, tests an object of their own. */
  env?: AiEnv;
  /** Test and bench seams for the AI engine (sleep, timeouts, fetch). */
  ai?: AiEngineOptions;
  /** The reviewer's name until the teacher sets one in Settings (default: the computer account's name). */
  defaultReviewerName?: string;
}

export interface LecternCore {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly documents: DocumentStore;
  readonly library: Library;
  readonly db: Database;
  readonly ai: AiService;
  readonly provenance: Provenance;
  /** Images, referenced by id from documents (issue 10 §3). */
  readonly assets: AssetStore;
  /** Word, Markdown, HTML and text files in as new documents (issue 10 §1). */
  readonly importer: Importer;
  close(): void;
}

export { LIBRARY_FILE };

/** The composition root: Electron's main process and the web harness both build core here. */
export function createCore(config: AppConfig): LecternCore {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = config.clock ?? systemClock;
  const log = config.log ?? silentLogger;
  // The lock comes first: a second writer must be refused before it migrates or writes anything.
  const lock: LibraryLock | undefined = config.readOnly ? undefined : acquireLibraryLock(config.dataDir, config.lockHolder ?? 'app');
  let library: Library;
  try {
    library = new Library({ dataDir: config.dataDir, clock, log, readonly: config.readOnly ?? false, ...config.library });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = library.db;
  const events = new EventHub();
  const documents = library.documents;
  const secrets = config.secrets ?? new MemorySecretStore();
  // Only a secret store the caller gave (the keychain in the app, memory in the harness) holds the
  // checkpoint key: a process without one (the CLI) must not sign the log with a key nobody keeps.
  const provenance = new Provenance({ db, clock, log, secrets: config.secrets, dataDir: config.dataDir, readonly: config.readOnly ?? false });
  library.auditHooks = provenance;
  library.backups.onWritten = (path) => provenance.backupWritten(path);
  const assets = new AssetStore(db, clock);
  // Images no document or revision references any more go when documents are deleted for good.
  library.trash.onPurged = () => {
    provenance.purged();
    assets.removeUnreferenced();
  };
  const ai = new AiService({ db, secrets, env: config.env ?? {}, clock, log, events, documents, provenance, options: config.ai });

  const review = new ReviewDecisions(db, provenance.audit, clock, config.defaultReviewerName);

  const importer = new Importer({ documents, clock, images: async (bytes, hints) => (await assets.put(bytes, hints)).id });

  const handlers: Handlers = {
    'app.info': () => ({ name: 'Lectern', version: config.version, host: config.host, schemaVersion: schemaVersion(db) }),
    'app.closeReady': () => ({ closing: config.onCloseReady?.() ?? false }),
    ...libraryHandlers(library, { appVersion: config.version, clock, files: config.files }),
    ...aiHandlers(ai, documents),
    ...reviewHandlers(review),
    ...assetHandlers(assets, () => library.assertAvailable()),
    ...importHandlers(importer, config.importFiles, () => library.assertAvailable()),
  };

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    documents,
    library,
    db,
    ai,
    provenance,
    assets,
    importer,
    close() {
      ai.jobs.cancelAll();
      library.close();
      lock?.release();
    },
  };
}
