import { z } from 'zod';
import { defineAction } from './defineAction';

export default defineAction({
  id: 'free-instruction',
  labelKey: 'freeInstruction',
  kind: 'transform-selection',
  output: 'text',
  source: 'selection',
  params: z.object({ instruction: z.string().trim().min(1).max(2000) }),
  prompt: {
    system: 'Do what the teacher asks with the text. Answer in Markdown with the result only.',
    user: ['Instruction from the teacher: {instruction}', '{selection}'].join('\n'),
  },
});
