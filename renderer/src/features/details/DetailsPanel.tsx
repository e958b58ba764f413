import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentMetadataInput, type LibraryLists } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { useLibraryLists } from '../filters/useLibraryLists';
import { libraryEvents } from '../library/libraryEvents';
import type { PanelContext } from '../panels/registry';
import { TagEditor } from './TagEditor';
import { isValidFolder } from './tagList';

interface Form {
  kind: DocumentKind;
  subject: string | null;
  keyStage: string | null;
  yearGroup: string | null;
  folder: string;
  tags: string[];
}

type Field = keyof Form;
type ListField = 'subject' | 'keyStage' | 'yearGroup';
const LIST_OF: Record<ListField, keyof Pick<LibraryLists, 'subjects' | 'keyStages' | 'yearGroups'>> = {
  subject: 'subjects',
  keyStage: 'keyStages',
  yearGroup: 'yearGroups',
};

const formOf = (d: { kind: DocumentKind; subject: string | null; keyStage: string | null; yearGroup: string | null; folder: string | null; tags: string[] }): Form => ({
  kind: d.kind,
  subject: d.subject,
  keyStage: d.keyStage,
  yearGroup: d.yearGroup,
  folder: d.folder ?? '',
  tags: d.tags,
});

function Row({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="field details__field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={`${id}-error`} role="alert" className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The lesson's details: kind, subject, key stage, year group, folder and tags, each saved as soon
 * as it changes. What the teacher chose stays on screen even when a save fails, with the reason
 * beside the field; saves go one at a time, in the order they were made.
 */
export function DetailsPanel({ document: doc, flush, onSummaryChange }: PanelContext) {
  const [form, setForm] = useState<Form>(() => formOf(doc));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState('');
  const [duplicating, setDuplicating] = useState(false);
  const [duplicateError, setDuplicateError] = useState<string>();
  const { lists } = useLibraryLists();
  const edited = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const savedFolder = useRef(doc.folder ?? '');
  const id = useId();
  const d = strings.details;

  // The lesson object the editor opened with may predate changes made since in this panel.
  useEffect(() => {
    let live = true;
    unwrap(lectern().documents.get({ id: doc.id })).then(
      (fresh) => {
        if (!live || edited.current) return;
        savedFolder.current = fresh.folder ?? '';
        setForm(formOf(fresh));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [doc.id]);

  const save = (field: Field, change: DocumentMetadataInput, announce = d.saved) => {
    edited.current = true;
    setErrors((e) => ({ ...e, [field]: undefined }));
    queue.current = queue.current.then(async () => {
      try {
        const summary = await unwrap(lectern().documents.updateMetadata({ id: doc.id, ...change }));
        onSummaryChange(summary);
        setStatus(announce);
        if (field === 'tags' || field === 'folder') libraryEvents.emit({ type: 'changed' });
      } catch (error) {
        setStatus('');
        setErrors((e) => ({ ...e, [field]: format(d.saveFailed, { reason: describeError(error) }) }));
      }
    });
  };

  const choose = (field: ListField, value: string) => {
    const next = value === '' ? null : value;
    setForm((f) => ({ ...f, [field]: next }));
    save(field, { [field]: next });
  };

  // The folder is saved when the teacher leaves the box or presses Enter, not per keystroke.
  const commitFolder = () => {
    const typed = form.folder.trim();
    if (typed === savedFolder.current) return;
    if (typed !== '' && !isValidFolder(typed)) {
      setErrors((e) => ({ ...e, folder: d.folderInvalid }));
      return;
    }
    savedFolder.current = typed;
    save('folder', { folder: typed === '' ? null : typed });
  };

  const duplicate = async () => {
    setDuplicating(true);
    setDuplicateError(undefined);
    try {
      await flush();
      const copy = await unwrap(lectern().documents.duplicate({ id: doc.id }));
      libraryEvents.emit({ type: 'open', id: copy.id });
    } catch (error) {
      setDuplicateError(format(d.duplicateFailed, { reason: describeError(error) }));
      setDuplicating(false);
    }
  };

  const select = (field: ListField, label: string) => {
    const values = lists?.[LIST_OF[field]] ?? [];
    const current = form[field];
    return (
      <Row id={`${id}-${field}`} label={label} error={errors[field]}>
        <select
          id={`${id}-${field}`}
          value={current ?? ''}
          aria-invalid={errors[field] !== undefined}
          aria-describedby={errors[field] !== undefined ? `${id}-${field}-error` : undefined}
          onChange={(event) => choose(field, event.target.value)}
        >
          <option value="">{d.none}</option>
          {current !== null && !values.includes(current) && <option value={current}>{format(d.notInList, { value: current })}</option>}
          {values.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </Row>
    );
  };

  return (
    <div className="details">
      <Row id={`${id}-kind`} label={d.kind} error={errors.kind}>
        <select
          id={`${id}-kind`}
          value={form.kind}
          aria-invalid={errors.kind !== undefined}
          aria-describedby={errors.kind !== undefined ? `${id}-kind-error` : undefined}
          onChange={(event) => {
            const kind = event.target.value as DocumentKind;
            setForm((f) => ({ ...f, kind }));
            save('kind', { kind });
          }}
        >
          {DOCUMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {strings.library.kinds[kind]}
            </option>
          ))}
        </select>
      </Row>
      {select('subject', d.subject)}
      {select('keyStage', d.keyStage)}
      {select('yearGroup', d.yearGroup)}
      <Row id={`${id}-folder`} label={d.folder} hint={d.folderHint} error={errors.folder}>
        <input
          id={`${id}-folder`}
          list={`${id}-folders`}
          value={form.folder}
          maxLength={200}
          aria-invalid={errors.folder !== undefined}
          aria-describedby={[`${id}-folder-hint`, errors.folder !== undefined ? `${id}-folder-error` : ''].filter(Boolean).join(' ')}
          onChange={(event) => {
            const folder = event.target.value;
            setForm((f) => ({ ...f, folder }));
            setErrors((e) => ({ ...e, folder: undefined }));
          }}
          onBlur={commitFolder}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commitFolder();
            }
          }}
        />
        <datalist id={`${id}-folders`}>
          {(lists?.folders ?? []).map((folder) => (
            <option key={folder} value={folder} />
          ))}
        </datalist>
      </Row>
      <TagEditor
        tags={form.tags}
        suggestions={lists?.tags ?? []}
        error={errors.tags}
        onChange={(tags, announcement) => {
          setForm((f) => ({ ...f, tags }));
          save('tags', { tags }, announcement);
        }}
      />
      <p role="status" aria-live="polite" className="details__status">
        {status}
      </p>
      <p className="field__hint">{d.listsHint}</p>
      <div className="details__actions">
        <button type="button" onClick={() => void duplicate()} disabled={duplicating}>
          {duplicating ? d.duplicating : d.duplicate}
        </button>
        {duplicateError !== undefined && (
          <p role="alert" className="field__error">
            {duplicateError}
          </p>
        )}
      </div>
    </div>
  );
}
