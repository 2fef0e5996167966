// A discovered target's labels to its final labels, as Prometheus 2.42's scrape.PopulateLabels:
// the job's defaults fill the special labels (job, __scheme__, __metrics_path__,
// __scrape_interval__, __scrape_timeout__, __param_<name> from params' first values), the rules
// run, and what is left must be usable: an address, without "/", a default port added for
// http/https, an interval and a timeout that parse, the timeout within the interval. __meta_*
// go, instance defaults to the address. A target that fails this is neither active nor dropped.
import type { LabelSet } from '../../../shared/api';
import { formatDuration, parseDuration } from '../../../shared/duration';
import { relabel } from './apply';
import type { RelabelRule } from './rule';

export interface JobDefaults {
  jobName: string;
  scheme: string;
  metricsPath: string;
  scrapeIntervalMs: number;
  scrapeTimeoutMs: number;
  params: Record<string, string[]>;
}

export type PopulatedTarget =
  /** `labels`: every label left, the `__` ones included (they make the scrape URL). */
  | { kind: 'active'; labels: LabelSet; discovered: LabelSet; intervalMs: number; timeoutMs: number }
  | { kind: 'dropped'; discovered: LabelSet }
  | { kind: 'failed'; error: string };

export function populateLabels(
  target: Readonly<LabelSet>,
  job: JobDefaults,
  rules: readonly RelabelRule[],
): PopulatedTarget {
  const pre = withJobDefaults(target, job);
  const lset = relabel(pre, rules);
  if (lset === null) return { kind: 'dropped', discovered: pre };
  return finishLabels(lset, pre, job);
}

/** The labels the rules start from: the target's own, with the job's defaults where unset. */
export function withJobDefaults(target: Readonly<LabelSet>, job: JobDefaults): LabelSet {
  // An empty value is no label (a static `labels: {a: ''}` leaves no `a`, as in Prometheus).
  const pre: LabelSet = {};
  for (const [n, v] of Object.entries(target)) if (v !== '') pre[n] = v;
  const defaults: [string, string][] = [
    ['job', job.jobName],
    ['__scrape_interval__', formatDuration(job.scrapeIntervalMs)],
    ['__scrape_timeout__', formatDuration(job.scrapeTimeoutMs)],
    ['__metrics_path__', job.metricsPath],
    ['__scheme__', job.scheme],
  ];
  for (const [n, v] of defaults) if (!pre[n]) pre[n] = v;
  for (const [k, vs] of Object.entries(job.params)) if (vs.length > 0) setLabel(pre, `__param_${k}`, vs[0]);
  return pre;
}

/** What the rules left (`lset`, changed in place) checked and completed, as after relabeling. */
export function finishLabels(lset: LabelSet, pre: LabelSet, job: JobDefaults): PopulatedTarget {
  let addr = lset.__address__ ?? '';
  if (addr === '') return { kind: 'failed', error: 'no address' };
  const scheme = lset.__scheme__ ?? '';
  if (needsPort(addr)) {
    if (scheme === 'http' || scheme === '') addr += ':80';
    else if (scheme === 'https') addr += ':443';
    else return { kind: 'failed', error: `invalid scheme: ${JSON.stringify(job.scheme)}` };
    lset.__address__ = addr;
  }
  if (addr.includes('/')) return { kind: 'failed', error: `${JSON.stringify(addr)} is not a valid hostname` };
  const interval = lset.__scrape_interval__ ?? '';
  const intervalMs = parseDuration(interval);
  if (intervalMs === null) return { kind: 'failed', error: `error parsing scrape interval: "${interval}"` };
  if (intervalMs === 0) return { kind: 'failed', error: 'scrape interval cannot be 0' };
  const timeout = lset.__scrape_timeout__ ?? '';
  const timeoutMs = parseDuration(timeout);
  if (timeoutMs === null) return { kind: 'failed', error: `error parsing scrape timeout: "${timeout}"` };
  if (timeoutMs === 0) return { kind: 'failed', error: 'scrape timeout cannot be 0' };
  if (timeoutMs > intervalMs) {
    return {
      kind: 'failed',
      error: `scrape timeout cannot be greater than scrape interval ("${timeout}" > "${interval}")`,
    };
  }
  for (const n of Object.keys(lset)) if (n.startsWith('__meta_')) delete lset[n];
  if (!lset.instance) lset.instance = addr;
  for (const [n, v] of Object.entries(lset)) {
    if (!isValidUtf8(v)) return { kind: 'failed', error: `invalid label value for "${n}": "${v}"` };
  }
  return { kind: 'active', labels: lset, discovered: pre, intervalMs, timeoutMs };
}

/** The labels a target shows and stamps on its samples: all but the `__` ones. */
export function publicLabels(labels: Readonly<LabelSet>): LabelSet {
  const out: LabelSet = {};
  for (const [n, v] of Object.entries(labels)) if (!n.startsWith('__')) out[n] = v;
  return out;
}

function setLabel(l: LabelSet, name: string, value: string): void {
  if (value === '') delete l[name];
  else l[name] = value;
}

/** Whether Go's net.SplitHostPort refuses `addr` but takes it with ":1234" appended. */
function needsPort(addr: string): boolean {
  return splitHostPort(addr) === null && splitHostPort(`${addr}:1234`) !== null;
}

/** Go's net.SplitHostPort; null where it returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | null {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return null;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== i) return null;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return null;
  }
  if (hostport.slice(j).includes('[') || hostport.slice(k).includes(']')) return null;
  return { host, port: hostport.slice(i + 1) };
}

/** Label values must be valid UTF-8: in JS, no lone surrogate. */
function isValidUtf8(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
