import type { ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import type { DocumentSummary, LecternDocument } from '../../../../electron/contract';

/**
 * What a side panel beside the editor can see and do. Panels never reach into the editor's
 * internals beyond `editor`, and never save on their own: the editor's autosaver does that.
 */
export interface PanelContext {
  document: LecternDocument;
  editor: Editor;
  /** Save everything now; false if the library could not take it. */
  flush(): Promise<boolean>;
  /** Reload the lesson from the library into a fresh editor (after a restore, say). */
  reopen(): Promise<void>;
  /** Tell the library list that this lesson's title, metadata or time changed. */
  onSummaryChange(change: Partial<DocumentSummary> & { id: string }): void;
  /** Close this panel. */
  close(): void;
}

/** One panel: its toggle button in the lesson header and what it shows when open. */
export interface PanelDefinition {
  id: string;
  /** The toggle button's accessible name and the panel's heading, e.g. "Version history". */
  label: string;
  /** A shortcut that opens (or closes) the panel from anywhere in the lesson, e.g. "Mod+Shift+A". */
  keys?: string;
  render(context: PanelContext): ReactNode;
}
