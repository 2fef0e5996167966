// The dashboard page's panel parameters, as Grafana names them: `viewPanel=<id>` (one panel full
// screen), `inspect=<id>` (its inspector), `editPanel=<id>` (its editor). A repeated copy is named
// `panel-<id>-clone-<n>`, and `panel-<id>` names the panel itself, as newer Grafana writes it.
import type { ShownPanel, ShownSection } from '../../../../shared/dashboards/repeat';
import { navigateTo } from './dash-location';

export type PanelParam = 'viewPanel' | 'inspect' | 'editPanel';

/** The shown panel a parameter's value names, or null. */
export function findShown(sections: readonly ShownSection[], ref: string): ShownPanel | null {
  const key = /^panel-[^-]+$/.test(ref) ? ref.slice('panel-'.length) : ref;
  for (const s of sections) for (const p of s.panels) if (p.key === key) return p;
  return null;
}

/** The current address with `name` set to `value` (or removed for null); other parameters kept. */
export function hrefWith(
  name: PanelParam,
  value: string | null,
  loc: { pathname: string; search: string },
): string {
  const p = new URLSearchParams(loc.search);
  if (value === null) p.delete(name);
  else p.set(name, value);
  const qs = p.toString();
  return `${loc.pathname}${qs ? `?${qs}` : ''}`;
}

/** Opens (a history entry, so Back closes it) or closes (in place) a panel parameter. */
export function setPanelParam(name: PanelParam, value: string | null): void {
  navigateTo(hrefWith(name, value, location), value === null);
}

/** A key typed into a field or editor is the field's, not a dashboard shortcut. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"], .cm-editor');
}
