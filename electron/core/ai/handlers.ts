import type { Handlers } from '../rpc/dispatch';
import type { DocumentStore } from '../library/documentStore';
import { listTemplates, renderTemplate } from '../templates/builtinTemplates';
import type { AiService } from './aiService';
import { checkNames } from './redaction/nameCandidates';
import { computeAuthorship } from '../provenance/authorship';
import { AppError } from '../errors';
import type { InteractionSummary } from '../../contract';

/** An interaction of another document (AI text copied across); undefined when this library has none. */
function recordedElsewhere(ai: AiService, id: string): InteractionSummary | undefined {
  try {
    return ai.getInteraction(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

type AiMethods = Extract<keyof Handlers, `ai.${string}` | `settings.${string}` | `jobs.${string}` | `provenance.${string}` | `templates.${string}`>;

/** The handlers for the AI, settings, jobs, provenance and templates services, kept out of app.ts. */
export function aiHandlers(ai: AiService, documents: DocumentStore): Pick<Handlers, AiMethods> {
  return {
    'ai.status': ({ probe }) => ai.status(probe),
    'ai.testConnection': (input) => ai.testConnection(input),
    'ai.listModels': (input) => ai.listModels(input),
    'ai.actions': () => ai.actions(),
    'ai.previewRequest': (input) => ai.previewRequest(input),
    'ai.checkNames': async ({ texts }) => checkNames(texts, await ai.getSettings()),
    'ai.start': (input) => ai.start(input),
    'settings.getAi': () => ai.getSettings(),
    'settings.updateAi': (input) => ai.updateSettings(input),
    'jobs.cancel': ({ jobId }) => ({ cancelled: ai.jobs.cancel(jobId) }),
    'jobs.list': () => ai.jobs.list(),
    'provenance.listInteractions': ({ documentId }) => ai.listInteractions(documentId),
    'provenance.getInteraction': ({ id }) => ai.getInteraction(id),
    'provenance.verify': () => ai.verify(),
    'provenance.authorship': ({ documentId }) => {
      const content = documents.get(documentId).content;
      const recorded = new Map(ai.listInteractions(documentId).map((i) => [i.id, i]));
      return computeAuthorship(content, (id) => recorded.get(id) ?? recordedElsewhere(ai, id));
    },
    'templates.list': () => listTemplates(),
    'templates.render': ({ templateId, ...options }) => renderTemplate(templateId, options),
    'templates.create': ({ templateId, ...options }) => {
      const rendered = renderTemplate(templateId, options);
      return documents.create({ title: rendered.title, kind: rendered.kind, content: rendered.content });
    },
  };
}
