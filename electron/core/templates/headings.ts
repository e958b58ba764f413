import type { KeyStage } from '../../contract';
import { enGB } from '../../contract/i18n/en-GB';

export interface LessonHeadings {
  learningOutcome: string;
  priorKnowledge: string;
  keyLearningPoints: string;
  misconceptions: string;
  misconception: string;
  correction: string;
  keywords: string;
  keyword: string;
  definition: string;
  starterQuiz: string;
  learningCycle: string;
  explanation: string;
  checksForUnderstanding: string;
  practice: string;
  feedback: string;
  exitQuiz: string;
  additionalMaterials: string;
  answerKey: string;
}

const SECONDARY: LessonHeadings = {
  learningOutcome: 'Learning outcome',
  priorKnowledge: 'Prior knowledge',
  keyLearningPoints: 'Key learning points',
  misconceptions: 'Common misconceptions',
  misconception: 'Misconception',
  correction: 'How to address it',
  keywords: 'Keywords',
  keyword: 'Keyword',
  definition: 'Definition',
  starterQuiz: 'Starter quiz',
  learningCycle: 'Learning cycle',
  explanation: 'Explanation',
  checksForUnderstanding: 'Checks for understanding',
  practice: 'Practice',
  feedback: 'Feedback',
  exitQuiz: 'Exit quiz',
  additionalMaterials: 'Additional materials',
  answerKey: 'Answer key',
};

/** Primary classrooms use child-friendly wording for the sections pupils see on the board. */
const PRIMARY: LessonHeadings = {
  ...SECONDARY,
  learningOutcome: 'What we are learning today',
  priorKnowledge: 'What we already know',
  keyLearningPoints: 'Key things to remember',
  keywords: 'Our key words',
  keyword: 'Word',
  definition: 'What it means',
  starterQuiz: 'Warm-up quiz',
  practice: "Let's practise",
  exitQuiz: 'Show what you know',
};

export function lessonHeadings(keyStage: KeyStage | undefined): LessonHeadings {
  return keyStage === 'EYFS' || keyStage === 'KS1' || keyStage === 'KS2' ? PRIMARY : SECONDARY;
}

/** One wording for key stages, shared with the UI's catalogue. */
export const KEY_STAGE_LABELS: Record<KeyStage, string> = enGB.ai.keyStages;
