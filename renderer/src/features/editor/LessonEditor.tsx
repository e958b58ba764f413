import { useCallback, useEffect, useRef, useState } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { DocumentSummary, LecternDocument, TipTapDoc } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { Autosaver, type SaveState } from './autosaver';
import { clearDraft, writeDraft } from './draftJournal';
import { lessonExtensions } from './extensions';
import { PasteMarkdown } from '../import/pasteMarkdown';
import { PasteFromWord } from '../import/pasteFromWord';
import { LinkDialog } from './LinkDialog';
import { ImageAltDialog } from './ImageAltDialog';
import { EquationDialog } from './EquationDialog';
import { imageRequests, type AltChoice } from './imageNode';
import { equationRequests, type EquationRequest } from './mathematics';
import { SaveStatus } from './SaveStatus';
import { Toolbar } from './Toolbar';
import { useDocumentTitle } from './useDocumentTitle';
import { PANELS } from '../panels/panels';
import { matchesShortcut } from '../panels/matchesShortcut';
import { ariaKeys, displayKeys } from './formattingCommands';
import type { PanelContext } from '../panels/registry';
import { libraryEvents } from '../library/libraryEvents';
import { ReviewLayer } from '../review/ReviewLayer';

export interface EditorHandle {
  /** Save everything now; resolves false if the library could not take it. */
  flush(): Promise<boolean>;
  focusTitle(): void;
}

const JOURNAL_EVERY_MS = 1000;

// A panel that reopens the lesson (Version history, after a restore) remounts this editor; the
// panel stays open in the new one so it can offer what comes next ("Undo restore").
const panelAfterReopen = new Map<string, string>();
function keepPanelOpenOnReopen(documentId: string, panelId: string): void {
  panelAfterReopen.set(documentId, panelId);
}
function takePanelAfterReopen(documentId: string): string | undefined {
  const kept = panelAfterReopen.get(documentId);
  panelAfterReopen.delete(documentId);
  return kept;
}

export function LessonEditor({
  document: doc,
  onSummaryChange,
  onRequestDelete,
  registerHandle,
  focusTitleOnOpen,
  reopen,
}: {
  document: LecternDocument;
  onSummaryChange: (summary: Partial<DocumentSummary> & { id: string }) => void;
  onRequestDelete: () => void;
  registerHandle: (handle: EditorHandle | undefined) => void;
  /** A new lesson starts with its title ready for typing. */
  focusTitleOnOpen: boolean;
  /** Reload this lesson from the library into a fresh editor. */
  reopen: () => Promise<void>;
}) {
  const [panelId, setPanelId] = useState<string | undefined>(() => takePanelAfterReopen(doc.id));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [linkOpen, setLinkOpen] = useState(false);
  // Images and equations (issue 10): the editor's extensions ask through imageRequests / equationRequests.
  const [altRequest, setAltRequest] = useState<{ initial?: AltChoice; fileName?: string; editing: boolean; resolve: (choice: AltChoice | undefined) => void }>();
  const [equation, setEquation] = useState<EquationRequest>();
  const [imageError, setImageError] = useState<string>();
  useEffect(() => {
    imageRequests.askAlt = (request) => new Promise((resolve) => setAltRequest({ ...request, resolve }));
    imageRequests.onError = setImageError;
    equationRequests.edit = setEquation;
    return () => {
      imageRequests.askAlt = undefined;
      imageRequests.onError = undefined;
      equationRequests.edit = undefined;
    };
  }, []);
  const titleInput = useRef<HTMLInputElement>(null);
  const titleState = useDocumentTitle(doc.id, doc.title, onSummaryChange);
  // One saver for the life of this editor; the parent remounts the editor (by key) per lesson.
  const [autosaver] = useState(() => {
    const saver: Autosaver<TipTapDoc> = new Autosaver<TipTapDoc>({
      save: async (content) => {
        const { updatedAt } = await unwrap(lectern().documents.save({ id: doc.id, content }));
        onSummaryChange({ id: doc.id, updatedAt });
      },
      onState: (state) => {
        setSaveState(state);
        if (state.kind === 'retrying') libraryEvents.emit({ type: 'save-failed' });
      },
      onSaved: () => {
        if (!saver.hasUnsavedChanges) clearDraft(localStorage, doc.id);
      },
    });
    return saver;
  });

  // The journal write happens when the browser is idle between keystrokes, at most once a second,
  // so crash protection never serialises a large lesson inside a key handler.
  const journalPending = useRef(false);
  const lastJournal = useRef(0);
  const scheduleJournal = (read: () => TipTapDoc) => {
    if (journalPending.current) return;
    journalPending.current = true;
    const wait = Math.max(0, JOURNAL_EVERY_MS - (Date.now() - lastJournal.current));
    setTimeout(() => {
      requestIdleCallback(
        () => {
          journalPending.current = false;
          if (!autosaver.hasUnsavedChanges) return;
          lastJournal.current = Date.now();
          writeDraft(localStorage, doc.id, read(), lastJournal.current);
        },
        { timeout: JOURNAL_EVERY_MS },
      );
    }, wait);
  };
  const editor = useEditor({
    extensions: [...lessonExtensions(), PasteMarkdown, PasteFromWord],
    content: doc.content,
    editorProps: {
      attributes: {
        'aria-label': strings.editor.bodyLabel,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'lesson-body',
        spellcheck: 'true',
        lang: 'en-GB',
      },
    },
    onUpdate: ({ editor: e }) => {
      const read = () => e.getJSON() as TipTapDoc;
      autosaver.change(read);
      scheduleJournal(read);
    },
  });

  // On page hide (reload, close, crash-prone shutdown) write the newest text synchronously.
  useEffect(() => {
    const onHide = () => {
      if (autosaver.hasUnsavedChanges && editor) writeDraft(localStorage, doc.id, editor.getJSON() as TipTapDoc);
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
    };
  }, [autosaver, editor, doc.id]);

  // Leaving the lesson: take the content while the editor still exists, then save it.
  useEffect(
    () => () => {
      if (editor && autosaver.hasUnsavedChanges) {
        const content = editor.getJSON() as TipTapDoc;
        writeDraft(localStorage, doc.id, content);
        autosaver.change(() => content);
      }
      // No dispose: if this save fails, the saver keeps retrying in the background (and the
      // journal holds the text), which is what a teacher switching lessons expects.
      void autosaver.flush();
    },
    [autosaver, editor, doc.id],
  );

  const flush = useCallback(async () => {
    const [content, title] = await Promise.all([autosaver.flush(), titleState.commit()]);
    return content && title;
  }, [autosaver, titleState]);

  useEffect(() => {
    registerHandle({ flush, focusTitle: () => titleInput.current?.focus() });
    return () => registerHandle(undefined);
  }, [flush, registerHandle]);

  const editorReady = editor !== null;
  useEffect(() => {
    if (focusTitleOnOpen && editorReady) titleInput.current?.focus();
  }, [focusTitleOnOpen, editorReady]);

  const openLink = useCallback(() => setLinkOpen(true), []);

  // A panel opened by its shortcut takes the focus, so the keyboard user lands in it; a panel may
  // then pass it on to its main control once that exists (it checks that the panel has the focus).
  const focusPanel = useRef(false);
  useEffect(() => {
    if (!focusPanel.current || !panelId) return;
    focusPanel.current = false;
    document.getElementById(`panel-${panelId}`)?.focus();
  }, [panelId]);
  const onPanelShortcut = (event: { nativeEvent: KeyboardEvent; preventDefault(): void }) => {
    const target = PANELS.find((p) => p.keys && matchesShortcut(event.nativeEvent, p.keys));
    if (!target) return;
    event.preventDefault();
    if (panelId === target.id) {
      setPanelId(undefined);
      editor?.commands.focus();
    } else {
      focusPanel.current = true;
      setPanelId(target.id);
    }
  };

  if (!editor) return null;
  const panel = PANELS.find((p) => p.id === panelId);
  const panelContext: PanelContext | undefined = panel && {
    document: doc,
    editor,
    flush,
    reopen: () => {
      keepPanelOpenOnReopen(doc.id, panel.id);
      return reopen();
    },
    onSummaryChange,
    close: () => setPanelId(undefined),
  };
  return (
    <section className="lesson" aria-label={strings.editor.region} onKeyDown={onPanelShortcut}>
      <header className="lesson__header">
        <input
          ref={titleInput}
          className="lesson__title"
          aria-label={strings.editor.titleLabel}
          placeholder={strings.editor.titlePlaceholder}
          value={titleState.title}
          maxLength={200}
          onChange={(event) => titleState.change(event.target.value)}
          onBlur={() => void titleState.commit()}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              // Move DOM focus now (TipTap's focus command waits a frame) so no keystroke lands in the title.
              editor.view.focus();
              editor.commands.focus('start');
            }
          }}
        />
        <SaveStatus state={saveState} onRetry={() => void autosaver.flush()} />
        {PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-expanded={p.id === panelId}
            aria-controls={p.id === panelId ? `panel-${p.id}` : undefined}
            aria-keyshortcuts={p.keys ? ariaKeys(p.keys) : undefined}
            title={p.keys ? format(strings.toolbar.shortcut, { label: p.label, keys: displayKeys(p.keys) }) : undefined}
            onClick={() => setPanelId((open) => (open === p.id ? undefined : p.id))}
          >
            {p.label}
          </button>
        ))}
        <button type="button" className="danger subtle" onClick={onRequestDelete}>
          {strings.editor.deleteLesson}
        </button>
      </header>
      {titleState.error !== undefined && (
        <p role="alert" className="lesson__error">
          {describeError(titleState.error)}
        </p>
      )}
      <Toolbar editor={editor} onLink={openLink} />
      <div className={panel ? 'lesson__workspace lesson__workspace--with-panel' : 'lesson__workspace'}>
      <div
        className="lesson__body"
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
            event.preventDefault();
            openLink();
          }
        }}
      >
        <EditorContent editor={editor} />
        <ReviewLayer editor={editor} documentId={doc.id} />
      </div>
      {panel && panelContext && (
        <aside id={`panel-${panel.id}`} tabIndex={-1} className="side-panel" aria-label={format(strings.panels.region, { panel: panel.label })}>
          <div className="side-panel__header">
            <h2>{panel.label}</h2>
            <button type="button" aria-label={format(strings.panels.close, { panel: panel.label })} onClick={() => setPanelId(undefined)}>
              ✕
            </button>
          </div>
          {panel.render(panelContext)}
        </aside>
      )}
      </div>
      {imageError !== undefined && (
        <p role="alert" className="lesson__error" onClick={() => setImageError(undefined)}>
          {imageError}
        </p>
      )}
      {altRequest && (
        <ImageAltDialog
          initial={altRequest.initial}
          fileName={altRequest.fileName}
          editing={altRequest.editing}
          onDone={(choice) => {
            altRequest.resolve(choice);
            setAltRequest(undefined);
          }}
        />
      )}
      {equation && (
        <EquationDialog
          request={equation}
          onClose={() => {
            setEquation(undefined);
            editor.commands.focus();
          }}
          onRemove={() => {
            const pos = equation.pos!;
            if (equation.kind === 'block') editor.chain().focus().deleteBlockMath({ pos }).run();
            else editor.chain().focus().deleteInlineMath({ pos }).run();
            setEquation(undefined);
          }}
          onApply={(latex, kind) => {
            const pos = equation.pos;
            const chain = editor.chain().focus();
            if (pos === undefined) (kind === 'block' ? chain.insertBlockMath({ latex }) : chain.insertInlineMath({ latex })).run();
            else (kind === 'block' ? chain.updateBlockMath({ latex, pos }) : chain.updateInlineMath({ latex, pos })).run();
            setEquation(undefined);
          }}
        />
      )}
      {linkOpen && (
        <LinkDialog
          initial={(editor.getAttributes('link').href as string | undefined) ?? ''}
          onClose={() => {
            setLinkOpen(false);
            editor.commands.focus();
          }}
          onRemove={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            setLinkOpen(false);
          }}
          onApply={(href) => {
            editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
            setLinkOpen(false);
          }}
        />
      )}
    </section>
  );
}
