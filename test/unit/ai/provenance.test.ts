import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/provenance/canonicalJson';
import { rowHash, GENESIS_HASH, type AuditRow } from '../../../electron/core/provenance/auditLog';
import { interactionDigest } from '../../../electron/core/provenance/interactionDigest';
import { aiHarness, type AiHarness } from './aiTestCore';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":"é","z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

let h: AiHarness;
afterEach(async () => h?.dispose());

async function someHistory() {
  h = await aiHarness();
  const doc = h.core.documents.create({ title: 'Lesson', kind: 'lesson-plan' });
  h.server.enqueue({ kind: 'text', text: 'One.' }, { kind: 'error', status: 401 }, { kind: 'text', text: 'Three.' });
  const a = await h.run({ action: 'rewrite', documentId: doc.id, selection: { text: 'a' }, params: {} });
  const b = await h.run({ action: 'summarise', documentId: doc.id, selection: { text: 'b' }, params: {} });
  const c = await h.run({ action: 'translate', documentId: doc.id, selection: { text: 'c' }, params: { language: 'Welsh' } });
  return { doc, a, b, c };
}

/** What an attacker with the database but not the key can do: drop the guards and write. */
function dropGuards() {
  h.core.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
}

/** Recomputes every hash from `fromSeq` on, so the chain is consistent again (no key needed). */
function rechain(fromSeq = 1) {
  const rows = h.core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  const update = h.core.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const hash = rowHash(prev, row);
      update.run(prev, hash, row.seq);
      prev = hash;
    } else prev = row.hash;
  }
}

const verify = () => h.core.ai.verify();

describe('provenance', () => {
  it('records every call with its status, request and answer', async () => {
    const { doc, a, b, c } = await someHistory();
    const list = await h.core.dispatch('provenance.listInteractions', { documentId: doc.id });
    expect(list.ok && list.value.map((i) => [i.id, i.action, i.status])).toEqual([
      [c.interactionId, 'translate', 'completed'],
      [b.interactionId, 'summarise', 'failed'],
      [a.interactionId, 'rewrite', 'completed'],
    ]);
    const full = h.core.ai.getInteraction(c.interactionId);
    expect(full).toMatchObject({ provider: 'compatible', model: 'fake-model', parameters: { language: 'Welsh' }, response: 'Three.', errorCode: null, contentErasedAt: null });
    expect(full.latencyMs).not.toBeNull();
    expect(full.firstTokenMs).not.toBeNull();
    expect(JSON.stringify(full.request)).toContain('Translate this into Welsh');
    expect(h.core.ai.getInteraction(b.interactionId)).toMatchObject({ errorCode: 'AI_AUTH', response: null });
  });

  it('keeps an audit chain and a keyed checkpoint that verify, and refuses to update or delete the log', async () => {
    await someHistory();
    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      checkedRows: 6,
      checkedInteractions: 3,
      erasedInteractions: 0,
      firstBrokenSeq: null,
      alteredInteractionId: null,
      checkpoint: { status: 'match', seq: 6, logSeq: 6 },
      replacements: [],
      incidents: [],
    });
    const dispatched = await h.core.dispatch('provenance.verify', {});
    expect(dispatched).toEqual({ ok: true, value: result });
    expect(() => h.core.db.prepare("UPDATE audit_log SET event = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => h.core.db.prepare('DELETE FROM audit_log WHERE seq = 6').run()).toThrow(/append-only/);
  });

  it('finds tampering at the right entry even when the trigger is bypassed', async () => {
    await someHistory();
    dropGuards();
    h.core.db.prepare("UPDATE audit_log SET details = json_set(details, '$.status', 'completed') WHERE seq = 4").run();
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, message: expect.stringMatching(/entry 4/) });
  });

  it('finds a deleted entry as a gap in the chain', async () => {
    await someHistory();
    dropGuards();
    h.core.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('finds a stored answer edited after the fact', async () => {
    const { a } = await someHistory();
    h.core.db.prepare("UPDATE ai_interactions SET response = 'Something else.' WHERE id = ?").run(a.interactionId);
    expect(await verify()).toMatchObject({ ok: false, alteredInteractionId: a.interactionId });
  });

  it('stores only the types and counts of redactions, never the values', async () => {
    h = await aiHarness();
    await h.core.ai.updateSettings({ classList: ['Amelia Jones'] });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Amelia Jones (amelia@school.org.uk) and Amelia Jones again' }, params: {} });
    const record = h.core.ai.getInteraction(r.interactionId);
    expect(record.redactions).toEqual([
      { type: 'EMAIL', count: 1 },
      { type: 'PUPIL', count: 2 },
    ]);
    const rows = JSON.stringify(h.core.db.prepare('SELECT * FROM ai_interactions').all()) + JSON.stringify(h.core.db.prepare('SELECT * FROM audit_log').all());
    expect(rows).not.toContain('amelia@school.org.uk');
    expect(rows).not.toContain('Amelia Jones (');
  });
});

describe('attacks on the audit trail (each passed Verify before issue 7)', () => {
  it('cutting off the end of the log', async () => {
    await someHistory();
    dropGuards();
    // The last interaction's "finished" entry and nothing else: the chain that is left is whole.
    h.core.db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    h.core.db.prepare('DELETE FROM ai_interactions WHERE id = (SELECT subject_id FROM audit_log WHERE seq = 5)').run();
    h.core.db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, alteredInteractionId: null, checkpoint: { status: 'mismatch', seq: 6, logSeq: 4 } });
    expect(result.message).toMatch(/checkpoint vouches for 6 entries but the log has 4/);
  });

  it('deleting the whole log and every interaction', async () => {
    await someHistory();
    dropGuards();
    h.core.db.exec('DELETE FROM audit_log; DELETE FROM ai_interactions;');
    expect(await verify()).toMatchObject({ ok: false, checkedRows: 0, checkpoint: { status: 'mismatch', seq: 6, logSeq: 0 } });
  });

  it('deleting the checkpoint file as well as rewriting', async () => {
    await someHistory();
    const { rmSync } = await import('node:fs');
    rmSync(h.core.provenance.checkpoint.file);
    expect(await verify()).toMatchObject({ ok: false, checkpoint: { status: 'missing' } });
  });

  it('a forged checkpoint file (written without the key)', async () => {
    await someHistory();
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = h.core.provenance.checkpoint.file;
    const cp = JSON.parse(readFileSync(file, 'utf8')) as { seq: number; mac: string };
    writeFileSync(file, JSON.stringify({ ...cp, seq: 4, mac: 'f'.repeat(64) }));
    expect(await verify()).toMatchObject({ ok: false, checkpoint: { status: 'invalid', seq: 4 } });
  });

  it('rewriting an answer and its entries consistently, without the key', async () => {
    const { a } = await someHistory();
    dropGuards();
    h.core.db.prepare("UPDATE ai_interactions SET response = 'Forged.', content_digests = json_set(content_digests, '$.response', ?) WHERE id = ?").run(
      (await import('../../../electron/core/provenance/interactionDigest')).sha256('Forged.'),
      a.interactionId,
    );
    const row = h.core.db.prepare('SELECT * FROM ai_interactions WHERE id = ?').get(a.interactionId) as Record<string, unknown>;
    h.core.db
      .prepare("UPDATE audit_log SET details = json_set(details, '$.rowSha256', ?) WHERE subject_id = ? AND event = 'ai.interaction.finished'")
      .run(interactionDigest(row), a.interactionId);
    rechain();
    const result = await verify();
    // The chain and the rows agree with each other again; only the keyed checkpoint knows.
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, alteredInteractionId: null, checkpoint: { status: 'mismatch', seq: 6, logSeq: 6 } });
    expect(result.message).toMatch(/rewritten/);
  });

  it('editing any column of a recorded interaction', async () => {
    const { a, b } = await someHistory();
    const columns = (h.core.db.prepare('PRAGMA table_info(ai_interactions)').all() as Array<{ name: string; type: string }>).map((c) => c);
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['id', 'document_id', 'parameters', 'request', 'response', 'status', 'moderation', 'redactions', 'content_digests', 'content_erased_at']));
    for (const target of [a.interactionId, b.interactionId]) {
      for (const { name, type } of columns) {
        const before = h.core.db.prepare(`SELECT "${name}" AS v FROM ai_interactions WHERE id = ?`).get(target) as { v: unknown };
        const changed =
          name === 'status'
            ? before.v === 'completed'
              ? 'failed'
              : 'completed'
            : type === 'TEXT'
              ? `${(before.v as string | null) ?? ''}x`
              : ((before.v as number | null) ?? 0) + 1;
        h.core.db.prepare(`UPDATE ai_interactions SET "${name}" = ? WHERE id = ?`).run(changed, target);
        const id = name === 'id' ? String(changed) : target;
        const result = await verify();
        expect({ name, ok: result.ok }).toEqual({ name, ok: false });
        expect([target, id]).toContain(result.alteredInteractionId);
        h.core.db.prepare(`UPDATE ai_interactions SET "${name}" = ? WHERE id = ?`).run(before.v, id);
        expect({ name, ok: (await verify()).ok }).toEqual({ name, ok: true });
      }
    }
  });

  it('inserting a forged interaction', async () => {
    const { a } = await someHistory();
    h.core.db
      .prepare("INSERT INTO ai_interactions SELECT 'forged-1', document_id, action, provider, model, parameters, request, 'The AI said this.', input_tokens, output_tokens, latency_ms, first_token_ms, status, error_code, error_message, moderation, redactions, created_at, finished_at, content_digests, content_erased_at FROM ai_interactions WHERE id = ?")
      .run(a.interactionId);
    expect(await verify()).toMatchObject({ ok: false, alteredInteractionId: 'forged-1', message: expect.stringMatching(/not in the audit log/) });
  });

  it('inserting a forged interaction with a forged entry chained onto the log', async () => {
    const { a } = await someHistory();
    h.core.db
      .prepare("INSERT INTO ai_interactions SELECT 'forged-2', document_id, action, provider, model, parameters, request, response, input_tokens, output_tokens, latency_ms, first_token_ms, status, error_code, error_message, moderation, redactions, created_at, finished_at, content_digests, content_erased_at FROM ai_interactions WHERE id = ?")
      .run(a.interactionId);
    const row = h.core.db.prepare("SELECT * FROM ai_interactions WHERE id = 'forged-2'").get() as Record<string, unknown>;
    const last = h.core.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditRow;
    const forged = { seq: 7, at: last.at + 1, event: 'ai.interaction.finished', subject_id: 'forged-2', details: canonicalJson({ status: 'completed', rowSha256: interactionDigest(row) }), prev_hash: last.hash };
    h.core.db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @event, @subject_id, @details, @prev_hash, @hash)').run({ ...forged, hash: rowHash(last.hash, forged) });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, alteredInteractionId: null, checkpoint: { status: 'mismatch', seq: 6, logSeq: 7 } });
    expect(result.message).toMatch(/entries were added outside Lectern/);
  });

  it('the checkpoint does not follow a log changed behind Lectern’s back', async () => {
    await someHistory();
    dropGuards();
    h.core.db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    // Lectern appends next (a settings change): it must not sign the cut log as if nothing happened.
    await h.core.ai.updateSettings({ classList: ['Someone New'] });
    expect(await verify()).toMatchObject({ ok: false, checkpoint: { status: 'mismatch', seq: 6 } });
  });
});
