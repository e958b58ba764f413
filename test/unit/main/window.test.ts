import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_SIZE, SPELLCHECK_LANGUAGES, createWindowOptions } from '../../../electron/main/window';

const options = (packaged = true) =>
  createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: { x: 10, y: 20, width: 1200, height: 800 }, packaged });

describe('the main window options', () => {
  const prefs = options().webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', true],
  ] as const)('set %s to %s explicitly', (flag, value) => {
    expect(prefs[flag]).toBe(value);
  });

  it('never enable Blink features or a custom partition behind our back', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
  });

  it('load the bundled CommonJS preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('stay hidden until ready, with a title, background and a usable minimum size', () => {
    const window = options();
    expect(window.show).toBe(false);
    expect(window.title).toBe('Lectern');
    expect(window.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(window.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(window.minHeight).toBe(MIN_WINDOW_SIZE.height);
    expect([window.x, window.y, window.width, window.height]).toEqual([10, 20, 1200, 800]);
  });

  it('offer developer tools only when running from source', () => {
    expect(options(true).webPreferences?.devTools).toBe(false);
    expect(options(false).webPreferences?.devTools).toBe(true);
  });

  it('spell-check in British English', () => {
    expect(SPELLCHECK_LANGUAGES).toEqual(['en-GB']);
  });
});
