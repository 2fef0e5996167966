// A target as the engine scrapes it: what the user edits (TargetInput) plus what only a config
// file can set. Derives the labels every sample of the target carries.
import type { LabelSet, TargetInput } from '../../../shared/api';
import type { RelabelRule } from '../relabel/rule';

export interface TargetSpec {
  id: string;
  source: 'ui' | 'config';
  paused: boolean;
  input: TargetInput;
  /** A UI target with relabelConfigs: the input as entered (`input` is what its rules made of it). */
  uiInput?: TargetInput;
  caFile: string | null;
  /** 0 = the engine's default limit. */
  bodySizeLimitBytes: number;
  sampleLimit: number;
  /** follow_redirects (config files only); absent: true, Prometheus's default. */
  followRedirects?: boolean;
  /** The instance label; for config targets the host:port as written. */
  instance: string;
  /** Config targets: the final labels after relabel_configs (then job, instance, labels unused). */
  labels?: LabelSet;
  /** Config targets: the labels before relabeling, as /api/v1/targets shows them. */
  discoveredLabels?: LabelSet;
  /** Config targets: metric_relabel_configs, applied to each scraped series. */
  metricRelabel?: readonly RelabelRule[];
}

/** job, instance and the static labels; static labels may override job and instance. */
export function targetLabelsOf(spec: TargetSpec): LabelSet {
  if (spec.labels) return { ...spec.labels };
  const labels: LabelSet = { job: spec.input.job, instance: spec.instance };
  for (const [n, v] of Object.entries(spec.input.labels)) {
    if (n.startsWith('__')) continue;
    labels[n] = v;
  }
  for (const n of Object.keys(labels)) if (labels[n] === '') delete labels[n];
  return labels;
}

/** host:port of a URL, as Prometheus writes the instance label. */
export function instanceOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
