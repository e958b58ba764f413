import { strings } from '../../i18n';
import type { PanelDefinition } from '../panels/registry';
import { DetailsPanel } from './DetailsPanel';

export const DETAILS_PANEL: PanelDefinition = {
  id: 'details',
  label: strings.details.panel,
  render: (context) => <DetailsPanel key={context.document.id} {...context} />,
};
