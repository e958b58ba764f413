import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../../electron/contract';
import { verifyDetailLines } from '../../../renderer/src/features/ai/verifyDetailLines';

const NOW = Date.UTC(2026, 8, 1, 12, 0, 0);
const base: VerifyResult = {
  ok: true,
  checkedRows: 7,
  checkedInteractions: 3,
  erasedInteractions: 0,
  firstBrokenSeq: null,
  alteredInteractionId: null,
  checkpoint: { status: 'match', seq: 7, logSeq: 7 },
  replacements: [],
  incidents: [],
  message: 'The audit log is intact.',
};

describe('the record check, as the AI panel words it', () => {
  it('says what was checked and that the checkpoint matches', () => {
    expect(verifyDetailLines(base, NOW).map((l) => l.text)).toEqual([
      '3 AI interactions checked, every detail of each.',
      'The checkpoint kept outside the library matches the record (7 entries).',
    ]);
  });

  it('explains a record that went back because a backup was restored, and text erased by a purge', () => {
    const lines = verifyDetailLines(
      {
        ...base,
        erasedInteractions: 2,
        replacements: [
          { seq: 3, at: NOW - 60_000, kind: 'restore', file: 'library-2026-09-01T09-00-00-000Z.sqlite', replacedEntries: 92, restoredEntries: 2, backupCheckpoint: 'match' },
          { seq: 5, at: NOW - 60_000, kind: 'import', file: 'Year 5.lectern-library', replacedEntries: null, restoredEntries: 4, backupCheckpoint: null },
        ],
      },
      NOW,
    ).map((l) => l.text);
    expect(lines).toContain("2 AI interactions' text was erased when their lessons were deleted for good; their record still checks.");
    expect(lines).toContain('Restored from the backup library-2026-09-01T09-00-00-000Z.sqlite 1 minute ago: the record went back from 92 to 2 entries.');
    expect(lines).toContain('Library file Year 5.lectern-library imported 1 minute ago.');
  });

  it('names a checkpoint that does not match, and an incident found at open', () => {
    const lines = verifyDetailLines(
      { ...base, ok: false, checkpoint: { status: 'mismatch', seq: 9, logSeq: 7 }, incidents: [{ seq: 6, at: NOW - 7_200_000, kind: 'checkpoint-mismatch', checkpointSeq: 9, logSeq: 5 }] },
      NOW,
    ).map((l) => l.text);
    expect(lines).toContain('The checkpoint kept outside the library does not match the record: it vouches for 9 entries, the record has 7.');
    expect(lines).toContain('When Lectern opened the library 2 hours ago, the record did not match its checkpoint (entry 6).');
  });
});
