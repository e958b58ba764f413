import type { PanelDefinition } from './registry';

/**
 * The side panels, in header order. A feature adds its panel here (one line) and keeps the
 * panel itself in its own folder.
 */
export const PANELS: PanelDefinition[] = [];
