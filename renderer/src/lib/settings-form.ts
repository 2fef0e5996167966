// The Settings view's form as data: a draft of what the user typed per key, the typed value it
// stands for, what is wrong with it (shared/settings.ts's checks, the same the server runs), the
// patch a Save sends, and which field a server error belongs to.
import type { SettingsView } from '../../../shared/api';
import {
  DEFAULT_SETTINGS,
  SETTINGS,
  parseHostPort,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';

/** What each field holds: a checkbox's state, or the text typed (an unset size or duration is ''). */
export type SettingsDraft = Record<SettingKey, string | boolean>;

export function isBooleanSetting(key: SettingKey): boolean {
  return typeof DEFAULT_SETTINGS[key] === 'boolean';
}

/** Keys whose empty field means "off" / "no limit" (null). */
function isNullable(key: SettingKey): boolean {
  return DEFAULT_SETTINGS[key] === null;
}

export function draftOf(settings: Settings): SettingsDraft {
  const out = {} as SettingsDraft;
  for (const k of SETTING_KEYS) {
    const v = settings[k];
    out[k] = typeof v === 'boolean' ? v : v === null ? '' : String(v);
  }
  return out;
}

/** The value a field's draft stands for; unchecked (problem() says what is wrong with it). */
export function valueOf(key: SettingKey, draft: string | boolean): unknown {
  if (typeof draft === 'boolean') return draft;
  const text = draft.trim();
  if (isNullable(key) && text === '') return null;
  if (typeof DEFAULT_SETTINGS[key] === 'number') return /^\d+$/.test(text) ? Number(text) : text;
  return text;
}

/** What is wrong with a field, in the words the server would use, or null. */
export function fieldProblem(key: SettingKey, draft: string | boolean): string | null {
  return SETTINGS[key].problem(valueOf(key, draft));
}

/** Whether any field the user may edit differs from the saved settings. */
export function isDirty(draft: SettingsDraft, saved: Settings, readOnly: ReadonlySet<SettingKey>): boolean {
  return SETTING_KEYS.some((k) => !readOnly.has(k) && valueOf(k, draft[k]) !== saved[k]);
}

/**
 * What Save sends (putSettings replaces the saved settings): every key that differs from its
 * default, the fields' values for keys the user may edit and the saved values for keys a flag
 * sets (the flag wins while it is given; the saved value is kept for when it is not).
 */
export function settingsToSave(
  draft: SettingsDraft,
  saved: Settings,
  readOnly: ReadonlySet<SettingKey>,
): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) {
    const v = readOnly.has(k) ? saved[k] : valueOf(k, draft[k]);
    if (v !== DEFAULT_SETTINGS[k]) patch[k] = v;
  }
  return patch as SettingsPatch;
}

/** How a default reads beside its field. */
export function showDefault(key: SettingKey): string {
  const d = DEFAULT_SETTINGS[key];
  if (d === null) return isNullable(key) ? 'off' : 'none';
  if (typeof d === 'boolean') return d ? 'on' : 'off';
  if (typeof d === 'number') return d.toLocaleString('en-US');
  if (key === 'query.compat') return `Prometheus ${d === '2' ? '2.42' : d}`;
  return d;
}

/** The command-line flag that sets a key (`http` is turned off by --no-http). */
export function flagOf(key: SettingKey): string {
  return key === 'http' ? '--no-http' : `--${key}`;
}

/**
 * The setting a server error names ("query.timeout must be ...", "settings: listen must be ...",
 * '0.retention.size: ...'), or null when it names none: the error then goes above the form.
 */
export function errorKey(message: string): SettingKey | null {
  let best: { key: SettingKey; at: number } | null = null;
  for (const key of SETTING_KEYS) {
    const re = new RegExp(`(?:^|[\\s"'.(])${key.replace(/[.]/g, '\\.')}(?=[\\s"':)]|$)(?!:\\/\\/)`);
    const m = re.exec(message);
    if (!m) continue;
    const at = m.index + m[0].length - key.length;
    if (!best || at < best.at || (at === best.at && key.length > best.key.length)) best = { key, at };
  }
  return best?.key ?? null;
}

/** A port as typed in the "port in use" notice: 1-65535, or what is wrong with it. */
export function parsePort(text: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 65535)
    return `must be a port from 1 to 65535, not "${t}"`;
  return Number(t);
}

/**
 * The saved settings with the HTTP API on `port` (same host, turned on), or why the window cannot
 * move it: a --listen or --no-http flag wins over any saved value.
 */
export function listenOnPort(view: SettingsView, port: number): SettingsPatch | string {
  const readOnly = new Set(view.overriddenByFlags);
  for (const k of ['listen', 'http'] as const)
    if (readOnly.has(k))
      return `${flagOf(k)} on the command line sets this; start Promdesk without it to choose the port here`;
  const host = parseHostPort(view.settings.listen)?.host ?? '127.0.0.1';
  const listen = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return settingsToSave({ ...draftOf(view.settings), listen, http: true }, view.settings, readOnly);
}
