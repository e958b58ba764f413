import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'adapt-send',
  labelKey: 'adaptSend',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({
    need: z.enum(['general', 'dyslexia', 'autism', 'adhd', 'visual impairment', 'hearing impairment', 'speech and language']).default('general'),
  }),
  prompt: {
    system:
      'Adapt the material for pupils with special educational needs and disabilities (SEND), following UK good practice: clear structure, chunked steps, explicit instructions and supports, with the same learning goal. Answer in Markdown with the adapted material only.',
    user: ['Adapt this for pupils with SEND (focus: {need}):', '{selection}'].join('\n'),
  },
});
