/**
 * Whether a key event is the shortcut "Mod+Shift+A" (Mod is Ctrl, or ⌘ on a Mac). Modifiers must
 * match exactly, so Ctrl+Shift+A does not also fire for Ctrl+Alt+Shift+A.
 */
export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.pop()!.toLowerCase();
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const wants = new Set(parts);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  return (
    event.key.toLowerCase() === key &&
    mod === wants.has('Mod') &&
    !otherMod &&
    event.shiftKey === wants.has('Shift') &&
    event.altKey === wants.has('Alt')
  );
}
