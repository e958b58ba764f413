import type { SettingsSection } from './registry';

/** Settings sections, in tab order. A feature adds its section here (one line). */
export const SETTINGS_SECTIONS: SettingsSection[] = [];
