import { strings } from '../../i18n';
import type { SettingsSection } from '../settings/registry';
import { YourNameSection } from './YourNameSection';

export const YOUR_NAME_SETTINGS_SECTION: SettingsSection = {
  id: 'your-name',
  label: strings.review.yourName,
  render: () => <YourNameSection />,
};
