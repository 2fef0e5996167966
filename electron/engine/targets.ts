// The set of scrape targets: from the config file (read-only) and added in the UI (persisted in
// the store's settings table), each with its scrape loop and its last known state.
import { randomUUID } from 'node:crypto';
import type { TargetInput, TargetView } from '../../shared/api';
import { targetInputSchema } from '../../shared/api-schemas';
import type { PrometheusConfig } from './config/prometheus-config';
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
    input: spec.input,
    targetLabels: targetLabelsOf(spec),
    ...rt,
    warnings,
  };
}

export function uiTargetSpec(
  input: TargetInput,
  id: string = 'ui-' + randomUUID(),
  paused = false,
): TargetSpec {
  return {
    id,
    source: 'ui',
    paused,
    input,
    caFile: null,
    bodySizeLimitBytes: 0,
    sampleLimit: 0,
    instance: instanceOf(input.url),
  };
}

/** One TargetSpec per static target of every scrape_config. */
export function configTargetSpecs(config: PrometheusConfig): TargetSpec[] {
  const out: TargetSpec[] = [];
  for (const sc of config.scrapeConfigs) {
    const query = new URLSearchParams();
    for (const [k, vs] of Object.entries(sc.params)) for (const v of vs) query.append(k, v);
    const qs = query.toString();
    for (const sg of sc.staticConfigs) {
      for (const address of sg.targets) {
        const url = sc.tcpStream
          ? `tcp://${address}`
          : `${sc.scheme}://${address}${sc.metricsPath}${qs ? '?' + qs : ''}`;
        const auth: TargetInput['auth'] = sc.basicAuth
          ? { type: 'basic', ...sc.basicAuth }
          : sc.bearerToken !== null
            ? { type: 'bearer', token: sc.bearerToken }
            : { type: 'none' };
        out.push({
          id: `cfg:${sc.jobName}:${address}${sc.tcpStream ? '' : sc.metricsPath}`,
          source: 'config',
          paused: false,
          input: {
            ...(sc.json ? { kind: 'json' as const, json: sc.json } : {}),
            ...(sc.tcpStream ? { kind: 'tcp-stream' as const, tcp: sc.tcpStream } : {}),
            url,
            job: sc.jobName,
            intervalMs: sc.scrapeIntervalMs,
            timeoutMs: sc.scrapeTimeoutMs,
            labels: sg.labels,
            auth,
            honorLabels: sc.honorLabels,
            honorTimestamps: sc.honorTimestamps,
            tlsInsecureSkipVerify: sc.tls.insecureSkipVerify,
          },
          caFile: sc.tls.caFile,
          bodySizeLimitBytes: sc.bodySizeLimitBytes,
          sampleLimit: sc.sampleLimit,
          followRedirects: sc.followRedirects,
          instance: sg.labels.instance || address,
        });
      }
    }
  }
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
    out.push(uiTargetSpec(parsed.data, t.id, t.paused));
  }
  return out;
}

export function serializeUiTargets(specs: Iterable<TargetSpec>): string {
  const list: StoredTarget[] = [];
  for (const s of specs) if (s.source === 'ui') list.push({ id: s.id, paused: s.paused, input: s.input });
  return JSON.stringify(list);
}
