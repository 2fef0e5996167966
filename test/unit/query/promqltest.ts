// A runner for Prometheus's promqltest files (load / clear / eval ... / expect ...).
// Float-only: native histogram data and Prometheus 3 experimental features are skipped by name.
import type { LabelSet } from '../../../shared/api';
import { MemoryQuerier } from '../../helpers/memory-querier';
import { QueryEngine, type QueryResult } from '../../../electron/engine/query';
import { parseDuration } from '../../../shared/duration';

export interface CaseOutcome {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
}

/** Files that exercise Prometheus 3 features Promdesk does not implement (2.x scope). */
export const SKIPPED_FILES: Record<string, string> = {
  'native_histograms.test': 'native histograms',
  'duration_expression.test': 'Prometheus 3 duration expressions',
  'extended_vectors.test': 'Prometheus 3 anchored/smoothed modifiers',
  'fill-modifier.test': 'Prometheus 3 fill() modifiers',
  'info.test': 'Prometheus 3 info() function',
  'limit.test': 'Prometheus 3 limitk/limit_ratio',
  'start_timestamps.test': 'Prometheus 3 start timestamps',
  'type_and_unit.test': 'Prometheus 3 type-and-unit labels',
};

/** Expression features that did not exist in Prometheus 2.x. */
const NEW_FEATURES: [RegExp, string][] = [
  [/\bhistogram_(count|sum|avg|fraction|stddev|stdvar|quantiles)\s*\(/, 'native histogram function'],
  [/\b(anchored|smoothed)\b/, 'Prometheus 3 anchored/smoothed modifiers'],
  [/\bfill(_left|_right)?\s*\(/, 'Prometheus 3 fill() modifiers'],
  [
    /(\[[^\]]*\b(step|range|min_of|max_of)\s*\(|offset\s*[-+(]*\s*(step|range|min_of|max_of)\s*\()/,
    'Prometheus 3 duration expressions',
  ],
  [/\binfo\s*\(/, 'Prometheus 3 info()'],
  [/\b(limitk|limit_ratio)\s*\(/, 'Prometheus 3 limitk/limit_ratio'],
  [/\bstart_timestamp\s*\(/, 'Prometheus 3 start timestamps'],
];

interface ExpectedSeries {
  labels: LabelSet;
  /** Instant: one value; range: values per step (null = missing). */
  values: (number | null)[];
}

interface EvalCase {
  line: number;
  kind: 'instant' | 'range';
  at: number;
  start: number;
  end: number;
  step: number;
  expr: string;
  fail: boolean;
  failMsg: string | null;
  failRegex: RegExp | null;
  ordered: boolean;
  expectString: string | null;
  expectScalar: number | null;
  expectRangeVector: boolean;
  series: ExpectedSeries[];
  skip: string | null;
}

function parseTime(s: string): number {
  const d = parseDuration(s);
  if (d !== null) return d;
  const n = Number(s);
  if (!Number.isNaN(n)) return Math.round(n * 1000);
  throw new Error(`bad time ${s}`);
}

function parseNumber(s: string): number {
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf') return Infinity;
  if (l === '-inf') return -Infinity;
  if (l === 'nan' || l === '+nan' || l === '-nan') return NaN;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`bad number ${s}`);
  return v;
}

/** Splits `metric{a="b"} rest` into labels and the rest of the line. */
export function parseSeriesLabels(text: string): { labels: LabelSet; rest: string } {
  let i = 0;
  const labels: LabelSet = {};
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text);
  if (nameMatch) {
    labels.__name__ = nameMatch[0];
    i = nameMatch[0].length;
  }
  if (text[i] === '{') {
    i++;
    for (;;) {
      while (text[i] === ' ' || text[i] === ',') i++;
      if (text[i] === '}') {
        i++;
        break;
      }
      let name: string;
      if (text[i] === '"') {
        const end = stringEnd(text, i);
        name = JSON.parse(text.slice(i, end)) as string;
        i = end;
      } else {
        const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
        if (!m) throw new Error(`bad labels: ${text}`);
        name = m[0];
        i += name.length;
      }
      while (text[i] === ' ') i++;
      if (text[i] !== '=') {
        // A bare quoted metric name.
        labels.__name__ = name;
        continue;
      }
      i++;
      while (text[i] === ' ') i++;
      const q = text[i];
      const end = q === '"' ? stringEnd(text, i) : text.indexOf(q, i + 1) + 1;
      const raw = text.slice(i, end);
      labels[name] = q === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      i = end;
    }
  }
  return { labels, rest: text.slice(i).trim() };
}

function stringEnd(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Expands series notation (`1+2x3 _ stale 5x2`) into values; null = no sample, 'stale' = marker. */
export function expandValues(text: string): (number | null | 'stale')[] {
  const out: (number | null | 'stale')[] = [];
  for (const tok of text.split(/\s+/).filter(Boolean)) {
    const rep = /^(.+)x(\d+)$/.exec(tok);
    if (!rep) {
      if (tok === '_') out.push(null);
      else if (tok === 'stale') out.push('stale');
      else out.push(parseNumber(tok));
      continue;
    }
    const body = rep[1];
    const n = Number(rep[2]);
    if (body === '_' || body === 'stale') {
      for (let k = 0; k < n; k++) out.push(body === '_' ? null : 'stale');
      continue;
    }
    // Split "a+b" / "a-b" at an operator that is not a leading sign or an exponent sign.
    let opIdx = -1;
    for (let k = 1; k < body.length; k++) {
      if ((body[k] === '+' || body[k] === '-') && !/[eE]/.test(body[k - 1])) {
        opIdx = k;
        break;
      }
    }
    const a = parseNumber(opIdx < 0 ? body : body.slice(0, opIdx));
    const b = opIdx < 0 ? 0 : parseNumber(body.slice(opIdx + 1)) * (body[opIdx] === '-' ? -1 : 1);
    for (let k = 0; k <= n; k++) out.push(a + k * b);
  }
  return out;
}

function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  const minNormal = 2.2250738585072014e-308;
  if (a === 0 || b === 0 || absSum < minNormal) return diff < 1e-6 * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < 1e-6;
}

function labelsKey(ls: LabelSet): string {
  return Object.keys(ls)
    .sort()
    .map((n) => `${n}=${JSON.stringify(ls[n])}`)
    .join(',');
}

/** Runs one promqltest file; returns an outcome per eval case. */
export function runTestFile(name: string, content: string): CaseOutcome[] {
  const lines = content.split('\n');
  const outcomes: CaseOutcome[] = [];
  const querier = new MemoryQuerier();
  const engine = new QueryEngine(querier, { lookbackDeltaMs: 300_000, defaultSubqueryStepMs: 60_000 });
  const histogramMetrics = new Set<string>();
  let i = 0;
  const isIndented = (l: string): boolean => /^\s+\S/.test(l) && !/^\s*#/.test(l);

  while (i < lines.length) {
    const raw = lines[i];
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    if (line === 'clear') {
      querier.clear();
      histogramMetrics.clear();
      i++;
      continue;
    }
    const load = /^load(_with_nhcb)?\s+(\S+)/.exec(line);
    if (load) {
      const interval = parseTime(load[2]);
      i++;
      while (i < lines.length && (isIndented(lines[i]) || /^\s*#/.test(lines[i]))) {
        const l = lines[i].trim();
        i++;
        if (l.startsWith('#') || l === '') continue;
        const { labels, rest } = parseSeriesLabels(l);
        if (rest.includes('{{')) {
          histogramMetrics.add(labels.__name__ ?? '');
          continue;
        }
        // load_with_nhcb also derives native histograms named after the classic family.
        if (load[1]) histogramMetrics.add((labels.__name__ ?? '').replace(/_(bucket|count|sum)$/, ''));
        expandValues(rest).forEach((v, k) => {
          if (v === null) return;
          if (v === 'stale') querier.add(labels, k * interval, NaN, true);
          else querier.add(labels, k * interval, v);
        });
      }
      continue;
    }
    const ev =
      /^(eval|eval_fail|eval_ordered|eval_warn|eval_info)\s+(instant at (\S+)|range from (\S+) to (\S+) step (\S+))\s+(.*)$/.exec(
        line,
      );
    if (!ev) throw new Error(`${name}:${i + 1}: unknown directive: ${line}`);
    const c: EvalCase = {
      line: i + 1,
      kind: ev[3] !== undefined ? 'instant' : 'range',
      at: ev[3] !== undefined ? parseTime(ev[3]) : 0,
      start: ev[4] !== undefined ? parseTime(ev[4]) : 0,
      end: ev[5] !== undefined ? parseTime(ev[5]) : 0,
      step: ev[6] !== undefined ? parseTime(ev[6]) : 0,
      expr: ev[7],
      fail: ev[1] === 'eval_fail',
      failMsg: null,
      failRegex: null,
      ordered: ev[1] === 'eval_ordered',
      expectString: null,
      expectScalar: null,
      expectRangeVector: false,
      series: [],
      skip: null,
    };
    i++;
    while (i < lines.length && (isIndented(lines[i]) || /^\s*#/.test(lines[i]))) {
      const l = lines[i].trim();
      i++;
      if (l.startsWith('#') || l === '') continue;
      const exp = /^expect\s+(\S+)(.*)$/.exec(l);
      if (exp) {
        const rest = exp[2].trim();
        if (exp[1] === 'fail') {
          c.fail = true;
          const mm = /^msg:\s*(.*)$/.exec(rest);
          const rm = /^regex:\s*(.*)$/.exec(rest);
          if (mm) c.failMsg = mm[1].trim();
          if (rm) c.failRegex = new RegExp(rm[1].trim());
        } else if (exp[1] === 'ordered') c.ordered = true;
        else if (exp[1] === 'string')
          c.expectString = JSON.parse(
            rest.startsWith('`') ? JSON.stringify(rest.slice(1, -1)) : rest,
          ) as string;
        else if (exp[1] === 'range') {
          const rv = /^vector from (\S+) to (\S+) step (\S+)$/.exec(rest);
          if (!rv) throw new Error(`${name}:${i}: bad directive: ${l}`);
          c.expectRangeVector = true;
          c.start = parseTime(rv[1]);
          c.end = parseTime(rv[2]);
          c.step = parseTime(rv[3]);
        }
        // warn/info/no_warn/no_info annotations are not checked (Promdesk reports few warnings).
        continue;
      }
      if (l.includes('{{')) {
        c.skip = 'native histogram result';
        continue;
      }
      if (/^[-+]?(\d|\.\d|inf|nan)/i.test(l) && !l.includes('{')) {
        c.expectScalar = parseNumber(l.split(/\s+/)[0]);
        continue;
      }
      const { labels, rest } = parseSeriesLabels(l);
      const vals = expandValues(rest).map((v) => (v === 'stale' ? null : v));
      c.series.push({ labels, values: vals });
    }
    const id = `${name}:${c.line}`;
    if (!c.skip) {
      for (const [re, reason] of NEW_FEATURES) if (re.test(c.expr)) c.skip = reason;
    }
    // Cases touching native histogram series run anyway (their float parts often pass);
    // only a failure is reported as a skip, since the data they need was not loaded.
    let histogramReason: string | null = null;
    if (!c.skip && histogramMetrics.size > 0) {
      for (const m of c.expr.matchAll(/__name__\s*=~\s*("(?:[^"\\]|\\.)*"|'[^']*')/g)) {
        const src = m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : m[1].slice(1, -1);
        const re = new RegExp(`^(?:${src})$`);
        if ([...histogramMetrics].some((h) => re.test(h)))
          histogramReason = 'regex selects native histogram series';
      }
      for (const m of histogramMetrics) {
        if (m && new RegExp(`\\b${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(c.expr)) {
          histogramReason = 'native histogram series';
          break;
        }
      }
    }
    if (c.skip) {
      outcomes.push({ id, status: 'skip', reason: c.skip });
      continue;
    }
    const err = runCase(engine, c);
    if (err && histogramReason) outcomes.push({ id, status: 'skip', reason: histogramReason });
    else outcomes.push(err ? { id, status: 'fail', reason: err } : { id, status: 'pass' });
  }
  return outcomes;
}

/** Returns null when the case passes, else a description of the mismatch. */
function runCase(engine: QueryEngine, c: EvalCase): string | null {
  let res: QueryResult;
  try {
    res = c.kind === 'instant' ? engine.instant(c.expr, c.at) : engine.range(c.expr, c.start, c.end, c.step);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!c.fail) return `unexpected error: ${msg}`;
    if (c.failMsg !== null && msg !== c.failMsg)
      return `error ${JSON.stringify(msg)}, want ${JSON.stringify(c.failMsg)}`;
    if (c.failRegex && !c.failRegex.test(msg))
      return `error ${JSON.stringify(msg)} does not match ${c.failRegex}`;
    return null;
  }
  if (c.fail) return `expected an error, got ${res.resultType}`;
  if (c.expectString !== null) {
    if (res.resultType !== 'string') return `want string, got ${res.resultType}`;
    return res.v === c.expectString
      ? null
      : `string ${JSON.stringify(res.v)}, want ${JSON.stringify(c.expectString)}`;
  }
  if (c.expectScalar !== null) {
    if (res.resultType !== 'scalar') return `want scalar ${c.expectScalar}, got ${res.resultType}`;
    return almostEqual(res.v, c.expectScalar) ? null : `scalar ${res.v}, want ${c.expectScalar}`;
  }
  if (res.resultType === 'scalar') {
    return c.series.length === 0 ? 'got a scalar, want an empty vector' : `got scalar ${res.v}, want vector`;
  }
  if (res.resultType === 'string') return 'got a string';
  if (c.kind === 'instant' && !c.expectRangeVector) {
    if (res.resultType !== 'vector') return `want vector, got ${res.resultType}`;
    if (res.result.length !== c.series.length) {
      return `got ${res.result.length} series, want ${c.series.length}: ${res.result
        .map((s) => `${labelsKey(s.labels)}=${s.v}`)
        .join(' ')}`;
    }
    const byKey = new Map(res.result.map((s, idx) => [labelsKey(s.labels), { s, idx }]));
    for (let k = 0; k < c.series.length; k++) {
      const exp = c.series[k];
      const got = byKey.get(labelsKey(exp.labels));
      if (!got) return `missing series ${labelsKey(exp.labels)}; got ${[...byKey.keys()].join(' | ')}`;
      const want = exp.values[0];
      if (want === null || want === undefined || !almostEqual(got.s.v, want)) {
        return `series ${labelsKey(exp.labels)} = ${got.s.v}, want ${want}`;
      }
      if (c.ordered && got.idx !== k)
        return `series ${labelsKey(exp.labels)} at position ${got.idx}, want ${k}`;
    }
    return null;
  }
  if (res.resultType !== 'matrix') return `want matrix, got ${res.resultType}`;
  const expected = c.series.filter((s) => s.values.some((v) => v !== null));
  if (res.result.length !== expected.length) {
    return `got ${res.result.length} series, want ${expected.length}: ${res.result.map((s) => labelsKey(s.labels)).join(' ')}`;
  }
  const byKey = new Map(res.result.map((s) => [labelsKey(s.labels), s]));
  for (const exp of expected) {
    const got = byKey.get(labelsKey(exp.labels));
    if (!got) return `missing series ${labelsKey(exp.labels)}`;
    const want: [number, number][] = [];
    exp.values.forEach((v, k) => {
      if (v !== null) want.push([c.start + k * c.step, v]);
    });
    if (want.length !== got.t.length) {
      return `series ${labelsKey(exp.labels)}: ${got.t.length} points, want ${want.length} (got ${Array.from(got.v).join(' ')})`;
    }
    for (let k = 0; k < want.length; k++) {
      if (got.t[k] !== want[k][0] || !almostEqual(got.v[k], want[k][1])) {
        return `series ${labelsKey(exp.labels)} point ${k}: (${got.t[k]}, ${got.v[k]}), want (${want[k][0]}, ${want[k][1]})`;
      }
    }
  }
  return null;
}
