import { useEffect, useRef, useState } from 'react';
import type { TrashedDocument } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { countOf } from '../library/countOf';
import { libraryEvents } from '../library/libraryEvents';
import { lessonMetaParts } from '../library/lessonMetaParts';
import { trashWhen } from './trashText';
import { LoadErrorNotice } from '../dialogs/LoadErrorNotice';

type Confirm = { type: 'purge'; item: TrashedDocument } | { type: 'empty' };

const t = strings.trash;
const titleOf = (item: TrashedDocument) => item.title || strings.library.untitled;

/**
 * The Trash: lessons deleted in the last 30 days, each with Restore and Delete for good, and
 * Empty Trash. Anything that deletes for good asks first, with Cancel as the default.
 */
export function TrashView({ onClose, onOpen }: { onClose: () => void; onOpen: (id: string) => void }) {
  const [items, setItems] = useState<TrashedDocument[]>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState('');
  const [restored, setRestored] = useState<{ id: string; title: string }>();
  const [error, setError] = useState<string>();
  const [confirm, setConfirm] = useState<Confirm>();
  const heading = useRef<HTMLHeadingElement>(null);

  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  useEffect(() => {
    let live = true;
    unwrap(lectern().trash.list({})).then(
      (list) => {
        if (!live) return;
        setItems(list);
        setLoadError(undefined);
      },
      (failure: unknown) => live && setLoadError(format(t.loadFailed, { reason: describeError(failure) })),
    );
    return () => {
      live = false;
    };
  }, [reloads]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const act = async (work: () => Promise<string>, after?: () => void) => {
    setError(undefined);
    setRestored(undefined);
    try {
      setStatus(await work());
      after?.();
    } catch (failure) {
      setStatus('');
      setError(format(t.failed, { reason: describeError(failure) }));
    }
    libraryEvents.emit({ type: 'changed' });
    reload();
    // The button that was pressed has gone with its row: keep the focus inside the Trash.
    heading.current?.focus();
  };

  const restore = (item: TrashedDocument) =>
    void act(
      async () => {
        await unwrap(lectern().trash.restore({ id: item.id }));
        return format(t.restored, { title: titleOf(item) });
      },
      () => setRestored({ id: item.id, title: titleOf(item) }),
    );

  const purge = (item: TrashedDocument) =>
    void act(async () => {
      await unwrap(lectern().trash.empty({ ids: [item.id] }));
      return format(t.purged, { title: titleOf(item) });
    });

  const emptyAll = () =>
    void act(async () => {
      const { purged } = await unwrap(lectern().trash.empty({}));
      return format(t.emptied, { lessons: countOf(purged, 'lessons') });
    });

  return (
    <section className="trash" aria-labelledby="trash-heading">
      <div className="trash__header">
        <h1 id="trash-heading" ref={heading} tabIndex={-1}>
          {t.heading}
        </h1>
        <button type="button" onClick={onClose}>
          {t.back}
        </button>
      </div>
      <p>{t.intro}</p>
      <div role="status" aria-live="polite" className="trash__status">
        {status && <p>{status}</p>}
      </div>
      {restored && (
        <button type="button" onClick={() => onOpen(restored.id)}>
          {format(t.openRestored, { title: restored.title })}
        </button>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {loadError && <LoadErrorNotice message={loadError} onRetry={reload} />}
      {!items && !loadError && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p className="main__empty">{t.empty}</p>}
      {items && items.length > 0 && (
        <>
          <ul className="trash__list" aria-label={t.listLabel}>
            {items.map((item) => (
              <li key={item.id} className="trash__item">
                <div className="trash__text">
                  <span className="trash__title">{titleOf(item)}</span>
                  <span className="sidebar__meta">{lessonMetaParts(item).join(' · ')}</span>
                  <span className="trash__when">{trashWhen(item)}</span>
                </div>
                <div className="trash__actions">
                  <button type="button" aria-label={format(t.restoreNamed, { title: titleOf(item) })} onClick={() => restore(item)}>
                    {t.restore}
                  </button>
                  <button
                    type="button"
                    className="danger subtle"
                    aria-label={format(t.deleteForGoodNamed, { title: titleOf(item) })}
                    onClick={() => setConfirm({ type: 'purge', item })}
                  >
                    {t.deleteForGood}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <button type="button" className="danger" onClick={() => setConfirm({ type: 'empty' })}>
            {t.emptyTrash}
          </button>
        </>
      )}
      {confirm?.type === 'purge' && (
        <ConfirmDialog
          title={format(t.deleteForGoodTitle, { title: titleOf(confirm.item) })}
          body={t.deleteForGoodBody}
          confirmLabel={t.deleteForGood}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            purge(confirm.item);
          }}
        />
      )}
      {confirm?.type === 'empty' && (
        <ConfirmDialog
          title={t.emptyTitle}
          body={format(t.emptyBody, { lessons: countOf(items?.length ?? 0, 'lessons') })}
          confirmLabel={t.emptyTrash}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            emptyAll();
          }}
        />
      )}
    </section>
  );
}
