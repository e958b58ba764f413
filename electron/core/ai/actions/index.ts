import { z } from 'zod';
import type { AiActionInfo } from '../../../contract';
import type { AiActionDefinition } from './defineAction';
import generateLesson from './generateLesson';
import generateWorksheet from './generateWorksheet';
import generateQuiz from './generateQuiz';
import generateRubric from './generateRubric';
import generateExitTicket from './generateExitTicket';
import rewrite from './rewrite';
import simplify from './simplify';
import extend from './extend';
import adaptSend from './adaptSend';
import adaptEal from './adaptEal';
import summarise from './summarise';
import translate from './translate';
import continueWriting from './continueWriting';
import freeInstruction from './freeInstruction';

/**
 * The registry. Imports are listed (not discovered from the folder) so the bundled main process
 * contains them; a test fails if a file in this folder is missing here.
 */
export const ACTIONS: readonly AiActionDefinition[] = [
  generateLesson,
  generateWorksheet,
  generateQuiz,
  generateRubric,
  generateExitTicket,
  rewrite,
  simplify,
  extend,
  adaptSend,
  adaptEal,
  summarise,
  translate,
  continueWriting,
  freeInstruction,
] as unknown as readonly AiActionDefinition[];

const byId = new Map(ACTIONS.map((a) => [a.id, a]));

export function findAction(id: string): AiActionDefinition | undefined {
  return byId.get(id);
}

export function actionInfo(action: AiActionDefinition): AiActionInfo {
  const schema = z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return {
    id: action.id,
    labelKey: action.labelKey,
    kind: action.kind,
    output: action.output,
    documentKind: action.documentKind ?? null,
    source: action.source,
    paramsSchema: schema,
  };
}
