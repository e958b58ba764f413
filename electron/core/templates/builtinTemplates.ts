import type { DocumentKind, KeyStage, TemplateId, TemplateInfo, TipTapDoc, TipTapNode } from '../../contract';
import { bulletList, doc, heading, orderedList, paragraph, table, text, PLAIN_INK } from '../ai/tiptap/build';
import { KEY_STAGE_LABELS, lessonHeadings } from './headings';

export interface TemplateOptions {
  keyStage?: KeyStage | undefined;
  subject?: string | undefined;
  title?: string | undefined;
}

interface TemplateDefinition extends TemplateInfo {
  build(options: TemplateOptions): TipTapNode[];
}

const ink = PLAIN_INK;
const prompt = (value: string) => paragraph(text(value, ink, [{ type: 'italic' }]));
const empty = () => paragraph([]);
const blankItems = (n: number) => Array.from({ length: n }, () => [empty()]);

function facts(options: TemplateOptions): TipTapNode[] {
  const parts = [options.keyStage ? KEY_STAGE_LABELS[options.keyStage] : undefined, options.subject].filter((v): v is string => Boolean(v));
  return parts.length > 0 ? [paragraph(text(parts.join(' · '), ink, [{ type: 'italic' }]))] : [];
}

const lessonPlan: TemplateDefinition = {
  id: 'lesson-plan',
  kind: 'lesson-plan',
  title: 'Lesson plan',
  description: 'Learning outcome, prior knowledge, key learning points, misconceptions, keywords, quizzes and learning cycles.',
  build(options) {
    const h = lessonHeadings(options.keyStage);
    const cycle = (n: number): TipTapNode[] => [
      heading(2, `${h.learningCycle} ${n}`, ink),
      heading(3, h.explanation, ink),
      prompt('What you will explain or model.'),
      heading(3, h.checksForUnderstanding, ink),
      bulletList(blankItems(2)),
      heading(3, h.practice, ink),
      prompt('What pupils do on their own.'),
      heading(3, h.feedback, ink),
      prompt('Model answers and how you will give feedback.'),
    ];
    return [
      heading(1, options.title || 'Lesson title', ink),
      ...facts(options),
      heading(2, h.learningOutcome, ink),
      prompt('I can …'),
      heading(2, h.priorKnowledge, ink),
      bulletList(blankItems(2)),
      heading(2, h.keyLearningPoints, ink),
      bulletList(blankItems(3)),
      heading(2, h.misconceptions, ink),
      table([h.misconception, h.correction], [['', ''], ['', '']], ink),
      heading(2, h.keywords, ink),
      table([h.keyword, h.definition], [['', ''], ['', ''], ['', '']], ink),
      heading(2, h.starterQuiz, ink),
      orderedList(blankItems(3)),
      ...cycle(1),
      ...cycle(2),
      heading(2, h.exitQuiz, ink),
      orderedList(blankItems(3)),
      heading(2, h.additionalMaterials, ink),
      empty(),
    ];
  },
};

const worksheet: TemplateDefinition = {
  id: 'worksheet',
  kind: 'worksheet',
  title: 'Worksheet',
  description: 'A title, instructions, and sections of numbered tasks with space for answers.',
  build(options) {
    const primary = options.keyStage === 'EYFS' || options.keyStage === 'KS1' || options.keyStage === 'KS2';
    return [
      heading(1, options.title || 'Worksheet title', ink),
      ...facts(options),
      paragraph(text('Name: ______________________    Date: ______________', ink)),
      heading(2, primary ? 'What to do' : 'Instructions', ink),
      prompt('Tell pupils what to do.'),
      heading(2, primary ? 'Have a go' : 'Section A: Recall', ink),
      orderedList(blankItems(3)),
      heading(2, primary ? 'Challenge' : 'Section B: Apply', ink),
      orderedList(blankItems(3)),
      ...(primary ? [] : [heading(2, 'Section C: Extend', ink), orderedList(blankItems(2))]),
    ];
  },
};

const quiz: TemplateDefinition = {
  id: 'quiz',
  kind: 'quiz',
  title: 'Quiz',
  description: 'Multiple-choice questions and an answer key.',
  build(options) {
    const question = (): TipTapNode[] => [empty(), bulletList(blankItems(3))];
    return [
      heading(1, options.title || 'Quiz title', ink),
      ...facts(options),
      prompt('Choose the correct answer for each question.'),
      orderedList([question(), question(), question(), question(), question()]),
      heading(2, lessonHeadings(options.keyStage).answerKey, ink),
      orderedList(blankItems(5)),
    ];
  },
};

const rubric: TemplateDefinition = {
  id: 'rubric',
  kind: 'rubric',
  title: 'Marking rubric',
  description: 'Criteria against achievement levels, as a grid.',
  build(options) {
    const primary = options.keyStage === 'EYFS' || options.keyStage === 'KS1' || options.keyStage === 'KS2';
    const levels = primary ? ['Working towards', 'Expected', 'Greater depth'] : ['Developing', 'Secure', 'Excellent'];
    return [
      heading(1, options.title || 'Marking rubric', ink),
      ...facts(options),
      heading(2, 'Task', ink),
      prompt('Describe the piece of work being assessed.'),
      table(['Criterion', ...levels], [['', '', '', ''], ['', '', '', ''], ['', '', '', '']], ink),
    ];
  },
};

const TEMPLATES: readonly TemplateDefinition[] = [lessonPlan, worksheet, quiz, rubric];

export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map(({ id, kind, title, description }) => ({ id, kind, title, description }));
}

export function renderTemplate(id: TemplateId, options: TemplateOptions): { title: string; kind: DocumentKind; content: TipTapDoc } {
  const template = TEMPLATES.find((t) => t.id === id)!;
  return { title: options.title || template.title, kind: template.kind, content: doc(template.build(options)) };
}
