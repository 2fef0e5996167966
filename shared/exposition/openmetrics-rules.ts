// The OpenMetrics 1.0 rules that span lines, checked as the entries stream by: metric families
// are contiguous and never repeat or clash, metadata comes once and before the family's samples,
// sample names follow the family's type, label groups are contiguous with non-decreasing
// timestamps, and histogram / summary / stateset / info / counter values make sense. This is
// what the OpenMetrics test suite (and its reference parser) rejects beyond the syntax.
import type { ExpositionError } from './exposition-error';
import { parseGoFloat } from '../format/go-float';
import { SeenGroups } from './seen-groups';
import type { MetricType } from './types';

export type RuleFailure = (reason: string, line: number, lineStart: number) => ExpositionError;
/** The metric name and labels of the (already parsed) sample line starting at `lineStart`. */
export type SampleAt = (lineStart: number) => { name: string; labels: string[] };

const SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  counter: ['_total', '_created'],
  summary: ['_count', '_sum', '_created', ''],
  histogram: ['_count', '_sum', '_bucket', '_created'],
  gaugehistogram: ['_gcount', '_gsum', '_bucket'],
  info: ['_info'],
};

/** Samples of these suffixes are counter-like: never NaN (and never negative except _gsum). */
const COUNTER_LIKE = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);

const MAX_EXEMPLAR_CODE_POINTS = 128;

interface Histogram {
  group: string;
  ts: number | null;
  /** Series seen in this group at this timestamp: duplicates are not checked twice. */
  seen: Set<string>;
  bucket: number | null;
  value: number;
  count: number | null;
  negativeBuckets: boolean;
  sum: boolean;
  gsum: boolean;
  negativeGsum: boolean;
  line: number;
  lineStart: number;
}

interface Family {
  name: string;
  type: MetricType | null;
  help: boolean;
  unit: string | null;
  /** Sample names this family owns. */
  allowed: readonly string[];
  samples: number;
  line: number;
  lineStart: number;
  group: string | null;
  groupTs: number | null;
  seenGroups: SeenGroups;
  histogram: Histogram | null;
}

export class OpenMetricsRules {
  private readonly fail: RuleFailure;
  private readonly sampleAt: SampleAt;
  private readonly seenNames = new Set<string>();
  private family: Family | null = null;

  constructor(fail: RuleFailure, sampleAt: SampleAt) {
    this.fail = fail;
    this.sampleAt = sampleAt;
  }

  meta(kind: 'HELP' | 'TYPE' | 'UNIT', name: string, text: string, line: number, lineStart: number): void {
    let f = this.family;
    if (f !== null && f.name === name) {
      if (f.samples > 0) throw this.fail(`${kind} for ${name} after its samples`, line, lineStart);
    } else {
      this.close();
      f = this.open(name, line, lineStart);
    }
    if (kind === 'HELP') {
      if (f.help) throw this.fail(`second HELP for ${name}`, line, lineStart);
      f.help = true;
    } else if (kind === 'UNIT') {
      if (f.unit !== null) throw this.fail(`second UNIT for ${name}`, line, lineStart);
      f.unit = text;
    } else {
      if (f.type !== null) throw this.fail(`second TYPE for ${name}`, line, lineStart);
      f.type = text as MetricType;
      const suffixes = SUFFIXES[f.type] ?? [''];
      f.allowed = suffixes.map((s) => name + s);
    }
    if (f.unit !== null && f.unit !== '' && (f.type === 'info' || f.type === 'stateset')) {
      throw this.fail(`${f.type} metrics cannot have a unit (${name})`, line, lineStart);
    }
  }

  sample(
    name: string,
    labels: readonly string[],
    value: number,
    tsSeconds: number | null,
    hasExemplar: boolean,
    line: number,
    lineStart: number,
  ): void {
    let f = this.family;
    if (f === null || !f.allowed.includes(name)) {
      this.close();
      f = this.open(name, line, lineStart);
    }
    // No closure over line / lineStart: one per sample was a good part of these checks' cost.
    const fail = this.fail;
    const dup = duplicateName(labels);
    if (dup !== null) throw fail(`duplicate label name "${dup}"`, line, lineStart);
    const type = f.type ?? 'unknown';
    const suffix = name.slice(f.name.length);
    const isHistogram = type === 'histogram' || type === 'gaugehistogram';
    let skip: string | null = null;
    let le = NaN;
    if (type === 'stateset') {
      if (labelValue(labels, f.name) === null)
        throw fail(`stateset sample without a "${f.name}" label`, line, lineStart);
      skip = f.name;
    } else if (isHistogram && suffix === '_bucket') {
      le = boundLabel(labels, 'le');
      if (le !== le)
        throw fail(
          'histogram bucket without a valid "le" label (a float, "+Inf" for infinity)',
          line,
          lineStart,
        );
      if (!Number.isInteger(value)) throw fail('bucket values must be integers', line, lineStart);
      skip = 'le';
    } else if (type === 'summary' && suffix === '') {
      const q = boundLabel(labels, 'quantile');
      if (!(q >= 0 && q <= 1))
        throw fail('summary quantile sample without a "quantile" label between 0 and 1', line, lineStart);
      if (value < 0) throw fail('quantile values cannot be negative', line, lineStart);
      skip = 'quantile';
    }
    if ((suffix === '_count' || suffix === '_gcount') && !Number.isInteger(value)) {
      throw fail(`${suffix} values must be integers`, line, lineStart);
    }
    const group = type === 'info' ? '' : groupKey(labels, skip);
    if (f.group !== null && group === f.group) {
      if ((tsSeconds === null) !== (f.groupTs === null)) {
        throw fail('samples of one group must all have a timestamp or none', line, lineStart);
      }
      if (f.groupTs !== null && tsSeconds !== null && tsSeconds < f.groupTs && type !== 'info') {
        throw fail('timestamps went backwards within a group', line, lineStart);
      }
    } else if (!f.seenGroups.add(group, lineStart) && f.group !== null) {
      throw fail(
        `samples of one label set must be together (${name} interleaves with another label set)`,
        line,
        lineStart,
      );
    }
    f.group = group;
    f.groupTs = tsSeconds;
    if (type === 'stateset' && value !== 0 && value !== 1)
      throw fail('stateset values must be 0 or 1', line, lineStart);
    if (type === 'info' && value !== 1) throw fail('info values must be 1', line, lineStart);
    if (COUNTER_LIKE.has(suffix)) {
      if (value !== value) throw fail(`${suffix} values cannot be NaN`, line, lineStart);
      if (value < 0 && suffix !== '_gsum') throw fail(`${suffix} values cannot be negative`, line, lineStart);
    }
    if (
      hasExemplar &&
      !((isHistogram && suffix === '_bucket') || (type === 'counter' && suffix === '_total'))
    ) {
      throw fail('only histogram buckets and counter totals can have exemplars', line, lineStart);
    }
    f.samples++;
    if (isHistogram) this.histogramSample(f, suffix, labels, group, le, value, tsSeconds, line, lineStart);
  }

  exemplar(labels: readonly string[], line: number, lineStart: number): void {
    let codePoints = 0;
    for (let i = 0; i < labels.length; i++) {
      const s = labels[i];
      codePoints += s.length;
      for (let k = 0; k < s.length; k++) if ((s.charCodeAt(k) & 0xfc00) === 0xdc00) codePoints--;
    }
    const dup = duplicateName(labels);
    if (dup !== null) throw this.fail(`duplicate exemplar label name "${dup}"`, line, lineStart);
    if (codePoints > MAX_EXEMPLAR_CODE_POINTS) {
      throw this.fail(
        `exemplar labels have ${codePoints} code points, more than the ${MAX_EXEMPLAR_CODE_POINTS} allowed`,
        line,
        lineStart,
      );
    }
  }

  /** At "# EOF": the last family's checks. */
  end(): void {
    this.close();
  }

  private open(name: string, line: number, lineStart: number): Family {
    const f: Family = {
      name,
      type: null,
      help: false,
      unit: null,
      allowed: [name],
      samples: 0,
      line,
      lineStart,
      group: null,
      groupTs: null,
      seenGroups: new SeenGroups((at) => {
        const s = this.sampleAt(at);
        return familyGroupKey(f, s.name, s.labels);
      }),
      histogram: null,
    };
    this.family = f;
    return f;
  }

  // A family ends: its names must not clash with earlier families', its last histogram is whole.
  private close(): void {
    const f = this.family;
    if (f === null) return;
    this.family = null;
    if (f.histogram !== null) this.checkHistogram(f, f.histogram);
    const suffixes = SUFFIXES[f.type ?? 'unknown'] ?? [];
    for (const s of suffixes.includes('') ? suffixes : [...suffixes, '']) {
      const full = f.name + s;
      if (this.seenNames.has(full)) {
        throw this.fail(
          `metric family ${f.name} clashes with an earlier family (name ${full})`,
          f.line,
          f.lineStart,
        );
      }
      this.seenNames.add(full);
    }
  }

  private histogramSample(
    f: Family,
    suffix: string,
    labels: readonly string[],
    group: string,
    le: number,
    value: number,
    ts: number | null,
    line: number,
    lineStart: number,
  ): void {
    let h = f.histogram;
    if (h === null || h.group !== group || h.ts !== ts) {
      if (h !== null) this.checkHistogram(f, h);
      const seen = h !== null && h.group === group ? h.seen : new Set<string>();
      h = {
        group,
        ts,
        seen,
        bucket: null,
        value: 0,
        count: null,
        negativeBuckets: false,
        sum: false,
        gsum: false,
        negativeGsum: false,
        line,
        lineStart,
      };
      f.histogram = h;
    } else {
      // The same series again at the same timestamp adds nothing.
      const id = suffix === '_bucket' ? `${suffix}\u0000${labelValue(labels, 'le')}` : suffix;
      if (h.seen.has(id)) return;
    }
    h.seen.add(suffix === '_bucket' ? `${suffix}\u0000${labelValue(labels, 'le')}` : suffix);
    h.line = line;
    h.lineStart = lineStart;
    if (suffix === '_bucket') {
      if (le < 0) h.negativeBuckets = true;
      if (h.bucket !== null && le <= h.bucket)
        throw this.fail(
          'histogram buckets must be in increasing "le" order' + ` (${f.name})`,
          line,
          lineStart,
        );
      if (value < h.value)
        throw this.fail('histogram bucket values must not decrease' + ` (${f.name})`, line, lineStart);
      h.bucket = le;
      h.value = value;
    } else if (suffix === '_count' || suffix === '_gcount') h.count = value;
    else if (suffix === '_sum') h.sum = true;
    else if (suffix === '_gsum') {
      h.gsum = true;
      if (value < 0) h.negativeGsum = true;
    }
  }

  private checkHistogram(f: Family, h: Histogram): void {
    const fail = (reason: string): ExpositionError => this.fail(`${reason} (${f.name})`, h.line, h.lineStart);
    if (h.bucket !== Infinity) throw fail('histogram without a "+Inf" bucket');
    if (h.count !== null && h.count !== h.value)
      throw fail('histogram count does not match the "+Inf" bucket');
    if (h.sum && h.count === null) throw fail('histogram with _sum needs _count');
    if (h.gsum && h.count === null) throw fail('gauge histogram with _gsum needs _gcount');
    if (!(h.sum || h.gsum) && h.count !== null) throw fail('histogram with a count needs a sum');
    if (h.negativeBuckets && h.sum) throw fail('histogram with negative buckets cannot have _sum');
    if (!h.negativeBuckets && h.negativeGsum)
      throw fail('gauge histogram without negative buckets cannot have a negative _gsum');
  }
}

// The group key sample() computes for a sample of family `f` (which has samples, so its type
// is settled).
function familyGroupKey(f: Family, name: string, labels: readonly string[]): string {
  const type = f.type ?? 'unknown';
  if (type === 'info') return '';
  const suffix = name.slice(f.name.length);
  let skip: string | null = null;
  if (type === 'stateset') skip = f.name;
  else if ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') skip = 'le';
  else if (type === 'summary' && suffix === '') skip = 'quantile';
  return groupKey(labels, skip);
}

// A label name that occurs twice, or null; quadratic only for a handful of labels.
function duplicateName(labels: readonly string[]): string | null {
  if (labels.length <= 32) {
    for (let i = 2; i < labels.length; i += 2) {
      for (let j = 0; j < i; j += 2) if (labels[j] === labels[i]) return labels[i];
    }
    return null;
  }
  const seen = new Set<string>();
  for (let i = 0; i < labels.length; i += 2) {
    if (seen.has(labels[i])) return labels[i];
    seen.add(labels[i]);
  }
  return null;
}

function labelValue(labels: readonly string[], name: string): string | null {
  for (let i = 0; i < labels.length; i += 2) if (labels[i] === name) return labels[i + 1];
  return null;
}

// The float value of a bucket bound or quantile label, NaN when absent, not a float, NaN, or an
// infinity not spelled "+Inf" / "-Inf".
function boundLabel(labels: readonly string[], name: string): number {
  const v = labelValue(labels, name);
  if (v === null) return NaN;
  const f = parseGoFloat(v, 0, v.length);
  if (f === undefined) return NaN;
  if ((f === Infinity && v !== '+Inf') || (f === -Infinity && v !== '-Inf')) return NaN;
  return f;
}

// A sample's label group: its labels without `skip`, in name order, unambiguously joined.
function groupKey(labels: readonly string[], skip: string | null): string {
  let key = '';
  let last = '';
  for (let i = 0; i < labels.length; i += 2) {
    const n = labels[i];
    if (n === skip) continue;
    if (n < last) return sortedGroupKey(labels, skip);
    last = n;
    const v = labels[i + 1];
    key += `${n.length}:${n}${v.length}:${v}`;
  }
  return key;
}

// Sorts the pairs' indices by name: an insertion sort into a reused array for the usual handful
// of labels (a tuple per pair per sample was most of this key's cost), Array.sort beyond that.
let order: number[] = [];
function sortedGroupKey(labels: readonly string[], skip: string | null): string {
  if (order.length < labels.length) order = new Array<number>(labels.length).fill(0);
  let n = 0;
  if (labels.length <= 32) {
    for (let i = 0; i < labels.length; i += 2) {
      const name = labels[i];
      if (name === skip) continue;
      let j = n++;
      for (; j > 0 && labels[order[j - 1]] > name; j--) order[j] = order[j - 1];
      order[j] = i;
    }
  } else {
    const all: number[] = [];
    for (let i = 0; i < labels.length; i += 2) if (labels[i] !== skip) all.push(i);
    all.sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
    for (n = 0; n < all.length; n++) order[n] = all[n];
  }
  let key = '';
  for (let k = 0; k < n; k++) {
    const name = labels[order[k]];
    const v = labels[order[k] + 1];
    key += `${name.length}:${name}${v.length}:${v}`;
  }
  return key;
}
