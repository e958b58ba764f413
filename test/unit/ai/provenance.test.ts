import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/provenance/canonicalJson';
import { aiHarness, type AiHarness } from './aiTestCore';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":"é","z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe('provenance', () => {
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

  it('records every call with its status, request and answer', async () => {
    const { doc, a, b, c } = await someHistory();
    const list = await h.core.dispatch('provenance.listInteractions', { documentId: doc.id });
    expect(list.ok && list.value.map((i) => [i.id, i.action, i.status])).toEqual([
      [c.interactionId, 'translate', 'completed'],
      [b.interactionId, 'summarise', 'failed'],
      [a.interactionId, 'rewrite', 'completed'],
    ]);
    const full = h.core.ai.getInteraction(c.interactionId);
    expect(full).toMatchObject({ provider: 'compatible', model: 'fake-model', parameters: { language: 'Welsh' }, response: 'Three.', errorCode: null });
    expect(full.latencyMs).not.toBeNull();
    expect(full.firstTokenMs).not.toBeNull();
    expect(JSON.stringify(full.request)).toContain('Translate this into Welsh');
    expect(h.core.ai.getInteraction(b.interactionId)).toMatchObject({ errorCode: 'AI_AUTH', response: null });
  });

  it('keeps an audit chain that verifies, and refuses to update or delete it', async () => {
    await someHistory();
    expect(h.core.ai.verify()).toMatchObject({ ok: true, checkedRows: 6, firstBrokenSeq: null });
    expect(() => h.core.db.prepare("UPDATE audit_log SET event = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => h.core.db.prepare('DELETE FROM audit_log WHERE seq = 6').run()).toThrow(/append-only/);
  });

  it('finds tampering at the right row even when the trigger is bypassed', async () => {
    await someHistory();
    h.core.db.exec('DROP TRIGGER audit_log_no_update');
    h.core.db.prepare("UPDATE audit_log SET details = json_set(details, '$.status', 'completed') WHERE seq = 4").run();
    expect(h.core.ai.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, message: expect.stringMatching(/entry 4/) });
  });

  it('finds a deleted row as a gap in the chain', async () => {
    await someHistory();
    h.core.db.exec('DROP TRIGGER audit_log_no_delete');
    h.core.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(h.core.ai.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('finds a stored answer edited after the fact', async () => {
    const { a } = await someHistory();
    h.core.db.prepare("UPDATE ai_interactions SET response = 'Something else.' WHERE id = ?").run(a.interactionId);
    expect(h.core.ai.verify()).toMatchObject({ ok: false, alteredInteractionId: a.interactionId });
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

describe('migration 003', () => {
  it('applies on its own straight after 001, and the AI tables work', async () => {
    const { default: Sqlite } = await import('better-sqlite3');
    const { migrate } = await import('../../../electron/core/db/migrate');
    const { MIGRATIONS } = await import('../../../electron/core/db/migrations');
    const db = new Sqlite(':memory:');
    try {
      const only = MIGRATIONS.filter((m) => m.version === 1 || m.version === 3);
      expect(migrate(db, only)).toEqual({ from: 0, to: 3 });
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['ai_interactions', 'ai_settings', 'audit_log', 'audit_log_no_delete', 'audit_log_no_update']));
    } finally {
      db.close();
    }
  });
});
