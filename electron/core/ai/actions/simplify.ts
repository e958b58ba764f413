import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'simplify',
  labelKey: 'simplify',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({ readingAge: z.number().int().min(5).max(16).default(9) }),
  prompt: {
    system:
      'Simplify the text for the given reading age: shorter sentences, common words, subject keywords kept but explained simply. Keep the facts and any Markdown structure. Answer with the simplified text only.',
    user: ['Simplify this for a reading age of {readingAge}:', '{selection}'].join('\n'),
  },
});
