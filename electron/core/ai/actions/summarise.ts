import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'summarise',
  labelKey: 'summarise',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({ length: z.enum(['one sentence', 'a short paragraph', 'bullet points']).default('a short paragraph') }),
  prompt: {
    system: 'Summarise the text accurately, keeping the key facts. Answer with the summary only.',
    user: ['Summarise this as {length}:', '{selection}'].join('\n'),
  },
});
