import type { ReactNode } from 'react';

/** One section of the Settings screen (AI provider, library and backups, ...). */
export interface SettingsSection {
  id: string;
  /** The section's tab name and heading. */
  label: string;
  render(): ReactNode;
}
