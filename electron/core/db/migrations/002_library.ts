/**
 * The library: metadata, tags, trash, revisions, full-text search and the editable lists.
 *
 * `documents` is rebuilt with an INTEGER PRIMARY KEY (`seq`) because the search index is keyed by
 * rowid, and VACUUM may renumber the implicit rowid of a table without one; `id` stays the
 * document's public identity (UNIQUE, referenced by foreign keys). The rebuild also puts the large
 * columns last (see below): on 10,000 documents that made search and listing several times faster.
 *
 * The search index is a regular FTS5 table holding its own copy of title and text, so it can
 * produce snippets and delete a row by rowid without being told the old text. Triggers record
 * every change in `search_pending` inside the writing transaction; the index catches up from that
 * queue before any search reads it (see library/search.ts). That keeps the tokenizing of a large
 * document off the autosave path while never returning stale results, and a crash between the
 * two leaves the queue behind to be replayed at the next open.
 */
export default /* sql */ `
CREATE TABLE documents_v2 (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  subject     TEXT,
  key_stage   TEXT,
  year_group  TEXT,
  folder      TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  -- Last, so that listing, filtering and search read a row's first page only: SQLite must walk a
  -- large value's overflow pages to reach any column stored after it.
  content     TEXT NOT NULL,
  plain_text  TEXT NOT NULL
) STRICT;

INSERT INTO documents_v2 (id, title, kind, content, plain_text, created_at, updated_at)
  SELECT id, title, kind, content, plain_text, created_at, updated_at FROM documents ORDER BY rowid;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;

CREATE INDEX documents_by_updated_at ON documents (updated_at DESC);
CREATE INDEX documents_in_trash ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE document_tags (
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  tag         TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (document_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX document_tags_by_tag ON document_tags (tag, document_id);

CREATE TABLE revisions (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('auto', 'named', 'before-restore', 'before-import')),
  label       TEXT,
  title       TEXT NOT NULL,
  content     TEXT NOT NULL,
  plain_text  TEXT NOT NULL
) STRICT;

CREATE INDEX revisions_by_document ON revisions (document_id, created_at DESC);
-- Thinning reads automatic revisions by age only, from this index alone (never the content).
CREATE INDEX revisions_auto_by_age ON revisions (created_at, document_id, id) WHERE kind = 'auto';

-- Small facts about the library's upkeep, such as when revisions were last thinned.
CREATE TABLE library_state (
  key    TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The pickers' choices. Documents keep their value as text, so removing an entry from a list
-- never changes a document.
CREATE TABLE library_lists (
  list      TEXT NOT NULL CHECK (list IN ('subject', 'key-stage', 'year-group')),
  value     TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (list, value)
) STRICT, WITHOUT ROWID;

INSERT INTO library_lists (list, value, position) VALUES
  ('key-stage', 'EYFS', 0), ('key-stage', 'KS1', 1), ('key-stage', 'KS2', 2),
  ('key-stage', 'KS3', 3), ('key-stage', 'KS4', 4), ('key-stage', 'KS5', 5),
  ('year-group', 'Reception', 0), ('year-group', 'Year 1', 1), ('year-group', 'Year 2', 2),
  ('year-group', 'Year 3', 3), ('year-group', 'Year 4', 4), ('year-group', 'Year 5', 5),
  ('year-group', 'Year 6', 6), ('year-group', 'Year 7', 7), ('year-group', 'Year 8', 8),
  ('year-group', 'Year 9', 9), ('year-group', 'Year 10', 10), ('year-group', 'Year 11', 11),
  ('year-group', 'Year 12', 12), ('year-group', 'Year 13', 13),
  ('subject', 'Art and design', 0), ('subject', 'Biology', 1), ('subject', 'Business', 2),
  ('subject', 'Chemistry', 3), ('subject', 'Citizenship', 4), ('subject', 'Computing', 5),
  ('subject', 'Design and technology', 6), ('subject', 'Drama', 7), ('subject', 'Economics', 8),
  ('subject', 'English', 9), ('subject', 'English literature', 10), ('subject', 'French', 11),
  ('subject', 'Geography', 12), ('subject', 'German', 13), ('subject', 'History', 14),
  ('subject', 'Mathematics', 15), ('subject', 'Music', 16), ('subject', 'Phonics', 17),
  ('subject', 'Physical education', 18), ('subject', 'Physics', 19), ('subject', 'PSHE', 20),
  ('subject', 'Religious education', 21), ('subject', 'Science', 22), ('subject', 'Spanish', 23),
  ('subject', 'Early years', 24);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title, body,
  prefix = '2 3',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE search_pending (
  doc_seq INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO search_pending (doc_seq) VALUES (new.seq);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF title, plain_text, deleted_at ON documents
WHEN old.title IS NOT new.title OR old.plain_text IS NOT new.plain_text OR old.deleted_at IS NOT new.deleted_at BEGIN
  INSERT OR IGNORE INTO search_pending (doc_seq) VALUES (new.seq);
END;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  INSERT OR IGNORE INTO search_pending (doc_seq) VALUES (old.seq);
END;

-- The index holds documents out of the trash only. Existing documents are indexed by the same
-- code path as every later change.
INSERT INTO search_pending (doc_seq) SELECT seq FROM documents;
`;
