import type { PanelDefinition } from './registry';
import { AI_PANEL } from '../ai/panelDefinition';
import { DETAILS_PANEL } from '../details/panelDefinition';
import { HISTORY_PANEL } from '../history/panelDefinition';
import { REVIEW_PANEL } from '../review/panelDefinition';

/**
 * The side panels, in header order. A feature adds its panel here (one line) and keeps the
 * panel itself in its own folder.
 */
export const PANELS: PanelDefinition[] = [
  AI_PANEL,
  DETAILS_PANEL,
  HISTORY_PANEL,
  REVIEW_PANEL,
];
