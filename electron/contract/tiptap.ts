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
    .superRefine(checkSuggestionBlock)
    .superRefine(checkMediaNode),
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

/**
 * The image node (issue 10 §3): a block that names a stored image by id (core/assets). `width`
 * is the share of the text column it takes, in per cent (null: its natural size, at most the
 * column); `decorative` images have empty alt text on purpose and are skipped by screen readers.
 */
export const IMAGE_NODE = 'image';
export const IMAGE_ALIGNS = ['left', 'center', 'right'] as const;
export const ImageAttrsSchema = z
  .object({
    assetId: z.string().regex(/^[0-9a-f]{64}$/),
    alt: z.string().max(1000),
    decorative: z.boolean(),
    width: z.number().int().min(10).max(100).nullable(),
    /** null (as an importer may write it) shows centred. */
    align: z.enum(IMAGE_ALIGNS).nullable(),
  })
  .strict();
export type ImageAttrs = z.infer<typeof ImageAttrsSchema>;

/**
 * Equations (issue 10 §4), from TipTap's mathematics extension: `inlineMath` inside a paragraph,
 * `blockMath` on its own line, each holding its LaTeX source in `latex` (searchable as text).
 */
export const INLINE_MATH_NODE = 'inlineMath';
export const BLOCK_MATH_NODE = 'blockMath';
export const MathAttrsSchema = z.object({ latex: z.string().max(10_000) }).strict();

/**
 * Images and equations must carry what the editor and exporters rely on. Other attributes (an
 * extension's global ones) may sit beside them.
 */
function checkMediaNode(node: { type: string; attrs?: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const schema = node.type === IMAGE_NODE ? ImageAttrsSchema : node.type === INLINE_MATH_NODE || node.type === BLOCK_MATH_NODE ? MathAttrsSchema : undefined;
  if (!schema) return;
  const parsed = schema.loose().safeParse(node.attrs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    ctx.addIssue({ code: 'custom', message: `The ${node.type} node needs valid attributes: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), path: ['attrs'] });
  }
}
