// The target editor's form state and its conversion to/from the Api's TargetInput.
import { defaultTargetInput, type Auth, type TargetInput } from '../../../shared/api';
import { kindFieldsFromForm, kindFormFromInput, urlProblem, type KindFormState } from './target-kinds';
import { formatDurationShort, parseDuration } from './time-range';

/** A new target starts from the engine's defaults (Prometheus's 15s interval, 10s timeout). */
export const newTargetDefaults: TargetInput = defaultTargetInput;

export interface LabelRow {
  key: string;
  value: string;
}

export interface TargetFormState extends KindFormState {
  url: string;
  job: string;
  interval: string;
  timeout: string;
  labels: LabelRow[];
  authType: Auth['type'];
  username: string;
  password: string;
  token: string;
  honorLabels: boolean;
  honorTimestamps: boolean;
  tlsInsecureSkipVerify: boolean;
  /** relabel_configs / metric_relabel_configs as YAML ('' = none). */
  relabelConfigs: string;
  metricRelabelConfigs: string;
}

export function formFromInput(t: TargetInput): TargetFormState {
  return {
    ...kindFormFromInput(t),
    url: t.url,
    job: t.job,
    interval: formatDurationShort(t.intervalMs),
    timeout: formatDurationShort(t.timeoutMs),
    labels: Object.entries(t.labels).map(([key, value]) => ({ key, value })),
    authType: t.auth.type,
    username: t.auth.type === 'basic' ? t.auth.username : '',
    password: t.auth.type === 'basic' ? t.auth.password : '',
    token: t.auth.type === 'bearer' ? t.auth.token : '',
    honorLabels: t.honorLabels,
    honorTimestamps: t.honorTimestamps,
    tlsInsecureSkipVerify: t.tlsInsecureSkipVerify,
    relabelConfigs: t.relabelConfigs ?? '',
    metricRelabelConfigs: t.metricRelabelConfigs ?? '',
  };
}

/** A job name suggested from a URL (the host without port), for the user to take or change. */
export function jobFromUrl(url: string): string {
  const m = /^(?:https?|tcp):\/\/([^/:?#\s]+)/.exec(url.trim());
  return m ? m[1] : '';
}

/** Form → TargetInput, or a list of problems a user can fix (field-named). */
export function inputFromForm(f: TargetFormState): { input: TargetInput } | { errors: string[] } {
  const errors: string[] = [];
  const url = f.url.trim();
  const badUrl = urlProblem(f.kind, url);
  if (badUrl) errors.push(badUrl);
  // No silent default: a job named after the host would surprise whoever reads the series later.
  const job = f.job.trim();
  if (!job) errors.push('Job: job must not be empty');
  const intervalMs = parseDuration(f.interval);
  if (intervalMs === null || intervalMs < 100)
    errors.push('Interval: a duration like 15s, 1m (at least 100ms)');
  const timeoutMs = parseDuration(f.timeout);
  if (timeoutMs === null || timeoutMs < 50) errors.push('Timeout: a duration like 10s (at least 50ms)');
  if (intervalMs !== null && timeoutMs !== null && timeoutMs > intervalMs)
    errors.push('Timeout: must not be longer than the interval');
  const labels: Record<string, string> = {};
  for (const row of f.labels) {
    const k = row.key.trim();
    if (!k && !row.value) continue;
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) errors.push(`Labels: "${k}" is not a valid label name`);
    else if (k in labels) errors.push(`Labels: "${k}" is set twice`);
    else labels[k] = row.value;
  }
  let auth: Auth = { type: 'none' };
  if (f.authType === 'basic') {
    if (!f.username) errors.push('Basic auth: username must not be empty');
    auth = { type: 'basic', username: f.username, password: f.password };
  } else if (f.authType === 'bearer') {
    if (!f.token) errors.push('Bearer auth: token must not be empty');
    auth = { type: 'bearer', token: f.token };
  }
  const kind = kindFieldsFromForm(f);
  if ('errors' in kind) errors.push(...kind.errors);
  if (errors.length || 'errors' in kind) return { errors };
  return {
    input: {
      ...kind.fields,
      url,
      job,
      intervalMs: intervalMs!,
      timeoutMs: timeoutMs!,
      labels,
      auth,
      honorLabels: f.honorLabels,
      honorTimestamps: f.honorTimestamps,
      tlsInsecureSkipVerify: f.tlsInsecureSkipVerify,
      // Left out when blank, so a target without rules is saved as before.
      ...(f.relabelConfigs.trim() ? { relabelConfigs: f.relabelConfigs } : {}),
      ...(f.metricRelabelConfigs.trim() ? { metricRelabelConfigs: f.metricRelabelConfigs } : {}),
    },
  };
}
