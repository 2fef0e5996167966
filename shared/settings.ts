// What a user sets in the Settings view, named exactly as `promdesk serve`'s flags. The desktop
// keeps them in <data dir>/settings.json (only the keys the user changed); serve reads the same
// file, and command-line flags override it. Defaults here are the ones both use.
import { z } from 'zod';
import { parseDuration } from './duration';

export interface Settings {
  /** HOST:PORT of the HTTP API, the remote_write receiver, push and /metrics. */
  listen: string;
  /** Serve the HTTP API at all (desktop; `serve` always serves). */
  http: boolean;
  'retention.time': string;
  /** null: no size limit. */
  'retention.size': string | null;
  /** null: off. */
  'storage.downsample-after': string | null;
  'query.timeout': string;
  'query.max-samples': number;
  'query.lookback-delta': string;
  'query.compat': '2' | '3';
  /** A folder of Grafana dashboard JSON files provisioned at start; null: none. */
  dashboards: string | null;
  /** uid of the dashboard the home view shows; null: Host when node_exporter is scraped, else Promdesk. */
  'home-dashboard': string | null;
  /** On first start (no targets yet), look for exporters on this machine's loopback. */
  'targets.probe-at-start': boolean;
  'desktop.close-to-tray': boolean;
  'desktop.start-at-login': boolean;
  /** Alertmanager's group_wait, group_interval and repeat_interval for Promdesk's own notifications. */
  'notify.group-wait': string;
  'notify.group-interval': string;
  'notify.repeat-interval': string;
  /** A URL that gets Alertmanager's webhook payload; null: off. */
  'notify.webhook-url': string | null;
  /** An ntfy server (https://ntfy.sh or your own) and topic; either null: off. */
  'notify.ntfy-url': string | null;
  'notify.ntfy-topic': string | null;
}
export type SettingKey = keyof Settings;
/** What settings.json holds and what a Settings change sends: only the keys set. */
export type SettingsPatch = Partial<Settings>;

export interface SettingInfo<K extends SettingKey> {
  /** One line for the Settings view. */
  description: string;
  default: Settings[K];
  /** 'live': applied at once; 'restart': the engine reads it when it starts. */
  applies: 'live' | 'restart';
  /** Only the desktop app reads it. */
  desktopOnly?: true;
  /** What is wrong with a value (e.g. 'must be a positive duration like 2m, not "x"'), or null. */
  problem(value: unknown): string | null;
}

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

/** A HOST:PORT text ([v6]:port allowed); null when it is not one. */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!m || Number(m[3]) > 65535) return null;
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Bytes of a size such as 512MB, 5GB or 1.5GiB (binary units either way); null when not one. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2].toUpperCase().replace('IB', 'B')]);
}

const positiveDuration = (v: unknown) => typeof v === 'string' && (parseDuration(v) ?? 0) > 0;
const boolean = (v: unknown) => (typeof v === 'boolean' ? null : `must be true or false, not ${show(v)}`);
const httpUrl = (v: unknown) =>
  typeof v === 'string' && v.length <= 2000 && /^https?:\/\/[^/\s]+\S*$/.test(v);

export const SETTINGS: { readonly [K in SettingKey]: SettingInfo<K> } = {
  listen: {
    description: 'Address of the Prometheus HTTP API, remote_write, push and /metrics (HOST:PORT)',
    default: '127.0.0.1:9099',
    applies: 'live',
    problem: (v) =>
      typeof v === 'string' && parseHostPort(v)
        ? null
        : `must be HOST:PORT like 127.0.0.1:9099, not ${show(v)}`,
  },
  http: {
    description: 'Serve the HTTP API so Grafana, promtool and scripts can reach this app',
    default: true,
    applies: 'live',
    desktopOnly: true,
    problem: boolean,
  },
  'retention.time': {
    description: 'How long to keep samples',
    default: '30d',
    applies: 'restart',
    problem: (v) => (positiveDuration(v) ? null : `must be a duration like 30d or 12h, not ${show(v)}`),
  },
  'retention.size': {
    description: 'The most disk the samples may use, e.g. 5GB (empty: no limit)',
    default: null,
    applies: 'restart',
    problem: (v) =>
      v === null || (typeof v === 'string' && parseSize(v) !== null)
        ? null
        : `must be a size like 512MB or 5GB, not ${show(v)}`,
  },
  'storage.downsample-after': {
    description: 'Keep data older than this at 5-minute resolution (empty: off)',
    default: null,
    applies: 'restart',
    problem: (v) => (v === null || positiveDuration(v) ? null : `must be a duration like 7d, not ${show(v)}`),
  },
  'query.timeout': {
    description: 'The longest a query may run',
    default: '2m',
    applies: 'restart',
    problem: (v) => (positiveDuration(v) ? null : `must be a positive duration like 2m, not ${show(v)}`),
  },
  'query.max-samples': {
    description: 'The most samples one query may hold in memory',
    default: 50_000_000,
    applies: 'restart',
    problem: (v) =>
      Number.isSafeInteger(v) && (v as number) > 0 ? null : `must be a positive integer, not ${show(v)}`,
  },
  'query.lookback-delta': {
    description: 'How far back an instant selector looks for a sample',
    default: '5m',
    applies: 'restart',
    problem: (v) => (positiveDuration(v) ? null : `must be a positive duration like 5m, not ${show(v)}`),
  },
  'query.compat': {
    description: "PromQL semantics: Prometheus 2.42's (2) or 3.x's (3)",
    default: '2',
    applies: 'restart',
    problem: (v) => (v === '2' || v === '3' ? null : `must be 2 or 3, not ${show(v)}`),
  },
  dashboards: {
    description: 'A folder of Grafana dashboard JSON files imported at start, read-only (empty: none)',
    default: null,
    applies: 'restart',
    problem: (v) =>
      v === null || (typeof v === 'string' && v.trim() !== '')
        ? null
        : `must be a folder path, not ${show(v)}`,
  },
  'home-dashboard': {
    description:
      'The uid of the dashboard the Overview shows (empty: Host if node_exporter is scraped, else Promdesk)',
    default: null,
    applies: 'live',
    problem: (v) =>
      v === null || (typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v))
        ? null
        : `must be a dashboard uid (letters, digits, - and _), not ${show(v)}`,
  },
  'targets.probe-at-start': {
    description:
      "With no targets yet, look for exporters on this machine's loopback (127.0.0.1, ::1) at their usual ports and offer them",
    default: true,
    applies: 'live',
    problem: boolean,
  },
  'desktop.close-to-tray': {
    description: 'Closing the window keeps Promdesk running in the tray',
    default: false,
    applies: 'live',
    desktopOnly: true,
    problem: boolean,
  },
  'desktop.start-at-login': {
    description: 'Start Promdesk when you log in',
    default: false,
    applies: 'live',
    desktopOnly: true,
    problem: boolean,
  },
  'notify.group-wait': {
    description:
      'Notifications: how long a new group of alerts (by alertname) waits for more before it is sent',
    default: '30s',
    applies: 'live',
    problem: (v) => (positiveDuration(v) ? null : `must be a duration like 30s, not ${show(v)}`),
  },
  'notify.group-interval': {
    description: 'Notifications: the least time between two notifications of one group',
    default: '5m',
    applies: 'live',
    problem: (v) => (positiveDuration(v) ? null : `must be a duration like 5m, not ${show(v)}`),
  },
  'notify.repeat-interval': {
    description: 'Notifications: how often a group that still fires is notified again',
    default: '4h',
    applies: 'live',
    problem: (v) => (positiveDuration(v) ? null : `must be a duration like 4h, not ${show(v)}`),
  },
  'notify.webhook-url': {
    description: "A URL that receives each notification as Alertmanager's webhook payload (empty: off)",
    default: null,
    applies: 'live',
    problem: (v) => (v === null || httpUrl(v) ? null : `must be an http:// or https:// URL, not ${show(v)}`),
  },
  'notify.ntfy-url': {
    description: 'An ntfy server to push notifications to a phone, e.g. https://ntfy.sh (empty: off)',
    default: null,
    applies: 'live',
    problem: (v) => (v === null || httpUrl(v) ? null : `must be an http:// or https:// URL, not ${show(v)}`),
  },
  'notify.ntfy-topic': {
    description: 'The ntfy topic to publish to (anyone who knows it can read it: pick one hard to guess)',
    default: null,
    applies: 'live',
    problem: (v) =>
      v === null || (typeof v === 'string' && /^[-_A-Za-z0-9]{1,64}$/.test(v))
        ? null
        : `must be 1 to 64 letters, digits, - or _, not ${show(v)}`,
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTING_KEYS.map((k) => [k, SETTINGS[k].default]),
) as unknown as Settings;

function keySchema<K extends SettingKey>(key: K): z.ZodType<Settings[K]> {
  const info = SETTINGS[key] as SettingInfo<K>;
  return z.custom<Settings[K]>((v) => info.problem(v) === null, {
    error: (iss) => info.problem(iss.input) ?? 'invalid',
  });
}

/**
 * settings.json and a Settings change: any subset of the keys, each checked; an unknown key is
 * an error (a typo would otherwise be silently ignored). Issues carry the key as their path.
 */
export const settingsPatchSchema: z.ZodType<SettingsPatch> = z
  .strictObject(
    Object.fromEntries(SETTING_KEYS.map((k) => [k, keySchema(k)])) as {
      [K in SettingKey]: z.ZodType<Settings[K]>;
    },
  )
  .partial();

/** The first thing wrong with a patch, as "key problem" (e.g. 'query.timeout must be ...'), or null. */
export function settingsPatchProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `must be an object of settings, not ${Array.isArray(value) ? 'an array' : show(value)}`;
  const r = settingsPatchSchema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys')
    return `${issue.keys.map((k) => `"${k}"`).join(', ')}: no such setting (known: ${SETTING_KEYS.join(', ')})`;
  return `${issue.path.join('.')} ${issue.message}`;
}

/** Defaults with a patch laid over them. */
export function withDefaultSettings(patch: SettingsPatch): Settings {
  const out = { ...DEFAULT_SETTINGS };
  for (const k of SETTING_KEYS) if (patch[k] !== undefined) Object.assign(out, { [k]: patch[k] });
  return out;
}
