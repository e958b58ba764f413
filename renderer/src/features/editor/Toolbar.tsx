import { useRef, type KeyboardEvent } from 'react';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { format, strings } from '../../i18n';
import { ariaKeys, displayKeys, FORMATTING_COMMANDS } from './formattingCommands';

/**
 * A single tab stop; arrow keys move between buttons (WAI-ARIA toolbar pattern). State is read
 * through useEditorState so typing re-renders the toolbar only when something it shows changes.
 */
export function Toolbar({ editor, onLink }: { editor: Editor; onLink: () => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const entries = FORMATTING_COMMANDS.filter((c) => c.visible?.(e) ?? true).map((c) => ({
        id: c.id,
        active: c.isActive?.(e) ?? false,
        enabled: c.canRun(e),
      }));
      return { entries, link: e.isActive('link') };
    },
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const ref = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = ['ArrowRight', 'ArrowLeft', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next]?.focus();
  };

  if (!state) return null;
  // The first enabled button is the toolbar's tab stop (undo is disabled in a fresh lesson).
  const tabStop = state.entries.find((e) => e.enabled)?.id;
  const byId = new Map(FORMATTING_COMMANDS.map((c) => [c.id, c]));

  return (
    <div ref={ref} role="toolbar" aria-label={strings.toolbar.label} className="toolbar" onKeyDown={onKeyDown}>
      {state.entries.map(({ id, active, enabled }) => {
        const command = byId.get(id)!;
        const tip = command.keys ? format(strings.toolbar.shortcut, { label: command.label, keys: displayKeys(command.keys) }) : command.label;
        return (
          <button
            key={id}
            type="button"
            className={`toolbar__button toolbar__button--${command.group}`}
            aria-label={command.label}
            aria-keyshortcuts={command.keys ? ariaKeys(command.keys) : undefined}
            aria-pressed={command.isActive ? active : undefined}
            title={tip}
            disabled={!enabled}
            tabIndex={id === tabStop ? 0 : -1}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => command.run(editor)}
          >
            {command.glyph}
          </button>
        );
      })}
      <button
        type="button"
        className="toolbar__button"
        aria-label={strings.toolbar.link}
        aria-keyshortcuts={ariaKeys('Mod+K')}
        aria-pressed={state.link}
        title={format(strings.toolbar.shortcut, { label: strings.toolbar.link, keys: displayKeys('Mod+K') })}
        tabIndex={-1}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onLink}
      >
        Link
      </button>
    </div>
  );
}
