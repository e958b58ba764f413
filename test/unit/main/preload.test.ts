import * as electron from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, contract, ipcChannel, type LecternApi, type LecternEvent } from '../../../electron/contract';
import type { FakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).createFakeElectron());

const fake = electron as unknown as FakeElectron;

describe('the preload', () => {
  let api: LecternApi;

  beforeAll(async () => {
    await import('../../../electron/preload/index');
    api = fake.contextBridge.exposed.get('lectern') as LecternApi;
  });

  it("exposes only window.lectern", () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['lectern']);
  });

  it("has exactly the contract's services and methods, plus events", () => {
    const shape = Object.fromEntries(Object.entries(api).map(([service, methods]) => [service, Object.keys(methods).sort()]));
    const expected = Object.fromEntries(Object.entries(contract).map(([service, methods]) => [service, Object.keys(methods).sort()]));
    expect(shape).toEqual({ ...expected, events: ['on'] });
  });

  it('holds nothing but functions: no ipcRenderer, no channel names', () => {
    for (const methods of Object.values(api)) {
      for (const value of Object.values(methods as Record<string, unknown>)) {
        expect(typeof value).toBe('function');
        expect(value).not.toBe(fake.ipcRenderer);
      }
    }
    expect(JSON.stringify(api)).not.toContain('lectern:');
  });

  it('forwards each method to its own channel with the input', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await expect(api.documents.get({ id })).resolves.toEqual({ ok: true, value: { channel: 'lectern:documents.get', args: [{ id }] } });
    await api.app.info({});
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannel('app.info'), {});
    for (const [service, methods] of Object.entries(contract)) {
      for (const method of Object.keys(methods)) {
        const call = (api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[service]?.[method];
        await call?.({ probe: true });
        expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(`lectern:${service}.${method}`, { probe: true });
      }
    }
  });

  it('listens on the event channel once, whatever the number of subscribers', () => {
    // Recorded by the fake itself rather than by the mock, whose call log is cleared between tests.
    const stops = [api.events.on(() => {}), api.events.on(() => {})];
    expect([...fake.ipcRenderer.listeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
    expect(fake.ipcRenderer.listeners.get(IPC_EVENT_CHANNEL)).toHaveLength(1);
    for (const stop of stops) stop();
  });

  it('events.on delivers events without the IPC event object, and its unsubscribe works', () => {
    const deliver = (event: LecternEvent) => {
      for (const listener of fake.ipcRenderer.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: fake.ipcRenderer }, event);
    };
    const received: unknown[][] = [];
    const unsubscribe = api.events.on((...args: unknown[]) => received.push(args));
    deliver({ type: 'menu.command', command: 'new-document' });
    expect(received).toEqual([[{ type: 'menu.command', command: 'new-document' }]]);
    unsubscribe();
    deliver({ type: 'app.closeRequested' });
    expect(received).toHaveLength(1);
  });

  it('one failing listener does not stop the others, and its error is not lost', () => {
    const rethrown: (() => void)[] = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => rethrown.push(task));
    try {
      const good = vi.fn();
      const stopBad = api.events.on(() => {
        throw new Error('listener broke');
      });
      const stopGood = api.events.on(good);
      for (const listener of fake.ipcRenderer.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({}, { type: 'app.closeRequested' });
      expect(good).toHaveBeenCalledTimes(1);
      expect(rethrown).toHaveLength(1);
      expect(() => rethrown[0]?.()).toThrow('listener broke');
      stopBad();
      stopGood();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses a non-function listener', () => {
    expect(() => api.events.on('not a function' as unknown as () => void)).toThrow(TypeError);
  });
});
