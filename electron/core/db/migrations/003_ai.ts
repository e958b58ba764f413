/**
 * AI settings, the record of every AI interaction, and the hash-chained audit log.
 *
 * - ai_settings holds one JSON row (validated by zod when read) and never an API key: keys live in
 *   the injected secret store only.
 * - ai_interactions.document_id has no foreign key on purpose: the record of what the AI wrote must
 *   outlive the document it went into.
 * - audit_log is append-only: triggers refuse UPDATE and DELETE, and each row's hash covers the
 *   previous row's hash, so an edit made by bypassing the triggers is found by provenance.verify.
 */
export default /* sql */ `
CREATE TABLE ai_settings (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  data  TEXT NOT NULL
) STRICT;

CREATE TABLE ai_interactions (
  id                TEXT PRIMARY KEY,
  document_id       TEXT,
  action            TEXT NOT NULL,
  provider          TEXT NOT NULL,
  model             TEXT NOT NULL,
  parameters        TEXT NOT NULL,
  request           TEXT NOT NULL,
  response          TEXT,
  input_tokens      INTEGER,
  output_tokens     INTEGER,
  latency_ms        REAL,
  first_token_ms    REAL,
  status            TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'blocked')),
  error_code        TEXT,
  error_message     TEXT,
  moderation        TEXT,
  redactions        TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  finished_at       INTEGER
) STRICT;

CREATE INDEX ai_interactions_by_document ON ai_interactions (document_id, created_at DESC);

CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  event       TEXT NOT NULL,
  subject_id  TEXT,
  details     TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
`;
