import type { SettingsSection } from './registry';
import { AI_SETTINGS_SECTION } from '../ai/settings/section';
import { LIBRARY_SETTINGS_SECTION } from '../backup/section';
import { YOUR_NAME_SETTINGS_SECTION } from '../review/settingsSection';

/** Settings sections, in tab order. A feature adds its section here (one line). */
export const SETTINGS_SECTIONS: SettingsSection[] = [
  AI_SETTINGS_SECTION,
  LIBRARY_SETTINGS_SECTION,
  YOUR_NAME_SETTINGS_SECTION,
];
