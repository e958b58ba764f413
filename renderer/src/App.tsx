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
  const handle = useRef<EditorHandle | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setDocuments(await unwrap(lectern().documents.list({})));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(format(strings.library.loadFailed, { reason: describeError(error) }));
    }
  }, []);

  const open = useCallback(async (id: string) => {
    if (handle.current) await handle.current.flush();
    setOpened({ status: 'loading', id });
    try {
      setOpened({ status: 'ready', document: await unwrap(lectern().documents.get({ id })), generation: Date.now() });
      setSettingsOpen(false);
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
    } catch (error) {
      setNotice(describeError(error));
    }
  }, []);

  const remove = useCallback(async (id: string) => {
    setConfirmDelete(false);
    try {
      await unwrap(lectern().documents.delete({ id }));
      clearDraft(localStorage, id);
      setOpened({ status: 'none' });
      setDocuments((list) => list?.filter((d) => d.id !== id));
    } catch (error) {
      setNotice(describeError(error));
    }
  }, []);

  const onSummaryChange = useCallback((change: Partial<DocumentSummary> & { id: string }) => {
    setDocuments((list) => {
      if (!list) return list;
      const updated = list.map((d) => (d.id === change.id ? { ...d, ...change } : d));
      return updated.sort((a, b) => b.updatedAt - a.updatedAt);
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

  const openedId = opened.status === 'ready' ? opened.document.id : undefined;

  // Menu commands and the close handshake arrive as events from the app.
  useEffect(() => {
    const onCommand = (command: MenuCommand) => {
      if (command === 'new-document') void create();
      else if (command === 'save-now') void handle.current?.flush();
      else if (command === 'rename-document') handle.current?.focusTitle();
      else if (command === 'delete-document' && openedId) setConfirmDelete(true);
      else if (command === 'focus-search') document.querySelector<HTMLElement>('[data-search]')?.focus();
    };
    return lectern().events.on((event) => {
      if (event.type === 'menu.command') onCommand(event.command);
      else if (event.type === 'app.closeRequested') {
        void (handle.current?.flush() ?? Promise.resolve(true)).finally(() => void lectern().app.closeReady({}));
      }
    });
  }, [create, openedId]);

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

  return (
    <div className="app">
      <Sidebar
        documents={documents}
        selectedId={opened.status === 'ready' ? opened.document.id : opened.status === 'none' ? undefined : opened.id}
        onSelect={(id) => void open(id)}
        onCreate={() => void create()}
        loadError={loadError}
        onRetry={() => void refresh()}
        onOpenSettings={SETTINGS_SECTIONS.length > 0 ? () => setSettingsOpen(true) : undefined}
      />
      <main className="main">
        {notice && (
          <div role="status" className="notice">
            <p>{notice}</p>
            <button type="button" onClick={() => setNotice(undefined)}>
              {strings.editor.dismiss}
            </button>
          </div>
        )}
        {settingsOpen && <SettingsView onClose={() => setSettingsOpen(false)} />}
        {!settingsOpen && opened.status === 'none' && <p className="main__empty">{strings.editor.noneOpen}</p>}
        {!settingsOpen && opened.status === 'loading' && <p role="status">{strings.editor.loading}</p>}
        {!settingsOpen && opened.status === 'error' && <p role="alert">{opened.message}</p>}
        {!settingsOpen && opened.status === 'ready' && (
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
          onConfirm={() => void remove(openedId)}
        />
      )}
    </div>
  );
}
