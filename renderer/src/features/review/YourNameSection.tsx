import { useEffect, useId, useState } from 'react';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';

/** Settings → Your name: who review decisions are recorded as (empty: the computer account's name). */
export function YourNameSection() {
  const [name, setName] = useState('');
  const [fallback, setFallback] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    let live = true;
    unwrap(lectern().review.getReviewer({}))
      .then((r) => {
        if (!live) return;
        setFallback(r.isDefault ? r.name : '');
        setName(r.isDefault ? '' : r.name);
      })
      .catch((error: unknown) => live && setMessage({ text: describeError(error), error: true }));
    return () => {
      live = false;
    };
  }, []);

  const save = async () => {
    try {
      const r = await unwrap(lectern().review.setReviewer({ name: name.trim() === '' ? null : name.trim() }));
      if (r.isDefault) setFallback(r.name);
      setMessage({ text: strings.review.yourNameSaved, error: false });
    } catch (error) {
      setMessage({ text: describeError(error), error: true });
    }
  };

  return (
    <form
      className="field"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={inputId}>{strings.review.yourName}</label>
      <input id={inputId} value={name} maxLength={100} placeholder={fallback} aria-describedby={hintId} onChange={(event) => setName(event.target.value)} />
      <p id={hintId} className="field__hint">
        {format(strings.review.yourNameHint, { name: fallback || '—' })}
      </p>
      <div className="ai-actions-row">
        <button type="submit">{strings.review.yourNameSave}</button>
      </div>
      <p role="status" className={message?.error ? 'field__error' : undefined}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}
