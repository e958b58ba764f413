/**
 * Review decisions (issue 8, §4): every AI answer shown as tracked changes, and every accept,
 * reject, edit inside a change and section review, with who and when. Each row is also an entry
 * of the hash-chained audit log (audit_seq), which is what makes it evidence; the table is what
 * makes it quick to count. The reviewer's name (Settings → Your name) lives in review_profile;
 * without a row, core uses the computer account's name.
 */
export default /* sql */ `
CREATE TABLE review_suggestions (
  suggestion_id  TEXT PRIMARY KEY,
  interaction_id TEXT NOT NULL,
  document_id    TEXT,
  action         TEXT NOT NULL,
  changes        INTEGER NOT NULL,
  applied_at     INTEGER NOT NULL,
  audit_seq      INTEGER NOT NULL
) STRICT;
CREATE INDEX review_suggestions_interaction ON review_suggestions (interaction_id);

CREATE TABLE review_decisions (
  id             INTEGER PRIMARY KEY,
  interaction_id TEXT NOT NULL,
  suggestion_id  TEXT NOT NULL,
  change_id      TEXT NOT NULL,
  document_id    TEXT,
  decision       TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'edited', 'section-reviewed')),
  reviewer       TEXT NOT NULL,
  at             INTEGER NOT NULL,
  audit_seq      INTEGER NOT NULL
) STRICT;
CREATE INDEX review_decisions_interaction ON review_decisions (interaction_id, id);

CREATE TABLE review_profile (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  name  TEXT NOT NULL
) STRICT;
`;
