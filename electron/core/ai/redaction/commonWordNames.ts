/**
 * Names that are also ordinary English words. On their own (not as part of a full name) they are
 * replaced only when written with a capital letter, so "plants will grow" keeps its "will" while
 * "Will" the pupil is still replaced. Lower-case is what a teacher writes for the word, rarely the name.
 */
export const COMMON_WORD_NAMES = new Set(
  `will may mark rose grace hope faith joy amber jade summer autumn april june august bill pat sue art bob jack frank
   rich sky river brook dawn eve iris lily holly ivy ruby pearl violet daisy poppy skye star sunny honey chance
   hunter mason miles reed rowan sage storm taylor victor wade young king wood hill bird brown green white black
   gray grey stone rivers lane page price banks bell bishop butcher baker carpenter cook fisher fletcher glass
   hall hart marsh moss nash north park rice salt short small smith snow spring stewart swift waters west wolf
   cash case chase clay cole craig dean drew grant guy lance neil ray rob roy russell sam ted wayne charity
   destiny harmony heaven liberty melody precious serenity trinity unity ginger olive hazel heather myrtle
   crystal diamond gem jewel goldie bonnie merry sunday monday tuesday friday harvest raven robin wren`
    .split(/\s+/)
    .filter(Boolean),
);
