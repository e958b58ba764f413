import { z } from 'zod';
import { method } from '../method';
import { DocumentKindSchema, DocumentSchema, TitleSchema } from './documents';
import { KeyStageSchema } from './ai';
import { TipTapDocSchema } from '../tiptap';

export const TEMPLATE_IDS = ['lesson-plan', 'worksheet', 'quiz', 'rubric'] as const;
export const TemplateIdSchema = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof TemplateIdSchema>;

export const TemplateInfoSchema = z.object({
  id: TemplateIdSchema,
  kind: DocumentKindSchema,
  title: z.string(),
  description: z.string(),
});
export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

const TemplateInput = z
  .object({
    templateId: TemplateIdSchema,
    keyStage: KeyStageSchema.optional(),
    subject: z.string().trim().max(100).optional(),
    title: TitleSchema.optional(),
  })
  .strict();

export const templatesContract = {
  list: method('Built-in structured templates: these work with no AI.', z.object({}).strict(), z.array(TemplateInfoSchema)),
  render: method(
    'A template as TipTap JSON, headings worded for the key stage.',
    TemplateInput,
    z.object({ title: z.string(), kind: DocumentKindSchema, content: TipTapDocSchema }),
  ),
  create: method('Create a new document from a template.', TemplateInput, DocumentSchema),
};
