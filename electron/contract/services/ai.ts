import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema } from './documents';
import { AiSettingsPatchSchema } from './settings';

export const KEY_STAGES = ['EYFS', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5'] as const;
export const KeyStageSchema = z.enum(KEY_STAGES);
export type KeyStage = z.infer<typeof KeyStageSchema>;

/** School content-guidance categories (the wording shown to teachers is in i18n `ai.moderation`). */
export const MODERATION_CATEGORIES = [
  'discriminatory',
  'violence',
  'upsetting',
  'sexual',
  'physical-safety',
  'self-harm',
  'harmful-instructions',
] as const;
export const ModerationCategorySchema = z.enum(MODERATION_CATEGORIES);
export type ModerationCategory = z.infer<typeof ModerationCategorySchema>;

/** none: insert as is; guidance: insert with a banner naming the categories; severe: never inserted. */
export const ModerationLevelSchema = z.enum(['none', 'guidance', 'severe']);
export type ModerationLevel = z.infer<typeof ModerationLevelSchema>;

export const ModerationSummarySchema = z.object({
  level: ModerationLevelSchema,
  categories: z.array(ModerationCategorySchema),
  /** Which checks ran: the provider's moderation endpoint (when it has one) and Lectern's own. */
  checkedBy: z.array(z.enum(['provider', 'local'])),
});
export type ModerationSummary = z.infer<typeof ModerationSummarySchema>;

export const REDACTION_TYPES = ['PUPIL', 'EMAIL', 'PHONE', 'POSTCODE', 'DOB', 'UPN', 'NHS', 'NINO', 'ADDRESS'] as const;
export const RedactionTypeSchema = z.enum(REDACTION_TYPES);
export type RedactionType = z.infer<typeof RedactionTypeSchema>;
/** Only the kind and how many: the values never leave the redactor. */
export const RedactionSummarySchema = z.array(z.object({ type: RedactionTypeSchema, count: z.number().int().positive() }));
export type RedactionSummary = z.infer<typeof RedactionSummarySchema>;

export const AiActionKindSchema = z.enum(['generate-document', 'transform-selection']);
export type AiActionKind = z.infer<typeof AiActionKindSchema>;
export const AiOutputSchema = z.enum(['structured', 'text']);
export type AiOutput = z.infer<typeof AiOutputSchema>;

export const AiActionInfoSchema = z.object({
  id: z.string(),
  /** Key under i18n `ai.actions`, e.g. `generateLesson`. */
  labelKey: z.string(),
  kind: AiActionKindSchema,
  output: AiOutputSchema,
  /** For generate-document actions: the kind of the new document. */
  documentKind: z.string().nullable(),
  /** What the action reads: a whole document (documentId), the selection, or only its parameters. */
  source: z.enum(['none', 'document', 'selection']),
  /** JSON Schema of `params`, so a form can be built from it. */
  paramsSchema: z.record(z.string(), z.unknown()),
});
export type AiActionInfo = z.infer<typeof AiActionInfoSchema>;

export const AiStartInputSchema = z
  .object({
    action: z.string().min(1).max(64),
    /** For generate-document: the source document (a lesson to make a worksheet from), if any. For transforms: the document being edited. */
    documentId: DocumentIdSchema.optional(),
    /** The selected text, for transform-selection actions. */
    selection: z.object({ text: z.string().max(200_000) }).strict().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type AiStartInput = z.input<typeof AiStartInputSchema>;

const ConnectionInput = z
  .object({
    /** Unsaved values from the settings form; saved settings fill the rest. */
    settings: AiSettingsPatchSchema.optional(),
    /** A key typed into the form but not saved yet. Never echoed back. */
    apiKey: z.string().max(500).optional(),
  })
  .strict();

export const TestConnectionResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    latencyMs: z.number().nonnegative(),
    /** null when the server cannot list its models (some gateways). */
    modelCount: z.number().int().nonnegative().nullable(),
    models: z.array(z.string()),
    /** Whether the chosen model is among those listed; null when unknown. */
    modelAvailable: z.boolean().nullable(),
    message: z.string(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string(), latencyMs: z.number().nonnegative() }),
]);
export type TestConnectionResult = z.infer<typeof TestConnectionResultSchema>;

export const AiStatusSchema = z.object({
  available: z.boolean(),
  reason: z.enum(['ready', 'not-configured', 'offline', 'error']),
  /** A sentence for the teacher, e.g. why the AI buttons are unavailable. */
  message: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** The code of the last failure that made AI unavailable, when reason is offline or error. */
  errorCode: z.string().nullable(),
});
export type AiStatus = z.infer<typeof AiStatusSchema>;

export const RequestPreviewSchema = z.object({
  provider: z.string(),
  model: z.string(),
  endpoint: z.enum(['responses', 'chat.completions']),
  baseUrl: z.string(),
  /** Exactly the JSON body that would be sent, after redaction. */
  body: z.record(z.string(), z.unknown()),
  redactions: RedactionSummarySchema,
});
export type RequestPreview = z.infer<typeof RequestPreviewSchema>;

/** Texts the teacher is about to send (a selection, a brief's fields), to check for names when there is no class list. */
export const NameCheckInputSchema = z.object({ texts: z.array(z.string().max(200_000)).max(20) }).strict();
export const NameCheckResultSchema = z.object({
  /** A class list is set and names are replaced: no warning is needed, and candidates are empty. */
  classListInUse: z.boolean(),
  /** For each text, in order: the ranges (UTF-16 offsets, end exclusive) that look like a person's name. */
  candidates: z.array(z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }))),
});
export type NameCheckResult = z.infer<typeof NameCheckResultSchema>;

export const aiContract = {
  status: method(
    'Whether AI is available and, if not, why. With probe, asks the server (quickly) instead of using the last known state.',
    z.object({ probe: z.boolean().default(false) }).strict(),
    AiStatusSchema,
  ),
  testConnection: method('Try the saved (or given) AI settings and say clearly what happened.', ConnectionInput, TestConnectionResultSchema),
  listModels: method('Models the AI server offers, when it can list them.', ConnectionInput, z.object({ models: z.array(z.string()) })),
  actions: method('The AI actions Lectern offers, with their parameters.', z.object({}).strict(), z.array(AiActionInfoSchema)),
  previewRequest: method('Exactly what would be sent for this action, after redaction.', AiStartInputSchema, RequestPreviewSchema),
  checkNames: method('Words that look like a person’s name, for the warning shown before sending when there is no class list.', NameCheckInputSchema, NameCheckResultSchema),
  start: method(
    'Start an AI action as a job. Progress arrives as ai.* events; jobs.cancel stops it.',
    AiStartInputSchema,
    z.object({ jobId: z.string(), interactionId: z.string() }),
  ),
};
