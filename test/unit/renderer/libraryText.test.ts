import { describe, expect, it } from 'vitest';
import { LecternCallError } from '../../../renderer/src/api/lectern';
import { describeImportFailure, describeLibraryError } from '../../../renderer/src/features/backup/describeLibraryError';
import { formatBytes } from '../../../renderer/src/features/backup/formatBytes';
import { importReportLines } from '../../../renderer/src/features/backup/importReportLines';
import { parseListText } from '../../../renderer/src/features/backup/parseListText';
import { addTag, isValidFolder, removeTag } from '../../../renderer/src/features/details/tagList';
import { CHECKING_POLL_MS, newestBackup, nextPollDelay, STEADY_POLL_MS } from '../../../renderer/src/features/integrity/statusPolling';
import { countOf } from '../../../renderer/src/features/library/countOf';
import { trashWhen } from '../../../renderer/src/features/trash/trashText';

describe('library wording', () => {
  it('counts in words with the right plural', () => {
    expect(countOf(1, 'lessons')).toBe('1 lesson');
    expect(countOf(0, 'lessons')).toBe('0 lessons');
    expect(countOf(1234, 'versions')).toBe('1,234 versions');
    expect(countOf(1, 'words')).toBe('1 word');
  });

  it('says when a lesson was deleted and when it goes for good', () => {
    const now = Date.UTC(2026, 9, 14, 12, 0);
    const deletedAt = now - 3 * 86_400_000;
    expect(trashWhen({ deletedAt, purgeAt: deletedAt + 30 * 86_400_000 }, now)).toBe('Deleted 3 days ago, deleted for good on 10 November 2026');
  });

  it('gives file sizes as people read them', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3.1 * 1024 * 1024)).toBe('3.1 MB');
  });

  it('reports an import: what came in, and copies, skips and replacements only when there were any', () => {
    expect(importReportLines({ imported: 3, copies: 0, skipped: 0, replaced: 0, revisions: 7 })).toEqual(['Imported 3 lessons and 7 versions.']);
    expect(importReportLines({ imported: 1, copies: 2, skipped: 1, replaced: 0, revisions: 1 })).toEqual([
      'Imported 3 lessons and 1 version.',
      'Already in your library, so imported as copies: 2 lessons.',
      'Already in your library, so left out: 1 lesson.',
    ]);
    expect(importReportLines({ imported: 0, copies: 0, skipped: 0, replaced: 1, revisions: 4 })).toEqual([
      'Imported 1 lesson and 4 versions.',
      'Replaced, with their previous text kept in Version history: 1 lesson.',
    ]);
  });

  it('adds core’s reason to an import error, once, and leaves other errors plain', () => {
    const invalid = new LecternCallError('IMPORT_INVALID', 'This file cannot be imported: it is cut off at line 4. Nothing was changed.');
    const sentence = 'That file is not a Lectern library, or it is incomplete or damaged. Nothing was imported. What Lectern found: it is cut off at line 4.';
    expect(describeLibraryError(invalid)).toBe(sentence);
    expect(describeImportFailure(invalid)).toBe(sentence);
    expect(describeLibraryError(new LecternCallError('IMPORT_INVALID', 'Something else.'))).toMatch(/What Lectern found: Something else\.$/);
    expect(describeLibraryError(new LecternCallError('STORAGE_FULL', 'disk full'))).toMatch(/^The disk is full/);
    expect(describeImportFailure(new LecternCallError('LIBRARY_IN_USE', 'x'))).toMatch(/^Nothing was imported\. The library is open in another copy of Lectern/);
  });
});

describe('editable lists, typed one per line', () => {
  it('trims, skips blank lines and repeats (ignoring case), and keeps the order', () => {
    expect(parseListText('  Science\n\nMathematics\r\nscience\nArt and design  \n')).toEqual({ values: ['Science', 'Mathematics', 'Art and design'] });
  });

  it('refuses an empty list, an over-long line (naming it) and too many choices', () => {
    expect(parseListText('\n  \n')).toEqual({ error: 'Keep at least one choice.' });
    expect(parseListText(`KS1\n${'x'.repeat(81)}`)).toEqual({ error: 'Line 2 is too long: a choice can be at most 80 characters.' });
    expect(parseListText(Array.from({ length: 201 }, (_, i) => `Year ${i}`).join('\n'))).toEqual({ error: 'There can be at most 200 choices.' });
    expect(parseListText('Ok\nBad\u0007bell')).toEqual({ error: 'Line 2 contains a character that cannot be used.' });
  });
});

describe('tags and folders', () => {
  it('adds a tag once, ignoring case and extra spaces, and says why not otherwise', () => {
    expect(addTag(['plants'], '  light   energy ')).toEqual({ tags: ['plants', 'light energy'] });
    expect(addTag(['Plants'], 'plants')).toEqual({ error: 'This lesson already has the tag “Plants”.' });
    expect(addTag([], '   ')).toEqual({ error: 'Type a tag first.' });
    expect(addTag([], 'x'.repeat(41))).toEqual({ error: 'A tag can be at most 40 characters.' });
    expect(addTag(Array.from({ length: 30 }, (_, i) => `t${i}`), 'one more')).toEqual({ error: 'A lesson can have at most 30 tags.' });
    expect(removeTag(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  it('accepts folder paths the library accepts, and nothing else', () => {
    expect(isValidFolder('Year 7/Autumn term')).toBe(true);
    expect(isValidFolder(' Year 7 / Autumn ')).toBe(true);
    for (const bad of ['', '/Year 7', 'Year 7/', 'a//b', '../secrets', 'a/./b', 'C:\\Users', 'tab\there', 'x'.repeat(201)]) {
      expect(isValidFolder(bad), bad).toBe(false);
    }
  });
});

describe('watching the library’s health', () => {
  it('polls often while the start-up check runs, then once a minute', () => {
    expect(nextPollDelay({ integrity: 'checking' })).toBe(CHECKING_POLL_MS);
    expect(nextPollDelay({ integrity: 'ok' })).toBe(STEADY_POLL_MS);
    expect(nextPollDelay({ integrity: 'damaged' })).toBe(STEADY_POLL_MS);
    expect(nextPollDelay(undefined)).toBe(STEADY_POLL_MS);
  });

  it('offers the newest backup', () => {
    const backups = [
      { file: 'b.sqlite', createdAt: 2, bytes: 1 },
      { file: 'c.sqlite', createdAt: 3, bytes: 1 },
      { file: 'a.sqlite', createdAt: 1, bytes: 1 },
    ];
    expect(newestBackup({ backups })?.file).toBe('c.sqlite');
    expect(newestBackup({ backups: [] })).toBeUndefined();
  });
});
