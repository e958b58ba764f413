import { strings } from '../../i18n';
import type { PanelDefinition } from '../panels/registry';
import { AiPanel } from './AiPanel';

export const AI_PANEL: PanelDefinition = {
  id: 'ai',
  label: strings.ai.panel,
  keys: 'Mod+Shift+A',
  render: (context) => <AiPanel {...context} />,
};
