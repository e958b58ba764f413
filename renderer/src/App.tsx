import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSummary, LecternDocument, MenuCommand } from '../../electron/contract';
import { lectern, unwrap } from './api/lectern';
import { describeError, format, strings } from './i18n';
import { ConfirmDialog } from './features/dialogs/ConfirmDialog';
import { LessonEditor, type EditorHandle } from './features/editor/LessonEditor';
import { clearDraft } from './features/editor/draftJournal';
import { recoverDrafts } from './features/library/recoverDrafts';
import { Sidebar } from './features/library/Sidebar';
import { SettingsView } from './features/settings/SettingsView';
import { SETTINGS_SECTIONS } from './features/settings/sections';
import { aiJobs } from './features/ai/aiJobs';
import { provideAiNavigation } from './features/ai/aiNavigation';
import { EMPTY_BRIEF, type LessonBrief } from './features/newLesson/brief';
import { GenerationView } from './features/newLesson/GenerationView';
import { NewLessonDialog } from './features/newLesson/NewLessonDialog';
import { ExportDialog } from './features/backup/ExportDialog';
import { ImportDialog } from './features/backup/ImportDialog';
import { FileImport } from './features/import/FileImport';
import { FilterGroup } from './features/filters/FilterGroup';
import { activeFilterCount, filterOf, listInputOf, sortSummaries } from './features/filters/libraryView';
import { useLibraryView } from './features/filters/useLibraryView';
import { SaveVersionDialog } from './features/history/SaveVersionDialog';
import { IntegrityBanner } from './features/integrity/IntegrityBanner';
import { useLibraryStatus } from './features/integrity/useLibraryStatus';
import { libraryEvents } from './features/library/libraryEvents';
import { SearchBox } from './features/search/SearchBox';
import { SearchResults } from './features/search/SearchResults';
import { useLibrarySearch } from './features/search/useLibrarySearch';
import { TrashView } from './features/trash/TrashView';

type Opened =
  | { status: 'none' }
  | { status: 'loading'; id: string }
  | { status: 'error'; id: string; message: string }
  | { status: 'ready'; document: LecternDocument; isNew?: boolean; generation: number };

export function App() {
  const [documents, setDocuments] = useState<DocumentSummary[]>();
  const [loadError, setLoadError] = useState<string>();
  const [opened, setOpened] = useState<Opened>({ status: 'none' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsSection, setSettingsSection] = useState<string>();
  const [newLesson, setNewLesson] = useState<{ brief: LessonBrief }>();
  const [generation, setGeneration] = useState<{ jobId: string; brief: LessonBrief }>();
  const handle = useRef<EditorHandle | undefined>(undefined);
  // Library: filters and order, search, the Trash, export/import/save-version dialogs, health.
  const { view, setView, key: viewKey } = useLibraryView();
  const viewRef = useRef(view);
  const [trashOpen, setTrashOpen] = useState(false);
  const [libraryTask, setLibraryTask] = useState<'export' | 'import' | 'save-version'>();
  const trashButton = useRef<HTMLButtonElement>(null);
  const libraryStatus = useLibraryStatus();
  const search = useLibrarySearch(filterOf(view), viewKey, documents);

  const refreshes = useRef(0);
  const refresh = useCallback(async () => {
    // Only the newest reload may set the list: an older answer may predate a filter or a change.
    const mine = ++refreshes.current;
    try {
      const list = await unwrap(lectern().documents.list(listInputOf(viewRef.current)));
      if (mine !== refreshes.current) return;
      setDocuments(list);
      setLoadError(undefined);
    } catch (error) {
      if (mine === refreshes.current) setLoadError(format(strings.library.loadFailed, { reason: describeError(error) }));
    }
  }, []);

  const open = useCallback(async (id: string) => {
    if (handle.current) await handle.current.flush();
    setOpened({ status: 'loading', id });
    setGeneration(undefined);
    try {
      setOpened({ status: 'ready', document: await unwrap(lectern().documents.get({ id })), generation: Date.now() });
      setSettingsOpen(false);
      setTrashOpen(false);
    } catch (error) {
      setOpened({ status: 'error', id, message: format(strings.editor.openFailed, { reason: describeError(error) }) });
    }
  }, []);

  const create = useCallback(async () => {
    if (handle.current) await handle.current.flush();
    try {
      const doc = await unwrap(lectern().documents.create({ kind: 'lesson-plan' }));
      const { content: _content, ...summary } = doc;
      setDocuments((list) => [summary, ...(list ?? [])]);
      setOpened({ status: 'ready', document: doc, isNew: true, generation: Date.now() });
      setSettingsOpen(false);
      setTrashOpen(false);
      setGeneration(undefined);
    } catch (error) {
      setNotice(describeError(error));
    }
  }, []);

  /** A lesson made elsewhere (from a template): list it and open it, title ready for typing. */
  const openCreated = useCallback((doc: LecternDocument) => {
    const { content: _content, ...summary } = doc;
    setDocuments((list) => [summary, ...(list ?? []).filter((d) => d.id !== doc.id)]);
    setOpened({ status: 'ready', document: doc, isNew: true, generation: Date.now() });
    setSettingsOpen(false);
    setGeneration(undefined);
    setNewLesson(undefined);
  }, []);

  const startGeneration = useCallback(
    async (jobId: string, brief: LessonBrief) => {
      setNewLesson(undefined);
      if (handle.current) await handle.current.flush();
      setOpened({ status: 'none' });
      setSettingsOpen(false);
      setGeneration({ jobId, brief });
      // Core saves the lesson when the job ends, even if the teacher has gone elsewhere meanwhile.
      void aiJobs.whenFinished(jobId).then(() => refresh());
    },
    [refresh],
  );

  useEffect(
    () =>
      provideAiNavigation({
        openSettings: (sectionId) => {
          setNewLesson(undefined);
          setSettingsSection(sectionId);
          setSettingsOpen(true);
        },
        openDocument: (id) => {
          void refresh();
          void open(id);
        },
      }),
    [refresh, open],
  );

  const remove = useCallback(async (id: string, title: string) => {
    setConfirmDelete(false);
    try {
      await unwrap(lectern().documents.delete({ id }));
      clearDraft(localStorage, id);
      setOpened({ status: 'none' });
      setDocuments((list) => list?.filter((d) => d.id !== id));
      setNotice(format(strings.trash.moved, { title }));
      libraryEvents.emit({ type: 'changed' });
    } catch (error) {
      setNotice(describeError(error));
    }
  }, []);

  const onSummaryChange = useCallback((change: Partial<DocumentSummary> & { id: string }) => {
    setDocuments((list) => {
      if (!list) return list;
      const updated = list.map((d) => (d.id === change.id ? { ...d, ...change } : d));
      return sortSummaries(updated, viewRef.current.sort);
    });
  }, []);

  const registerHandle = useCallback((h: EditorHandle | undefined) => {
    handle.current = h;
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        if ((await recoverDrafts(localStorage)) > 0) setNotice(strings.editor.recovered);
      } catch (error) {
        setNotice(describeError(error));
      }
      await refresh();
    })();
  }, [refresh]);

  // A new filter or order reloads the list (the first load waits for draft recovery, above).
  const listedView = useRef(viewKey);
  useEffect(() => {
    viewRef.current = view;
    if (listedView.current === viewKey) return;
    listedView.current = viewKey;
    void refresh();
  }, [view, viewKey, refresh]);

  const openTrash = useCallback(async () => {
    if (handle.current) await handle.current.flush();
    setSettingsOpen(false);
    setGeneration(undefined);
    setTrashOpen(true);
  }, []);

  // What library features ask of the app: reload the list, open a lesson, start again after a restore.
  useEffect(
    () =>
      libraryEvents.on((event) => {
        if (event.type === 'changed') void refresh();
        else if (event.type === 'open') void refresh().then(() => open(event.id));
        else if (event.type === 'replaced') {
          setOpened({ status: 'none' });
          void refresh();
        }
      }),
    [refresh, open],
  );

  const openedId = opened.status === 'ready' ? opened.document.id : undefined;

  // Menu commands and the close handshake arrive as events from the app.
  useEffect(() => {
    const onCommand = (command: MenuCommand) => {
      if (command === 'new-document') void create();
      else if (command === 'save-now') void handle.current?.flush();
      else if (command === 'rename-document') handle.current?.focusTitle();
      else if (command === 'delete-document' && openedId) setConfirmDelete(true);
      else if (command === 'focus-search') document.querySelector<HTMLElement>('[data-search]')?.focus();
      else if (command === 'show-trash') void openTrash();
      else if (command === 'export-library') setLibraryTask('export');
      else if (command === 'import-library') setLibraryTask('import');
      else if (command === 'save-version' && openedId) setLibraryTask('save-version');
    };
    return lectern().events.on((event) => {
      if (event.type === 'menu.command') onCommand(event.command);
      else if (event.type === 'app.closeRequested') {
        void (handle.current?.flush() ?? Promise.resolve(true)).finally(() => void lectern().app.closeReady({}));
      }
    });
  }, [create, openedId, openTrash]);

  // Ctrl/Cmd+S saves at once; the browser's own "save page" would be meaningless here.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void handle.current?.flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openedTitle = documents?.find((d) => d.id === openedId)?.title || strings.library.untitled;

  const trashShown = !settingsOpen && !generation && trashOpen;
  const showLesson = !settingsOpen && !generation && !trashOpen;
  return (
    <div className="app">
      <Sidebar
        documents={documents}
        selectedId={opened.status === 'ready' ? opened.document.id : opened.status === 'none' ? undefined : opened.id}
        onSelect={(id) => void open(id)}
        onCreate={() => void create()}
        loadError={loadError}
        onRetry={() => void refresh()}
        onOpenSettings={
          SETTINGS_SECTIONS.length > 0
            ? () => {
                setSettingsOpen(true);
                setTrashOpen(false);
              }
            : undefined
        }
        onCreateFrom={() => setNewLesson({ brief: generation?.brief ?? EMPTY_BRIEF })}
        search={<SearchBox search={search} filtered={activeFilterCount(view) > 0} />}
        filters={<FilterGroup view={view} onChange={setView} />}
        results={search.active ? <SearchResults search={search} selectedId={openedId} onOpen={(id) => void open(id)} /> : undefined}
        listLabel={strings.filters.listLabels[view.sort]}
        emptyText={activeFilterCount(view) > 0 ? strings.filters.noneMatch : strings.library.empty}
        trash={
          <button type="button" ref={trashButton} aria-current={trashShown ? 'page' : undefined} onClick={() => void openTrash()}>
            {libraryStatus.status?.trashed ? format(strings.trash.openWithCount, { count: libraryStatus.status.trashed }) : strings.trash.open}
          </button>
        }
      />
      <main className="main">
        <IntegrityBanner status={libraryStatus.status} beforeRestore={() => handle.current?.flush() ?? Promise.resolve(true)} />
        {notice && (
          <div role="status" className="notice">
            <p>{notice}</p>
            <button type="button" onClick={() => setNotice(undefined)}>
              {strings.editor.dismiss}
            </button>
          </div>
        )}
        {settingsOpen && <SettingsView key={settingsSection} initialSection={settingsSection} onClose={() => setSettingsOpen(false)} />}
        {!settingsOpen && generation && (
          <GenerationView
            key={generation.jobId}
            jobId={generation.jobId}
            brief={generation.brief}
            onFinished={(documentId, message) => {
              void open(documentId).then(() => setNotice(message));
            }}
            onBack={() => setGeneration(undefined)}
            onTryAgain={() => {
              setNewLesson({ brief: generation.brief });
              setGeneration(undefined);
            }}
          />
        )}
        {trashShown && (
          <TrashView
            onClose={() => {
              setTrashOpen(false);
              trashButton.current?.focus();
            }}
            onOpen={(id) => void open(id)}
          />
        )}
        {showLesson && opened.status === 'none' && <p className="main__empty">{strings.editor.noneOpen}</p>}
        {showLesson && opened.status === 'loading' && <p role="status">{strings.editor.loading}</p>}
        {showLesson && opened.status === 'error' && <p role="alert">{opened.message}</p>}
        {showLesson && opened.status === 'ready' && (
          <LessonEditor
            key={`${opened.document.id}:${opened.generation}`}
            document={opened.document}
            onSummaryChange={onSummaryChange}
            onRequestDelete={() => setConfirmDelete(true)}
            registerHandle={registerHandle}
            focusTitleOnOpen={opened.isNew ?? false}
            reopen={() => open(opened.document.id)}
          />
        )}
      </main>
      {confirmDelete && openedId && (
        <ConfirmDialog
          title={format(strings.dialogs.deleteTitle, { title: openedTitle })}
          body={strings.dialogs.deleteBody}
          confirmLabel={strings.dialogs.deleteConfirm}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => void remove(openedId, openedTitle)}
        />
      )}
      {libraryTask === 'export' && <ExportDialog onClose={() => setLibraryTask(undefined)} />}
      {libraryTask === 'import' && <ImportDialog onClose={() => setLibraryTask(undefined)} />}
      <FileImport />
      {libraryTask === 'save-version' && openedId && (
        <SaveVersionDialog
          documentId={openedId}
          flush={() => handle.current?.flush() ?? Promise.resolve(true)}
          onClose={() => setLibraryTask(undefined)}
          onSaved={(_revision, announcement) => {
            setLibraryTask(undefined);
            setNotice(announcement);
          }}
        />
      )}
      {newLesson && (
        <NewLessonDialog
          initialBrief={newLesson.brief}
          onClose={() => setNewLesson(undefined)}
          onStarted={(jobId, brief) => void startGeneration(jobId, brief)}
          onCreated={openCreated}
        />
      )}
    </div>
  );
}
