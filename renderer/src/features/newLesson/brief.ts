import { KEY_STAGES, type KeyStage } from '../../../../electron/contract';
import { format, strings } from '../../i18n';

/** The "New lesson with AI" form as typed. */
export interface LessonBrief {
  subject: string;
  keyStage: KeyStage | '';
  yearGroup: string;
  topic: string;
  lessonLength: string;
  objectives: string;
  classNotes: string;
}

export type BriefField = keyof LessonBrief;

export const EMPTY_BRIEF: LessonBrief = { subject: '', keyStage: '', yearGroup: '', topic: '', lessonLength: '60', objectives: '', classNotes: '' };

export const isKeyStage = (value: string): value is KeyStage => (KEY_STAGES as readonly string[]).includes(value);

/** The brief as `generate-lesson` parameters, or what to fix, field by field. */
export function briefToParams(brief: LessonBrief): { ok: true; params: Record<string, unknown> } | { ok: false; errors: Partial<Record<BriefField, string>> } {
  const v = strings.ai.validation;
  const n = strings.newLesson;
  const errors: Partial<Record<BriefField, string>> = {};
  const subject = brief.subject.trim();
  const topic = brief.topic.trim();
  if (!subject) errors.subject = format(v.required, { field: n.subject });
  else if (subject.length > 100) errors.subject = format(v.tooLong, { max: 100 });
  if (!isKeyStage(brief.keyStage)) errors.keyStage = v.keyStageRequired;
  if (!topic) errors.topic = format(v.required, { field: n.topic });
  else if (topic.length > 300) errors.topic = format(v.tooLong, { max: 300 });
  const minutes = Number(brief.lessonLength.trim() || '60');
  if (!Number.isInteger(minutes)) errors.lessonLength = v.number;
  else if (minutes < 15) errors.lessonLength = format(v.min, { min: 15 });
  else if (minutes > 180) errors.lessonLength = format(v.max, { max: 180 });
  if (brief.objectives.trim().length > 2000) errors.objectives = format(v.tooLong, { max: 2000 });
  if (brief.classNotes.trim().length > 2000) errors.classNotes = format(v.tooLong, { max: 2000 });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params: Record<string, unknown> = { subject, keyStage: brief.keyStage, topic, lessonLengthMinutes: minutes };
  if (brief.yearGroup.trim()) params.yearGroup = brief.yearGroup.trim();
  if (brief.objectives.trim()) params.learningObjectives = brief.objectives.trim();
  if (brief.classNotes.trim()) params.classNotes = brief.classNotes.trim();
  return { ok: true, params };
}
