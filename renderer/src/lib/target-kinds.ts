// The target editor's "Kind" part: Prometheus exporter, JSON (preset and/or custom rules) or a
// metrics-rs TCP stream. Form state ↔ the Api's kind/json/tcp fields, with user-fixable errors.
import type { TargetInput, TargetKind, TcpStreamOptions } from '../../../shared/api';
import {
  checkJsonMapping,
  type JsonMapping,
  type JsonMetricRule,
} from '../../../shared/json-mapping/json-mapping';
import { JSON_PRESETS } from '../../../shared/json-mapping/json-presets';

export const TARGET_KINDS: { kind: TargetKind; title: string }[] = [
  { kind: 'prometheus', title: 'Prometheus exporter' },
  { kind: 'json', title: 'JSON' },
  { kind: 'tcp-stream', title: 'metrics-rs TCP stream' },
];

/** Presets the editor offers ('' = custom rules only). */
export const PRESET_CHOICES: { value: string; title: string }[] = [
  ...Object.entries(JSON_PRESETS).map(([value, p]) => ({ value, title: p.title })),
  { value: '', title: 'Custom rules only' },
];

export interface KindFormState {
  kind: TargetKind;
  jsonPreset: string;
  jsonPrefix: string;
  /** The `metrics` list as JSON text ('' = none). */
  jsonRules: string;
  tcpHistogram: TcpStreamOptions['histogram'];
  /** Comma-separated bucket bounds or quantiles ('' = the engine's defaults). */
  tcpBuckets: string;
  tcpQuantiles: string;
}

export const RULES_EXAMPLE = `[
  { "name": "sensor_temp", "path": "$.sensors[*].temp", "labels": { "room": "@.name" } }
]`;

export function kindFormFromInput(t: TargetInput): KindFormState {
  const json = t.json;
  return {
    kind: t.kind ?? 'prometheus',
    jsonPreset: json ? (json.preset ?? '') : 'radio-thermostat',
    jsonPrefix: json?.prefix ?? '',
    jsonRules: json?.metrics?.length ? JSON.stringify(json.metrics, null, 2) : '',
    tcpHistogram: t.tcp?.histogram ?? 'buckets',
    tcpBuckets: t.tcp?.buckets?.join(', ') ?? '',
    tcpQuantiles: t.tcp?.quantiles?.join(', ') ?? '',
  };
}

/** "0.1, 0.5 1" → numbers, or null when something is not a finite number. */
export function parseNumberList(s: string): number[] | null {
  const parts = s.split(/[\s,]+/).filter((p) => p !== '');
  const out = parts.map(Number);
  return out.every((n) => Number.isFinite(n)) ? out : null;
}

/** The custom rules textarea → rules, or an error naming the problem. */
export function parseRules(text: string): { rules: JsonMetricRule[] } | { error: string } {
  if (text.trim() === '') return { rules: [] };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
  if (!Array.isArray(v)) return { error: 'must be a JSON list of rules: [{ "name": ..., "path": ... }]' };
  for (const [i, r] of v.entries()) {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      return { error: `rule ${i + 1} is not an object` };
    const o = r as Record<string, unknown>;
    if (typeof o.name !== 'string' || typeof o.path !== 'string') {
      return { error: `rule ${i + 1} needs a "name" and a "path" (strings)` };
    }
  }
  return { rules: v as JsonMetricRule[] };
}

/** The JSON mapping the form describes, or the problems with it. */
export function jsonMappingFromForm(k: KindFormState): { json: JsonMapping } | { errors: string[] } {
  const parsed = parseRules(k.jsonRules);
  if ('error' in parsed) return { errors: [`JSON rules: ${parsed.error}`] };
  const json: JsonMapping = {};
  if (k.jsonPreset) json.preset = k.jsonPreset;
  if (k.jsonPreset === 'all-numbers' && k.jsonPrefix.trim()) json.prefix = k.jsonPrefix.trim();
  if (parsed.rules.length) json.metrics = parsed.rules;
  const problem = checkJsonMapping(json);
  return problem ? { errors: [`JSON mapping: ${problem}`] } : { json };
}

/** kind/json/tcp for a TargetInput (absent for Prometheus), or the problems. */
export function kindFieldsFromForm(
  k: KindFormState,
): { fields: Pick<TargetInput, 'kind' | 'json' | 'tcp'> } | { errors: string[] } {
  if (k.kind === 'prometheus') return { fields: {} };
  if (k.kind === 'json') {
    const r = jsonMappingFromForm(k);
    return 'errors' in r ? r : { fields: { kind: 'json', json: r.json } };
  }
  const tcp: TcpStreamOptions = { histogram: k.tcpHistogram };
  const errors: string[] = [];
  if (k.tcpHistogram === 'buckets' && k.tcpBuckets.trim()) {
    const b = parseNumberList(k.tcpBuckets);
    if (!b) errors.push('Buckets: a list of numbers like 0.1, 0.5, 1');
    else if (b.some((x, i) => i > 0 && x <= b[i - 1])) errors.push('Buckets: must be increasing');
    else tcp.buckets = b;
  }
  if (k.tcpHistogram === 'summary' && k.tcpQuantiles.trim()) {
    const q = parseNumberList(k.tcpQuantiles);
    if (!q || q.some((x) => x < 0 || x > 1)) errors.push('Quantiles: numbers between 0 and 1 like 0.5, 0.99');
    else tcp.quantiles = q;
  }
  return errors.length ? { errors } : { fields: { kind: 'tcp-stream', tcp } };
}

/** A problem with the URL for this kind, or null. */
export function urlProblem(kind: TargetKind, url: string): string | null {
  if (kind === 'tcp-stream') {
    return /^tcp:\/\/[^/\s:]+:\d+\/?$/.test(url) ? null : 'URL: must be tcp://host:port';
  }
  return /^https?:\/\/[^/\s]+/.test(url) ? null : 'URL: must start with http:// or https:// and name a host';
}

export function urlPlaceholder(kind: TargetKind): string {
  if (kind === 'tcp-stream') return 'tcp://127.0.0.1:5000';
  if (kind === 'json') return 'http://thermostat.lan/tstat';
  return 'http://localhost:9100/metrics';
}

/** The short badge the Targets table shows for a non-Prometheus target, or null. */
export function kindBadge(kind: TargetKind | undefined): string | null {
  if (kind === 'json') return 'JSON';
  if (kind === 'tcp-stream') return 'TCP stream';
  return null;
}
