import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'continue-writing',
  labelKey: 'continueWriting',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({}),
  prompt: {
    system: 'Continue the text in the same style and voice for one or two paragraphs. Answer with the continuation only, without repeating the text.',
    user: ['Continue this:', '{selection}'].join('\n'),
  },
});
