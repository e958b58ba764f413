import { useId, useState } from 'react';
import { format, strings } from '../../i18n';
import { addTag, removeTag } from './tagList';

/**
 * Tags as chips, each with its own remove button, and a box to add one (Enter or the button).
 * After a removal the focus moves to the box, so a keyboard user is never left on nothing.
 */
export function TagEditor({
  tags,
  suggestions,
  error,
  onChange,
}: {
  tags: string[];
  suggestions: string[];
  /** A save error from the library, shown with the field. */
  error: string | undefined;
  onChange: (tags: string[], announcement: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const d = strings.details;

  const add = () => {
    const result = addTag(tags, typed);
    if ('error' in result) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    setTyped('');
    onChange(result.tags, format(d.tagAdded, { tag: result.tags[result.tags.length - 1]! }));
  };

  const shown = problem ?? error;
  return (
    <fieldset className="details__tags">
      <legend>{d.tags}</legend>
      {tags.length === 0 ? (
        <p className="field__hint">{d.noTags}</p>
      ) : (
        <ul className="chips" aria-label={d.tagsList}>
          {tags.map((tag) => (
            <li key={tag} className="chip">
              <span>{tag}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={format(d.removeTag, { tag })}
                onClick={() => {
                  onChange(removeTag(tags, tag), format(d.tagRemoved, { tag }));
                  document.getElementById(`${id}-new`)?.focus();
                }}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="details__add-tag">
        <label htmlFor={`${id}-new`} className="visually-hidden">
          {d.addTag}
        </label>
        <input
          id={`${id}-new`}
          list={`${id}-suggestions`}
          value={typed}
          placeholder={d.addTag}
          maxLength={60}
          aria-invalid={shown !== undefined}
          aria-describedby={shown !== undefined ? `${id}-error` : undefined}
          onChange={(event) => {
            setTyped(event.target.value);
            setProblem(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <datalist id={`${id}-suggestions`}>
          {suggestions
            .filter((s) => !tags.some((t) => t.toLocaleLowerCase('en-GB') === s.toLocaleLowerCase('en-GB')))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
        <button type="button" onClick={add}>
          {d.addTagButton}
        </button>
      </div>
      {shown !== undefined && (
        <p id={`${id}-error`} role="alert" className="field__error">
          {shown}
        </p>
      )}
    </fieldset>
  );
}
