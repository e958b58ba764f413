import { useId, useState } from 'react';
import { DOCUMENT_KINDS, DOCUMENT_SORTS, type DocumentSort } from '../../../../electron/contract';
import { describeError, format, strings } from '../../i18n';
import { activeFilterCount, clearFilters, folderChoices, withFilter, type FilterKey, type LibraryView } from './libraryView';
import { useLibraryLists } from './useLibraryLists';

/** Keeps a chosen value selectable even when it has left the lists (a tag no longer in use, say). */
function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current !== undefined && !values.includes(current) ? [current, ...values] : [...values];
}

/**
 * The sidebar's "Filter" group: a disclosure with one select per metadata field and the order.
 * "Clear filters" stays visible while any filter is on, even with the group closed, so a teacher
 * who wonders where their lessons went can always get them back.
 */
export function FilterGroup({ view, onChange }: { view: LibraryView; onChange: (view: LibraryView) => void }) {
  const [open, setOpen] = useState(false);
  const { lists, error } = useLibraryLists();
  const id = useId();
  const active = activeFilterCount(view);
  const f = strings.filters;

  const choices: Record<FilterKey, Array<{ value: string; label: string }>> = {
    kind: DOCUMENT_KINDS.map((kind) => ({ value: kind, label: strings.library.kinds[kind] })),
    subject: withCurrent(lists?.subjects ?? [], view.subject).map((v) => ({ value: v, label: v })),
    keyStage: withCurrent(lists?.keyStages ?? [], view.keyStage).map((v) => ({ value: v, label: v })),
    yearGroup: withCurrent(lists?.yearGroups ?? [], view.yearGroup).map((v) => ({ value: v, label: v })),
    tag: withCurrent(lists?.tags ?? [], view.tag).map((v) => ({ value: v, label: v })),
    folder: withCurrent(folderChoices(lists?.folders ?? []), view.folder).map((v) => ({ value: v, label: v })),
  };
  const fields: Array<{ key: FilterKey; label: string }> = [
    { key: 'kind', label: f.kind },
    { key: 'subject', label: f.subject },
    { key: 'keyStage', label: f.keyStage },
    { key: 'yearGroup', label: f.yearGroup },
    { key: 'tag', label: f.tag },
    { key: 'folder', label: f.folder },
  ];

  return (
    <div className="filters">
      <div className="filters__bar">
        <button type="button" aria-expanded={open} aria-controls={`${id}-group`} onClick={() => setOpen((o) => !o)}>
          <span aria-hidden="true" className="filters__chevron">
            {open ? '▾' : '▸'}
          </span>{' '}
          {active > 0 ? format(f.toggleActive, { count: active }) : f.toggle}
        </button>
        {active > 0 && (
          <button type="button" className="subtle" onClick={() => onChange(clearFilters(view))}>
            {f.clear}
          </button>
        )}
      </div>
      {open && (
        <div role="group" id={`${id}-group`} aria-label={f.group} className="filters__group">
          {error !== undefined && (
            <p role="alert" className="field__error">
              {format(f.loadFailed, { reason: describeError(error) })}
            </p>
          )}
          {fields.map(({ key, label }) => (
            <div className="filters__field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <select id={`${id}-${key}`} value={view[key] ?? ''} onChange={(event) => onChange(withFilter(view, key, event.target.value))}>
                <option value="">{f.any}</option>
                {choices[key].map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="filters__field">
            <label htmlFor={`${id}-sort`}>{f.sort}</label>
            <select id={`${id}-sort`} value={view.sort} onChange={(event) => onChange({ ...view, sort: event.target.value as DocumentSort })}>
              {DOCUMENT_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {f.sorts[sort]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </div>
  );
}
