import { strings } from '../../i18n';
import type { PanelDefinition } from '../panels/registry';
import { HistoryPanel } from './HistoryPanel';

export const HISTORY_PANEL: PanelDefinition = {
  id: 'history',
  label: strings.history.panel,
  render: (context) => <HistoryPanel key={context.document.id} {...context} />,
};
