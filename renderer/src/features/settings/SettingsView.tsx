import { useRef, useState, type KeyboardEvent } from 'react';
import { strings } from '../../i18n';
import { SETTINGS_SECTIONS } from './sections';

/** The Settings screen: one tab per registered section (WAI-ARIA tabs, arrow keys move between tabs). */
export function SettingsView({ onClose, initialSection }: { onClose: () => void; /** The tab to show first, e.g. 'ai'. */ initialSection?: string | undefined }) {
  const [active, setActive] = useState(SETTINGS_SECTIONS.find((s) => s.id === initialSection)?.id ?? SETTINGS_SECTIONS[0]?.id);
  const tabs = useRef<HTMLDivElement>(null);
  const section = SETTINGS_SECTIONS.find((s) => s.id === active);

  const onKeyDown = (event: KeyboardEvent) => {
    const index = SETTINGS_SECTIONS.findIndex((s) => s.id === active);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0 || index < 0) return;
    event.preventDefault();
    const next = SETTINGS_SECTIONS[(index + delta + SETTINGS_SECTIONS.length) % SETTINGS_SECTIONS.length]!;
    setActive(next.id);
    tabs.current?.querySelector<HTMLElement>(`#settings-tab-${next.id}`)?.focus();
  };

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <div className="settings__header">
        <h1 id="settings-heading">{strings.settings.heading}</h1>
        <button type="button" onClick={onClose}>
          {strings.settings.back}
        </button>
      </div>
      <div ref={tabs} role="tablist" aria-label={strings.settings.sections} className="settings__tabs" onKeyDown={onKeyDown}>
        {SETTINGS_SECTIONS.map((s) => (
          <button
            key={s.id}
            id={`settings-tab-${s.id}`}
            type="button"
            role="tab"
            aria-selected={s.id === active}
            aria-controls={`settings-panel-${s.id}`}
            tabIndex={s.id === active ? 0 : -1}
            onClick={() => setActive(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      {section && (
        <div role="tabpanel" id={`settings-panel-${section.id}`} aria-labelledby={`settings-tab-${section.id}`} className="settings__panel">
          {section.render()}
        </div>
      )}
    </section>
  );
}
