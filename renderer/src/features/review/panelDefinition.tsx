import { strings } from '../../i18n';
import type { PanelDefinition } from '../panels/registry';
import { ReviewPane } from './ReviewPane';

export const REVIEW_PANEL: PanelDefinition = {
  id: 'review',
  label: strings.review.panel,
  keys: 'Mod+Alt+R',
  render: (context) => <ReviewPane key={context.document.id} {...context} />,
};
