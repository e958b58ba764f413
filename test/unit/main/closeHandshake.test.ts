import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_TIMEOUT_MS, CloseHandshake } from '../../../electron/main/closeHandshake';
import { FakeBrowserWindow } from './fakeElectron';

describe('closing waits for the renderer to save', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const window = new FakeBrowserWindow({ width: 1000, height: 700 });
    const requestSave = vi.fn();
    const handshake = new CloseHandshake(window as unknown as BrowserWindow, requestSave);
    return { window, requestSave, handshake };
  };

  it('cancels the first close and asks the renderer to save, once', () => {
    const { window, requestSave } = setup();
    window.close();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(requestSave).toHaveBeenCalledTimes(1);
  });

  it('closes for real when the renderer confirms', () => {
    const { window, handshake } = setup();
    window.close();
    expect(handshake.confirm()).toBe(true);
    vi.advanceTimersByTime(0);
    expect(window.isDestroyed()).toBe(true);
  });

  it('closes anyway after the timeout when the renderer never answers', () => {
    const { window } = setup();
    window.close();
    vi.advanceTimersByTime(CLOSE_TIMEOUT_MS - 1);
    expect(window.isDestroyed()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window.isDestroyed()).toBe(true);
  });

  it('ignores a confirmation nobody asked for', () => {
    const { window, handshake } = setup();
    expect(handshake.confirm()).toBe(false);
    vi.runAllTimers();
    expect(window.isDestroyed()).toBe(false);
  });
});
