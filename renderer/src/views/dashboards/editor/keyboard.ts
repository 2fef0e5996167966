// The dashboard's keys (Grafana's): `e` edits the hovered panel, Esc leaves the editor or
// settings, ctrl+s / cmd+s saves. Plain keys never fire while the user types in a field or in a
// code editor (CodeMirror's contenteditable), so `e` stays a letter there.

export type DashboardKey = 'edit' | 'escape' | 'save';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  target: EventTarget | null;
}

/** Whether typing goes into `target`: an input, textarea, select or contenteditable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown; closest?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return el.isContentEditable === true;
}

export function dashboardKey(e: KeyLike): DashboardKey | null {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') return 'save';
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return null;
  if (e.key === 'Escape') return 'escape';
  if (e.key === 'e' && !e.shiftKey) return 'edit';
  return null;
}
