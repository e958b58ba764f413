/** Documents: TipTap JSON plus the plain text extracted from it for search. */
export default /* sql */ `
CREATE TABLE documents (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  content     TEXT NOT NULL,
  plain_text  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX documents_by_updated_at ON documents (updated_at DESC);
`;
