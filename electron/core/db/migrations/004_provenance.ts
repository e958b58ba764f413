/**
 * Provenance that proves itself (issue 7, §5 and §6).
 *
 * - ai_interactions.content_digests holds the sha256 of each free-text column (parameters,
 *   request, response, error_message). The audit chain records a digest of the whole row with
 *   those digests in place of the text (provenance/interactionDigest.ts), so the text can be
 *   erased while the row still verifies.
 * - ai_interactions.content_erased_at is set when the text was erased because the document it
 *   belongs to was deleted for good. The trigger below does the erasing in SQL, so every way of
 *   deleting a document for good (the trash, its 30-day purge, the CLI) erases it, with no code
 *   path to forget.
 * - provenance_state remembers that the rows written before this migration still need their
 *   digests and a "chain upgraded" audit entry. SQLite has no sha256, so that step runs in code
 *   when core next opens the library for writing (provenance/provenance.ts, upgradeChain).
 */
export default /* sql */ `
ALTER TABLE ai_interactions ADD COLUMN content_digests TEXT;
ALTER TABLE ai_interactions ADD COLUMN content_erased_at INTEGER;

CREATE TABLE provenance_state (
  key    TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO provenance_state (key, value)
  SELECT 'chain_upgrade_pending', 1 WHERE EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM ai_interactions);

CREATE TRIGGER documents_purge_erases_ai_text AFTER DELETE ON documents BEGIN
  UPDATE ai_interactions
     SET parameters = '{}', request = '{}', response = NULL, error_message = NULL,
         content_erased_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
   WHERE document_id = old.id AND content_erased_at IS NULL;
END;
`;
