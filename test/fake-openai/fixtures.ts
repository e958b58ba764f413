/**
 * Answers the fake server gives when a test has not scripted one: valid against Lectern's schemas,
 * so "generate a lesson" works end to end with no setup.
 */
export const sampleLessonPlan = {
  title: 'How plants make food: photosynthesis',
  keyStage: 'KS3',
  subject: 'Science',
  learningOutcome: 'I can explain how plants use light to make glucose by photosynthesis.',
  priorKnowledge: ['Plants need light and water to grow.', 'Cells contain structures with different jobs.'],
  keyLearningPoints: [
    'Photosynthesis takes place in chloroplasts, which contain chlorophyll.',
    'Carbon dioxide and water are turned into glucose and oxygen using light energy.',
    'Plants use glucose for respiration and to make starch, cellulose and proteins.',
  ],
  misconceptions: [
    { misconception: 'Plants get their food from the soil.', correction: 'Plants make glucose themselves; the soil provides water and mineral ions.' },
  ],
  keywords: [
    { keyword: 'photosynthesis', definition: 'The process plants use to make glucose from carbon dioxide and water using light.' },
    { keyword: 'chlorophyll', definition: 'The green pigment that absorbs light for photosynthesis.' },
  ],
  starterQuiz: [
    { question: 'Which gas do we breathe out?', correctAnswer: 'Carbon dioxide', distractors: ['Oxygen', 'Nitrogen'] },
    { question: 'Which part of a plant cell contains chlorophyll?', correctAnswer: 'Chloroplast', distractors: ['Nucleus', 'Cell wall'] },
    { question: 'What do plants need to grow?', correctAnswer: 'Light, water and carbon dioxide', distractors: ['Only soil', 'Only water'] },
  ],
  learningCycles: [
    {
      title: 'The word equation',
      explanation: 'Model the word equation: carbon dioxide + water → glucose + oxygen, with light above the arrow.',
      checksForUnderstanding: ['What are the reactants?', 'What are the products?'],
      practice: 'Pupils complete the word equation and label where each substance comes from.',
      feedback: 'Show a completed model and ask pupils to correct their own work.',
    },
    {
      title: 'Uses of glucose',
      explanation: 'Explain how glucose is used for respiration and to make starch, cellulose and proteins.',
      checksForUnderstanding: ['Why do plants store starch rather than glucose?'],
      practice: 'Pupils sort uses of glucose into a table.',
      feedback: 'Go through the table together and address the soil misconception.',
    },
  ],
  exitQuiz: [
    { question: 'Where does photosynthesis happen?', correctAnswer: 'In chloroplasts', distractors: ['In the roots', 'In the nucleus'] },
    { question: 'Which gas is released by photosynthesis?', correctAnswer: 'Oxygen', distractors: ['Carbon dioxide', 'Hydrogen'] },
    { question: 'What is glucose stored as?', correctAnswer: 'Starch', distractors: ['Cellulose', 'Chlorophyll'] },
  ],
  additionalMaterials: 'Pondweed and lamp for an optional demonstration of oxygen production.',
};

export const sampleQuiz = {
  title: 'Photosynthesis quiz',
  instructions: 'Choose the best answer for each question.',
  questions: [
    { question: 'What is the green pigment in leaves?', correctAnswer: 'Chlorophyll', distractors: ['Glucose', 'Starch'], explanation: 'Chlorophyll absorbs light.' },
    { question: 'Which gas do plants take in?', correctAnswer: 'Carbon dioxide', distractors: ['Oxygen', 'Nitrogen'], explanation: 'It is a reactant.' },
    { question: 'What is made by photosynthesis?', correctAnswer: 'Glucose', distractors: ['Protein', 'Water'], explanation: 'Glucose is the product used for energy.' },
  ],
};

export const sampleRubric = {
  title: 'Explaining photosynthesis',
  task: 'A paragraph explaining photosynthesis.',
  levels: ['Developing', 'Secure', 'Excellent'],
  criteria: [
    { criterion: 'Word equation', descriptors: ['Names one reactant', 'Gives the full equation', 'Explains the role of light'] },
    { criterion: 'Use of keywords', descriptors: ['Uses one keyword', 'Uses keywords correctly', 'Uses keywords precisely and links them'] },
  ],
};

export const SAMPLE_TEXT = 'Here is a suggestion from the fake AI server.';
