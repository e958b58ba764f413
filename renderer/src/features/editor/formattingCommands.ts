import type { Editor } from '@tiptap/core';
import { strings } from '../../i18n';
import { equationRequests } from './mathematics';

/**
 * The toolbar's commands as data: the label is the button's accessible name, `keys` the shortcut
 * TipTap already binds (shown in the tooltip), `glyph` what the button shows.
 */
export interface FormattingCommand {
  id: string;
  label: string;
  glyph: string;
  keys?: string;
  isActive?: (editor: Editor) => boolean;
  /** Shown only when this holds (for example, table tools inside a table). */
  visible?: (editor: Editor) => boolean;
  canRun: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
  group: 'history' | 'text' | 'block' | 'insert' | 'table';
}

const t = strings.toolbar;
const inTable = (e: Editor) => e.isActive('table');

export const FORMATTING_COMMANDS: FormattingCommand[] = [
  { id: 'undo', group: 'history', label: t.undo, glyph: '↶', keys: 'Mod+Z', canRun: (e) => e.can().undo(), run: (e) => e.chain().focus().undo().run() },
  { id: 'redo', group: 'history', label: t.redo, glyph: '↷', keys: 'Mod+Shift+Z', canRun: (e) => e.can().redo(), run: (e) => e.chain().focus().redo().run() },
  { id: 'bold', group: 'text', label: t.bold, glyph: 'B', keys: 'Mod+B', isActive: (e) => e.isActive('bold'), canRun: (e) => e.can().toggleBold(), run: (e) => e.chain().focus().toggleBold().run() },
  { id: 'italic', group: 'text', label: t.italic, glyph: 'I', keys: 'Mod+I', isActive: (e) => e.isActive('italic'), canRun: (e) => e.can().toggleItalic(), run: (e) => e.chain().focus().toggleItalic().run() },
  { id: 'underline', group: 'text', label: t.underline, glyph: 'U', keys: 'Mod+U', isActive: (e) => e.isActive('underline'), canRun: (e) => e.can().toggleUnderline(), run: (e) => e.chain().focus().toggleUnderline().run() },
  { id: 'strike', group: 'text', label: t.strike, glyph: 'S', keys: 'Mod+Shift+S', isActive: (e) => e.isActive('strike'), canRun: (e) => e.can().toggleStrike(), run: (e) => e.chain().focus().toggleStrike().run() },
  ...([1, 2, 3] as const).map(
    (level): FormattingCommand => ({
      id: `heading${level}`,
      group: 'block',
      label: t[`heading${level}`],
      glyph: `H${level}`,
      keys: `Mod+Alt+${level}`,
      isActive: (e) => e.isActive('heading', { level }),
      canRun: (e) => e.can().toggleHeading({ level }),
      run: (e) => e.chain().focus().toggleHeading({ level }).run(),
    }),
  ),
  { id: 'bulletList', group: 'block', label: t.bulletList, glyph: '•', keys: 'Mod+Shift+8', isActive: (e) => e.isActive('bulletList'), canRun: (e) => e.can().toggleBulletList(), run: (e) => e.chain().focus().toggleBulletList().run() },
  { id: 'orderedList', group: 'block', label: t.orderedList, glyph: '1.', keys: 'Mod+Shift+7', isActive: (e) => e.isActive('orderedList'), canRun: (e) => e.can().toggleOrderedList(), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { id: 'taskList', group: 'block', label: t.taskList, glyph: '☑', keys: 'Mod+Shift+9', isActive: (e) => e.isActive('taskList'), canRun: (e) => e.can().toggleTaskList(), run: (e) => e.chain().focus().toggleTaskList().run() },
  { id: 'blockquote', group: 'block', label: t.blockquote, glyph: '❝', keys: 'Mod+Shift+B', isActive: (e) => e.isActive('blockquote'), canRun: (e) => e.can().toggleBlockquote(), run: (e) => e.chain().focus().toggleBlockquote().run() },
  { id: 'insertTable', group: 'insert', label: t.insertTable, glyph: 'Table', canRun: (e) => e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }), run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { id: 'insertImage', group: 'insert', label: t.insertImage, glyph: 'Image', canRun: (e) => e.isEditable, run: (e) => e.commands.pickImage() },
  { id: 'insertEquation', group: 'insert', label: t.insertEquation, glyph: '∑', keys: 'Mod+Shift+E', canRun: (e) => e.isEditable, run: () => equationRequests.edit?.({ latex: '', kind: 'inline' }) },
  { id: 'addRow', group: 'table', label: t.addRow, glyph: '+ Row', visible: inTable, canRun: (e) => e.can().addRowAfter(), run: (e) => e.chain().focus().addRowAfter().run() },
  { id: 'addColumn', group: 'table', label: t.addColumn, glyph: '+ Column', visible: inTable, canRun: (e) => e.can().addColumnAfter(), run: (e) => e.chain().focus().addColumnAfter().run() },
  { id: 'deleteRow', group: 'table', label: t.deleteRow, glyph: '− Row', visible: inTable, canRun: (e) => e.can().deleteRow(), run: (e) => e.chain().focus().deleteRow().run() },
  { id: 'deleteColumn', group: 'table', label: t.deleteColumn, glyph: '− Column', visible: inTable, canRun: (e) => e.can().deleteColumn(), run: (e) => e.chain().focus().deleteColumn().run() },
  { id: 'deleteTable', group: 'table', label: t.deleteTable, glyph: '✕ Table', visible: inTable, canRun: (e) => e.can().deleteTable(), run: (e) => e.chain().focus().deleteTable().run() },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Mod+Shift+8" → "Ctrl+Shift+8" (or "⌘⇧8" on a Mac). */
export function displayKeys(keys: string): string {
  if (!isMac) return keys.replace('Mod', 'Ctrl');
  return keys.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥');
}

/** The value for aria-keyshortcuts, which wants "Control" rather than "Ctrl". */
export function ariaKeys(keys: string): string {
  return keys.replace('Mod', isMac ? 'Meta' : 'Control');
}
