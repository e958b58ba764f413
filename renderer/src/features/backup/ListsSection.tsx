import { useEffect, useId, useState } from 'react';
import { EDITABLE_LISTS, type LibraryLists } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { libraryEvents } from '../library/libraryEvents';
import { parseListText } from './parseListText';

type EditableList = (typeof EDITABLE_LISTS)[number];
const s = strings.librarySettings;

/** One editable list as a text box, one choice per line: easy to reorder, paste into and read aloud. */
function ListEditor({ list, values }: { list: EditableList; values: string[] }) {
  const [text, setText] = useState(values.join('\n'));
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const [saving, setSaving] = useState(false);
  const id = useId();

  const save = async () => {
    const parsed = parseListText(text);
    if ('error' in parsed) {
      setMessage({ tone: 'error', text: parsed.error });
      return;
    }
    setSaving(true);
    try {
      const lists = await unwrap(lectern().library.setList({ list, values: parsed.values }));
      setText(lists[list].join('\n'));
      setMessage({ tone: 'ok', text: s.listSaved });
      libraryEvents.emit({ type: 'changed' });
    } catch (error) {
      setMessage({ tone: 'error', text: format(s.listFailed, { reason: describeError(error) }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="field list-editor">
      <label htmlFor={`${id}-text`}>{s.lists[list]}</label>
      <textarea
        id={`${id}-text`}
        rows={Math.min(12, Math.max(4, values.length + 1))}
        value={text}
        spellCheck
        lang="en-GB"
        aria-invalid={message?.tone === 'error'}
        aria-describedby={message ? `${id}-message` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setMessage(undefined);
        }}
      />
      <div className="list-editor__actions">
        <button type="button" onClick={() => void save()} disabled={saving}>
          {s.saveList[list]}
        </button>
        <p id={`${id}-message`} role={message?.tone === 'error' ? 'alert' : 'status'} className={message?.tone === 'error' ? 'field__error' : 'field__hint'}>
          {message?.text}
        </p>
      </div>
    </div>
  );
}

/** Settings → Library → the choices for subject, key stage and year group. */
export function ListsSection() {
  const [lists, setLists] = useState<LibraryLists>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    unwrap(lectern().library.lists({})).then(setLists, (failure: unknown) => setError(describeError(failure)));
  }, []);
  return (
    <section aria-labelledby="lists-heading" className="library-settings__block">
      <h2 id="lists-heading">{s.listsHeading}</h2>
      <p>{s.listsIntro}</p>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {lists && (
        <div className="list-editors">
          {EDITABLE_LISTS.map((list) => (
            <ListEditor key={list} list={list} values={lists[list]} />
          ))}
        </div>
      )}
    </section>
  );
}
