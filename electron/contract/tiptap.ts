import { z } from 'zod';
import { checkSuggestionBlock, checkSuggestionMark } from './suggestions';

/**
 * TipTap/ProseMirror JSON as stored. The schema checks the shape only; which node and mark types
 * are allowed is the editor's business. Attribute values are JSON values.
 */
export interface TipTapMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface TipTapNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TipTapNode[];
  marks?: TipTapMark[];
  text?: string;
}

const nodeType = z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_]*$/);

export const TipTapMarkSchema: z.ZodType<TipTapMark> = z
  .object({ type: nodeType, attrs: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .superRefine(checkSuggestionMark);

export const TipTapNodeSchema: z.ZodType<TipTapNode> = z.lazy(() =>
  z
    .object({
      type: nodeType,
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(TipTapNodeSchema).optional(),
      marks: z.array(TipTapMarkSchema).optional(),
      text: z.string().optional(),
    })
    .strict()
    .superRefine(checkSuggestionBlock),
);

export const TipTapDocSchema = z
  .object({
    type: z.literal('doc'),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(TipTapNodeSchema).optional(),
  })
  .strict();

export type TipTapDoc = z.infer<typeof TipTapDocSchema>;

export const EMPTY_DOC: TipTapDoc = { type: 'doc', content: [{ type: 'paragraph' }] };
