import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowBounds } from './window';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowState extends WindowBounds {
  maximised: boolean;
}

/** No position: Electron centres the window on the primary display. */
export const DEFAULT_WINDOW_STATE: WindowState = { ...DEFAULT_WINDOW_SIZE, maximised: false };

// Larger than any real display arrangement, small enough to refuse nonsense.
const MAX_EXTENT = 100_000;
const Coordinate = z.number().int().min(-MAX_EXTENT).max(MAX_EXTENT);

const SavedStateSchema = z.object({
  x: Coordinate,
  y: Coordinate,
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(MAX_EXTENT),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(MAX_EXTENT),
  maximised: z.boolean(),
});

/** How much of the top edge must be on a display for the teacher to grab and move the window. */
const TITLE_BAR = { width: 100, height: 32 } as const;

/**
 * The saved state, or the default when the file is missing, unreadable, invalid, or describes a
 * window whose title bar is on no current display (a projector or second monitor unplugged since).
 */
export function loadWindowState(
  file: string,
  workAreas: readonly Rectangle[],
  report: (reason: string) => void = () => {},
): WindowState {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    // On first run there is no file, and the default is the right answer.
    if ((error as { code?: unknown }).code !== 'ENOENT') report(`window state unreadable: ${(error as Error).message}`);
    return { ...DEFAULT_WINDOW_STATE };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // A half-written or hand-edited file is not worth keeping; the next save replaces it.
    report('window state is not JSON');
    return { ...DEFAULT_WINDOW_STATE };
  }
  const parsed = SavedStateSchema.safeParse(json);
  if (!parsed.success) {
    report('window state is invalid');
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (!isTitleBarVisible(parsed.data, workAreas)) {
    report('saved window position is off every display');
    return { ...DEFAULT_WINDOW_STATE };
  }
  return parsed.data;
}

export function isTitleBarVisible(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const strip = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR.height };
  return workAreas.some((area) => {
    const overlapWidth = Math.min(strip.x + strip.width, area.x + area.width) - Math.max(strip.x, area.x);
    const overlapHeight = Math.min(strip.y + strip.height, area.y + area.height) - Math.max(strip.y, area.y);
    return overlapWidth >= TITLE_BAR.width && overlapHeight >= TITLE_BAR.height;
  });
}

/** Written to a temporary file then renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: Required<WindowState>): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state), 'utf8');
  renameSync(temp, file);
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Saves the window's normal (un-maximised) bounds and whether it is maximised: shortly after the
 * teacher stops moving or resizing, and at once on close.
 */
export function trackWindowState(
  window: TrackedWindow,
  file: string,
  onError: (error: unknown) => void,
  debounceMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    try {
      saveWindowState(file, { ...window.getNormalBounds(), maximised: window.isMaximized() });
    } catch (error) {
      onError(error);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
  window.on('closed', () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  });
}
