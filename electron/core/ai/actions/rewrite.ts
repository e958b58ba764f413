import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'rewrite',
  labelKey: 'rewrite',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({ tone: z.enum(['clearer', 'more formal', 'friendlier', 'more concise']).default('clearer') }),
  prompt: {
    system: 'Rewrite the text as asked, keeping its meaning, facts and any Markdown structure. Answer with the rewritten text only.',
    user: ['Rewrite this to be {tone}:', '{selection}'].join('\n'),
  },
});
