import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'extend',
  labelKey: 'extend',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({}),
  prompt: {
    system:
      'Extend the material for pupils ready for more challenge: deeper questions, links to wider ideas, or a harder task. Keep it on the same topic. Answer in Markdown with the extension only.',
    user: ['Write a challenge extension for this:', '{selection}'].join('\n'),
  },
});
