import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_STATE, isTitleBarVisible, loadWindowState, trackWindowState } from '../../../electron/main/windowState';
import { tempDir } from '../../helpers/tempDir';
import { FakeBrowserWindow } from './fakeElectron';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const leftMonitor = { x: -1280, y: 0, width: 1280, height: 984 };

describe('remembered window bounds', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'window-state.json');
  });
  afterEach(() => {
    vi.useRealTimers();
    dir.dispose();
  });

  const save = (value: unknown) => writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));

  it('uses the default on first run', () => {
    const reasons: string[] = [];
    expect(loadWindowState(file, [laptop], (reason) => reasons.push(reason))).toEqual(DEFAULT_WINDOW_STATE);
    expect(reasons).toEqual([]);
  });

  it('restores valid bounds, on the primary display or a second one to the left', () => {
    save({ x: 100, y: 80, width: 1200, height: 800, maximised: false });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximised: false });
    save({ x: -1200, y: 40, width: 1000, height: 700, maximised: true });
    expect(loadWindowState(file, [laptop, leftMonitor])).toEqual({ x: -1200, y: 40, width: 1000, height: 700, maximised: true });
  });

  it.each([
    ['on a monitor that is no longer connected', { x: -1200, y: 40, width: 1000, height: 700, maximised: false }],
    ['far off to the right', { x: 5000, y: 100, width: 1000, height: 700, maximised: false }],
    ['with its title bar above the top of the screen', { x: 100, y: -600, width: 1000, height: 700, maximised: false }],
    ['with only a sliver of title bar showing', { x: 1880, y: 100, width: 1000, height: 700, maximised: false }],
  ])('rejects a window %s', (_label, state) => {
    save(state);
    const reasons: string[] = [];
    expect(loadWindowState(file, [laptop], (reason) => reasons.push(reason))).toEqual(DEFAULT_WINDOW_STATE);
    expect(reasons).toEqual(['saved window position is off every display']);
  });

  it.each([
    ['not JSON', '{"x": 1, "y":'],
    ['an array', '[1,2,3]'],
    ['missing fields', { x: 10, y: 10 }],
    ['text where numbers belong', { x: '10', y: 10, width: 1000, height: 700, maximised: false }],
    ['smaller than the minimum size', { x: 10, y: 10, width: 20, height: 20, maximised: false }],
    ['absurdly large', { x: 10, y: 10, width: 1e9, height: 700, maximised: false }],
    ['fractional or NaN-like values', { x: 10.5, y: 10, width: 1000, height: 700, maximised: false }],
  ])('rejects a corrupt file (%s)', (_label, contents) => {
    save(contents);
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('title-bar visibility is judged against work areas, not whole displays', () => {
    expect(isTitleBarVisible({ x: 0, y: 0, width: 900, height: 600 }, [laptop])).toBe(true);
    expect(isTitleBarVisible({ x: 0, y: 1020, width: 900, height: 600 }, [laptop])).toBe(false);
  });

  it('saves once after moving and resizing settle, at once on close, and round-trips', () => {
    vi.useFakeTimers();
    const window = new FakeBrowserWindow({ x: 50, y: 60, width: 1000, height: 700 });
    trackWindowState(window as unknown as BrowserWindow, file, (error) => {
      throw error;
    });
    window.bounds = { x: 70, y: 60, width: 1100, height: 720 };
    window.emit('move');
    window.emit('resize');
    window.emit('resize');
    expect(existsSync(file)).toBe(false);
    vi.advanceTimersByTime(500);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 70, y: 60, width: 1100, height: 720, maximised: false });

    window.maximize();
    window.emit('maximize');
    window.close();
    // Saved on close without waiting for the debounce; normal bounds are kept for un-maximising.
    expect(loadWindowState(file, [laptop])).toEqual({ x: 70, y: 60, width: 1100, height: 720, maximised: true });
    expect(readdirSync(dir.path)).toEqual(['window-state.json']);
  });

  it('reports a failed save rather than throwing from an event', () => {
    vi.useFakeTimers();
    const window = new FakeBrowserWindow({ width: 1000, height: 700 });
    const errors: unknown[] = [];
    trackWindowState(window as unknown as BrowserWindow, join(dir.path, 'missing-folder', 'state.json'), (error) => errors.push(error));
    window.close();
    expect(errors).toHaveLength(1);
  });
});
