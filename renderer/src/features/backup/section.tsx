import { strings } from '../../i18n';
import type { SettingsSection } from '../settings/registry';
import { LibrarySettingsSection } from './LibrarySettingsSection';

export const LIBRARY_SETTINGS_SECTION: SettingsSection = {
  id: 'library',
  label: strings.librarySettings.tab,
  render: () => <LibrarySettingsSection />,
};
