import { strings } from '../../../i18n';
import type { SettingsSection } from '../../settings/registry';
import { AiSettingsSection } from './AiSettingsSection';

export const AI_SETTINGS_SECTION: SettingsSection = {
  id: 'ai',
  label: strings.ai.settingsForm.tab,
  render: () => <AiSettingsSection />,
};
