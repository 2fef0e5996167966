// THE options module of the engine host, for `promdesk serve` and the desktop app alike:
// defaults (shared/settings.ts) < <data dir>/settings.json < command-line flags. Both get the
// same defaults: PromQL with Prometheus 2.42's semantics, 30 days' retention, the same limits.
// A bad flag is an OptionsError naming the flag; a bad settings file is a SettingsError naming
// the file and the key.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../shared/duration';
import {
  SETTINGS,
  parseHostPort,
  parseSize,
  withDefaultSettings,
  type SettingKey,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import type { QueryEngineOptions } from '../engine/query';
import type { KeepPolicy } from '../engine/store/retention';
import { defaultDataDir } from '../engine/paths';
import { readSettings } from '../engine/config/settings-file';
import { computeExternalUrl } from '../engine/rules/external-url';
import type { EngineRuleOptions } from '../engine/rules/engine-rules';
import type { AlertmanagerFlags } from '../engine/notify/alertmanager/engine-alertmanagers';

/** A command-line flag is wrong (unknown, missing its value, or a bad value). */
export class OptionsError extends Error {
  override name = 'OptionsError';
  constructor(
    message: string,
    /** The command line itself is malformed (unknown flag, missing value): show the usage. */
    readonly usage = false,
  ) {
    super(message);
  }
}

export type HostMode = 'serve' | 'desktop';

/** Settings that have a flag of the same name (the desktop.* ones are set in the app only). */
const FLAG_KEYS = [
  'listen',
  'retention.time',
  'retention.size',
  'storage.downsample-after',
  'query.timeout',
  'query.max-samples',
  'query.lookback-delta',
  'query.compat',
  'dashboards',
] as const satisfies readonly SettingKey[];

/** serve's flags (and the desktop host's: the same, plus --no-http). */
export const HOST_FLAGS = {
  data: { type: 'string' },
  config: { type: 'string' },
  token: { type: 'string' },
  'storage.allow-empty-start': { type: 'boolean' },
  'web.enable-lifecycle': { type: 'boolean' },
  'config.watch': { type: 'boolean' },
  'web.external-url': { type: 'string' },
  'rules.alert.for-outage-tolerance': { type: 'string' },
  'rules.alert.for-grace-period': { type: 'string' },
  'rules.alert.resend-delay': { type: 'string' },
  'alertmanager.notification-queue-capacity': { type: 'string' },
  ...(Object.fromEntries(FLAG_KEYS.map((k) => [k, { type: 'string' }])) as Record<
    (typeof FLAG_KEYS)[number],
    { type: 'string' }
  >),
} as const;
const DESKTOP_FLAGS = { ...HOST_FLAGS, 'no-http': { type: 'boolean' } } as const;

export interface HostOptions {
  mode: HostMode;
  dataDir: string;
  configFile: string | null;
  /** --token; null: none given (one is generated when listening beyond loopback). */
  token: string | null;
  allowEmptyStart: boolean;
  /** --web.enable-lifecycle: POST /-/reload allowed (as Prometheus's flag). */
  enableLifecycle: boolean;
  /** --config.watch: a change to the config file reloads it. */
  watchConfig: boolean;
  /** --web.external-url and --rules.alert.for-*: rule templates' externalURL, the for-state restore. */
  rules: EngineRuleOptions;
  /** --rules.alert.resend-delay, --alertmanager.notification-queue-capacity (unset: the defaults). */
  alerting: AlertmanagerFlags;
  /** The settings in force: defaults, then settings.json, then flags. */
  settings: Settings;
  /** What the flags set: these override settings.json, now and after a Settings change. */
  flagSettings: SettingsPatch;
  listen: { host: string; port: number };
  /** Serve the HTTP API (serve: always). */
  http: boolean;
  retention: KeepPolicy;
  query: QueryEngineOptions;
  /** The dashboards provisioning folder (absolute), or null. */
  dashboardsDir: string | null;
}

/**
 * Parses the command line and reads <data>/settings.json. OptionsError on a bad flag,
 * SettingsError on a bad file.
 */
export function loadHostOptions(argv: readonly string[], mode: HostMode): HostOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: mode === 'desktop' ? DESKTOP_FLAGS : HOST_FLAGS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new OptionsError((err as Error).message, true);
  }
  const flagSettings = settingsFromFlags(values);
  if (values['no-http'] === true) flagSettings.http = false;
  const dataDir = resolve(typeof values.data === 'string' ? values.data : defaultDataDir());
  const settings = effectiveSettings(readSettings(dataDir), flagSettings);
  const engine = engineOptions(settings);
  return {
    mode,
    dataDir,
    configFile: typeof values.config === 'string' ? resolve(values.config) : null,
    token: typeof values.token === 'string' ? values.token : null,
    allowEmptyStart: values['storage.allow-empty-start'] === true,
    enableLifecycle: values['web.enable-lifecycle'] === true,
    watchConfig: values['config.watch'] === true,
    rules: ruleOptions(values, parseHostPort(settings.listen)!.port),
    alerting: alertingFlags(values),
    settings,
    flagSettings,
    listen: parseHostPort(settings.listen)!,
    http: mode === 'serve' || settings.http,
    dashboardsDir: settings.dashboards === null ? null : resolve(settings.dashboards),
    ...engine,
  };
}

/** Prometheus's flags for sending to Alertmanagers, checked: OptionsError names the flag and the value. */
function alertingFlags(values: Record<string, string | boolean | undefined>): AlertmanagerFlags {
  const out: AlertmanagerFlags = {};
  const delay = values['rules.alert.resend-delay'];
  if (typeof delay === 'string') {
    const ms = parseDuration(delay);
    if (ms === null)
      throw new OptionsError(`--rules.alert.resend-delay must be a duration like 1m, not "${delay}"`);
    out.resendDelayMs = ms;
  }
  const cap = values['alertmanager.notification-queue-capacity'];
  if (typeof cap === 'string') {
    if (!/^[1-9][0-9]{0,8}$/.test(cap))
      throw new OptionsError(
        `--alertmanager.notification-queue-capacity must be a positive integer, not "${cap}"`,
      );
    out.queueCapacity = Number(cap);
  }
  return out;
}

/** settings.json's keys with the flags' laid over them (both already checked). */
export function effectiveSettings(file: SettingsPatch, flags: SettingsPatch): Settings {
  return withDefaultSettings({ ...file, ...flags });
}

/** The flags that name a setting, checked: OptionsError names the flag and the value. */
function settingsFromFlags(values: Record<string, string | boolean | undefined>): SettingsPatch {
  const out: SettingsPatch = {};
  for (const k of FLAG_KEYS) {
    const raw = values[k];
    if (typeof raw !== 'string') continue;
    const value = k === 'query.max-samples' && /^\d+$/.test(raw) ? Number(raw) : raw;
    const problem = SETTINGS[k].problem(value);
    if (problem) throw new OptionsError(`--${k} ${problem}`);
    Object.assign(out, { [k]: value });
  }
  return out;
}

/** --web.external-url and the for-state restore's durations, checked: OptionsError names the flag. */
function ruleOptions(values: Record<string, string | boolean | undefined>, port: number): EngineRuleOptions {
  const url = values['web.external-url'];
  let externalUrl: string;
  try {
    externalUrl = computeExternalUrl(typeof url === 'string' ? url : null, port);
  } catch (err) {
    throw new OptionsError(`--web.external-url: ${(err as Error).message}`);
  }
  const duration = (flag: string): number | undefined => {
    const raw = values[flag];
    if (typeof raw !== 'string') return undefined;
    const ms = parseDuration(raw);
    if (ms === null) throw new OptionsError(`--${flag} must be a duration like 1h, not "${raw}"`);
    return ms;
  };
  return {
    externalUrl,
    forOutageToleranceMs: duration('rules.alert.for-outage-tolerance'),
    forGracePeriodMs: duration('rules.alert.for-grace-period'),
  };
}

/** Retention and PromQL options of checked settings. */
export function engineOptions(s: Settings): { retention: KeepPolicy; query: QueryEngineOptions } {
  const retention: KeepPolicy = { maxAgeMs: parseDuration(s['retention.time'])! };
  if (s['retention.size'] !== null) retention.maxBytes = parseSize(s['retention.size'])!;
  if (s['storage.downsample-after'] !== null)
    retention.downsampleAfterMs = parseDuration(s['storage.downsample-after'])!;
  return {
    retention,
    query: {
      timeoutMs: parseDuration(s['query.timeout'])!,
      maxSamples: s['query.max-samples'],
      lookbackDeltaMs: parseDuration(s['query.lookback-delta'])!,
      compat: s['query.compat'] === '3' ? '3' : '2.42',
    },
  };
}
