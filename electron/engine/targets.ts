// The set of scrape targets: from the config file (read-only) and added in the UI (persisted in
// the store's settings table), each with its scrape loop and its last known state.
import { randomUUID } from 'node:crypto';
import type { TargetInput, TargetView } from '../../shared/api';
import { targetInputSchema } from '../../shared/api-schemas';
import type { LabelSet } from '../../shared/api';
import { labelsKey } from '../../shared/labels-key';
import type { PrometheusConfig, ScrapeConfig } from './config/prometheus-config';
import { parseRelabelConfigs } from './config/prometheus-config';
import { relabelSteps } from './relabel/apply';
import { populateLabels, publicLabels, type JobDefaults } from './relabel/populate';
import type { RelabelRule } from './relabel/rule';
import { targetUrl } from './relabel/target-url';
import { instanceOf, targetLabelsOf, type TargetSpec } from './scrape/target-spec';

export const TARGETS_SETTING_KEY = 'targets.v1';

export interface TargetRuntime {
  health: TargetView['health'];
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastSamples: number | null;
}

export function freshRuntime(): TargetRuntime {
  return { health: 'unknown', lastScrapeMs: null, lastDurationMs: null, lastError: null, lastSamples: null };
}

export function viewOf(spec: TargetSpec, rt: TargetRuntime, warnings: string[] = []): TargetView {
  return {
    id: spec.id,
    source: spec.source,
    paused: spec.paused,
    input: spec.uiInput ?? spec.input,
    targetLabels: targetLabelsOf(spec),
    ...(spec.discoveredLabels ? { discoveredLabels: spec.discoveredLabels } : {}),
    ...(spec.uiInput && spec.uiInput.url !== spec.input.url ? { scrapeUrl: spec.input.url } : {}),
    ...rt,
    warnings,
  };
}

/**
 * A target added in the UI. With relabelConfigs its labels are relabelled as a config target's
 * (from its URL: __address__, __scheme__, __metrics_path__, __param_*), and what the rules leave
 * is scraped; rules that do not check, drop it or leave unusable labels throw, naming why.
 */
export function uiTargetSpec(
  input: TargetInput,
  id: string = 'ui-' + randomUUID(),
  paused = false,
): TargetSpec {
  const metricRelabel = rulesOf(input.metricRelabelConfigs, 'metricRelabelConfigs');
  const spec: TargetSpec = {
    id,
    source: 'ui',
    paused,
    input,
    caFile: null,
    bodySizeLimitBytes: 0,
    sampleLimit: 0,
    instance: instanceOf(input.url),
    ...(metricRelabel.length > 0 ? { metricRelabel } : {}),
  };
  const rules = rulesOf(input.relabelConfigs, 'relabelConfigs');
  if (rules.length === 0) return spec;
  const { labels, job } = uiTargetLabels(input);
  const t = populateLabels(labels, job, rules);
  if (t.kind === 'dropped') {
    const i = relabelSteps(t.discovered, rules).length - 1;
    throw new Error(
      `relabelConfigs: rule ${i + 1} (${rules[i].action}) drops this target, so it would never be scraped`,
    );
  }
  if (t.kind === 'failed')
    throw new Error(`relabelConfigs: the labels the rules leave are unusable: ${t.error}`);
  const address = t.labels.__address__;
  const url = input.kind === 'tcp-stream' ? `tcp://${address}` : targetUrl(t.labels, job.params);
  const final = publicLabels(t.labels);
  return {
    ...spec,
    input: { ...input, url, intervalMs: t.intervalMs, timeoutMs: t.timeoutMs },
    uiInput: input,
    instance: final.instance ?? address,
    labels: final,
    discoveredLabels: t.discovered,
  };
}

/** A rule list typed as YAML ('' or absent: none); a ConfigError names the rule, line and key. */
function rulesOf(text: string | undefined, what: string): RelabelRule[] {
  return text === undefined || text.trim() === '' ? [] : parseRelabelConfigs(text, what);
}

/** A UI target's labels before relabeling, and the job defaults its URL and settings give. */
export function uiTargetLabels(input: TargetInput): { labels: LabelSet; job: JobDefaults } {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new Error(`url: ${JSON.stringify(input.url)} is not a URL`);
  }
  const params: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (params[k] ??= []).push(v);
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % stays as written.
  }
  const job: JobDefaults = {
    jobName: input.job,
    scheme: url.protocol.slice(0, -1),
    metricsPath: path,
    scrapeIntervalMs: input.intervalMs,
    // The API takes a timeout past the interval (the form does not); a scrape ends at the next one.
    scrapeTimeoutMs: Math.min(input.timeoutMs, input.intervalMs),
    params,
  };
  return { labels: { ...input.labels, __address__: url.host }, job };
}

/** A target that relabeling dropped, kept for /api/v1/targets' droppedTargets. */
export interface DroppedTarget {
  scrapePool: string;
  discoveredLabels: LabelSet;
}

/** A set of targets with labels in common, as Prometheus's service discovery hands them over. */
export interface TargetGroup {
  /** Each target's own labels (__address__ at least). */
  targets: LabelSet[];
  /** Labels of every target of the group (a target's own win). */
  labels: LabelSet;
}

export interface JobTargets {
  active: TargetSpec[];
  dropped: DroppedTarget[];
  /** Targets whose labels are unusable after relabeling: neither active nor dropped. */
  failures: string[];
}

/** The targets of every scrape_config's static_configs, relabelled. */
export function configTargets(config: PrometheusConfig): JobTargets {
  const out: JobTargets = { active: [], dropped: [], failures: [] };
  for (const sc of config.scrapeConfigs) {
    const groups = sc.staticConfigs.map((sg) => ({
      targets: sg.targets.map((address) => ({ __address__: address })),
      labels: sg.labels,
    }));
    const j = jobTargets(sc, groups);
    out.active.push(...j.active);
    out.dropped.push(...j.dropped);
    out.failures.push(...j.failures);
  }
  return out;
}

/** One TargetSpec per active target of every scrape_config. */
export function configTargetSpecs(config: PrometheusConfig): TargetSpec[] {
  return configTargets(config).active;
}

/**
 * A job's targets from its groups, as Prometheus 2.42's TargetsFromGroup and scrape pool sync:
 * each target's labels relabelled (populateLabels), the dropped ones kept with their discovered
 * labels, and active targets with the same labels and URL counted once.
 */
export function jobTargets(sc: ScrapeConfig, groups: readonly TargetGroup[]): JobTargets {
  const out: JobTargets = { active: [], dropped: [], failures: [] };
  const seen = new Set<string>();
  const ids = new Set<string>();
  const auth: TargetInput['auth'] = sc.basicAuth
    ? { type: 'basic', ...sc.basicAuth }
    : sc.bearerToken !== null
      ? { type: 'bearer', token: sc.bearerToken }
      : { type: 'none' };
  groups.forEach((g, gi) => {
    g.targets.forEach((own, ti) => {
      const t = populateLabels({ ...g.labels, ...own }, sc, sc.relabelConfigs);
      if (t.kind === 'dropped') {
        out.dropped.push({ scrapePool: sc.jobName, discoveredLabels: t.discovered });
        return;
      }
      if (t.kind === 'failed') {
        out.failures.push(
          `job ${sc.jobName}: target ${ti} of group ${gi} (${own.__address__ ?? ''}): ${t.error}`,
        );
        return;
      }
      const address = t.labels.__address__;
      const url = sc.tcpStream ? `tcp://${address}` : targetUrl(t.labels, sc.params);
      const labels = publicLabels(t.labels);
      const key = `${labelsKey(t.labels)}\n${url}`;
      if (seen.has(key)) return;
      seen.add(key);
      let id = `cfg:${sc.jobName}:${url}`;
      for (let n = 2; ids.has(id); n++) id = `cfg:${sc.jobName}:${url}#${n}`;
      ids.add(id);
      const { job: _job, instance, ...rest } = labels;
      out.active.push({
        id,
        source: 'config',
        paused: false,
        input: {
          ...(sc.json ? { kind: 'json' as const, json: sc.json } : {}),
          ...(sc.tcpStream ? { kind: 'tcp-stream' as const, tcp: sc.tcpStream } : {}),
          url,
          job: sc.jobName,
          intervalMs: t.intervalMs,
          timeoutMs: t.timeoutMs,
          labels: rest,
          auth,
          honorLabels: sc.honorLabels,
          honorTimestamps: sc.honorTimestamps,
          tlsInsecureSkipVerify: sc.tls.insecureSkipVerify,
        },
        caFile: sc.tls.caFile,
        bodySizeLimitBytes: sc.bodySizeLimitBytes,
        sampleLimit: sc.sampleLimit,
        followRedirects: sc.followRedirects,
        instance: instance ?? address,
        labels,
        discoveredLabels: t.discovered,
        metricRelabel: sc.metricRelabelConfigs,
      });
    });
  });
  return out;
}

interface StoredTarget {
  id: string;
  paused: boolean;
  input: unknown;
}

/** Reads UI targets back; entries that no longer validate are skipped with a warning. */
export function loadUiTargets(raw: string | undefined, warn: (msg: string) => void): TargetSpec[] {
  if (!raw) return [];
  let list: StoredTarget[];
  try {
    list = JSON.parse(raw) as StoredTarget[];
  } catch {
    warn('stored targets are unreadable; starting with none from the UI');
    return [];
  }
  const out: TargetSpec[] = [];
  for (const t of list) {
    const parsed = targetInputSchema.safeParse(t.input);
    if (!parsed.success) {
      warn(`stored target ${t.id} is invalid and was skipped: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    try {
      out.push(uiTargetSpec(parsed.data, t.id, t.paused));
    } catch (err) {
      warn(`stored target ${t.id} was skipped: ${(err as Error).message}`);
    }
  }
  return out;
}

export function serializeUiTargets(specs: Iterable<TargetSpec>): string {
  const list: StoredTarget[] = [];
  for (const s of specs)
    if (s.source === 'ui') list.push({ id: s.id, paused: s.paused, input: s.uiInput ?? s.input });
  return JSON.stringify(list);
}
