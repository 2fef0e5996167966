// The OpenMetrics 1.0 rules that span lines, checked as the entries stream by: metric families
// are contiguous and never repeat or clash, metadata comes once and before the family's samples,
// sample names follow the family's type, label groups are contiguous with non-decreasing
// timestamps, and histogram / summary / stateset / info / counter values make sense. This is
// what the OpenMetrics test suite (and its reference parser) rejects beyond the syntax.
//
// Per sample this is the Preview's and the linter's hot path, so what depends only on the
// family and the sample's name is worked out once per name (a family's names repeat line after
// line), a label group is a hash of the pair hashes the
// scanner computed while reading the pairs (compared in full only when two hashes agree), and
// no object is made per sample.
import type { ExpositionError } from './exposition-error';
import * as goFloat from '../format/go-float';
import * as groups from './seen-groups';
import type { MetricType } from './types';

// Module-local copies: reads through an imported binding cost a getter each under the CommonJS
// interop tsx and esbuild emit.
const parseGoFloat = goFloat.parseGoFloat;
const pairShare = groups.pairShare;
const SeenGroups = groups.SeenGroups;

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
const NO_SUFFIX: readonly string[] = [''];
const NO_NAMES: readonly string[] = [];

/** Samples of these suffixes are counter-like: never NaN (and never negative except _gsum). */
const COUNTER_LIKE = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);

const MAX_EXEMPLAR_CODE_POINTS = 128;
/** At most this many bound texts' values are kept per body. */
const MAX_BOUNDS = 4096;

// What a sample's name (its suffix in its family) asks of it, worked out once per name.
const BUCKET = 1; // a histogram or gauge histogram bucket: "le" is not part of its group
const QUANTILE = 2; // a summary quantile: "quantile" is not part of its group
const INTEGER = 4; // _count / _gcount: integer values
const COUNTER_VALUE = 8; // never NaN
const NOT_NEGATIVE = 16; // never negative
const EXEMPLARS = 32; // may have an exemplar

interface Family {
  name: string;
  type: MetricType | null;
  help: boolean;
  unit: string | null;
  /** Sample names this family owns, and their suffixes. */
  allowed: readonly string[];
  suffixes: readonly string[];
  samples: number;
  line: number;
  lineStart: number;
  /**
   * The sample name seen last in this family (null before any), with its index in `allowed` and
   * what its suffix asks of it.
   */
  lastName: string | null;
  lastIndex: number;
  lastTraits: number;
  /** Whether a sample has been seen, and its group's hash and timestamp. */
  grouped: boolean;
  groupHash: number;
  groupTs: number | null;
}

/**
 * A histogram's state for the current group and timestamp. The series seen are kept across a
 * new timestamp of the same group (a series seen again at the timestamp it was seen at adds
 * nothing): the suffixes as bits, the buckets by their "le" text.
 */
class HistogramState {
  open = false;
  ts: number | null = null;
  hasBucket = false;
  bucket = 0;
  value = 0;
  count: number | null = null;
  negativeBuckets = false;
  sum = false;
  gsum = false;
  negativeGsum = false;
  line = 0;
  lineStart = 0;
  seenSuffixes = 0;
  seenLes: string[] = [];
  seenLeCount = 0;
  /** Whether the series seen go back to an earlier timestamp of the group. */
  carried = false;

  begin(ts: number | null, sameGroup: boolean, line: number, lineStart: number): void {
    this.open = true;
    this.ts = ts;
    this.hasBucket = false;
    this.bucket = 0;
    this.value = 0;
    this.count = null;
    this.negativeBuckets = false;
    this.sum = false;
    this.gsum = false;
    this.negativeGsum = false;
    this.line = line;
    this.lineStart = lineStart;
    if (sameGroup) this.carried = true;
    else {
      this.seenSuffixes = 0;
      this.seenLeCount = 0;
      this.carried = false;
    }
  }

  seenLe(le: string): boolean {
    const les = this.seenLes;
    for (let i = 0; i < this.seenLeCount; i++) if (les[i] === le) return true;
    return false;
  }

  addLe(le: string): void {
    if (this.seenLeCount < this.seenLes.length) this.seenLes[this.seenLeCount] = le;
    else this.seenLes.push(le);
    this.seenLeCount++;
  }
}

export class OpenMetricsRules {
  private readonly fail: RuleFailure;
  private readonly sampleAt: SampleAt;
  private readonly seenNames = new Set<string>();
  private family: Family | null = null;
  private readonly seenGroups: groups.SeenGroups;
  /** boundValue() of the bound texts seen so far (see bound()). */
  private readonly bounds = new Map<string, number>();
  private readonly histogram = new HistogramState();
  /**
   * The group of the sample before in this family: its labels (copied: the visitor may keep and
   * change the array it was given) and the index of the name left out of it (-1: none). The
   * sample being checked is kept the same way while the seen groups may compare earlier lines
   * with it. (By index, not name: the body's "le" and the literal 'le' are two strings, and each
   * comparison of two such strings of one length is a call.)
   */
  private readonly prevLabels: string[] = [];
  private prevLength = 0;
  private prevSkip = -1;
  private current: readonly string[] = [];
  private currentSkip = -1;

  constructor(fail: RuleFailure, sampleAt: SampleAt) {
    this.fail = fail;
    this.sampleAt = sampleAt;
    this.seenGroups = new SeenGroups((at) => {
      const f = this.family!;
      const s = this.sampleAt(at);
      const skip = groupSkip(f, s.name);
      const skipAt = skip === null ? -1 : labelIndex(s.labels, skip);
      return sameGroup(s.labels, s.labels.length, skipAt, this.current, this.currentSkip);
    });
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
      const suffixes = SUFFIXES[f.type] ?? NO_SUFFIX;
      f.suffixes = suffixes;
      if (suffixes !== NO_SUFFIX) {
        // Cut from one joined (flat) string: a concatenation is a rope that each comparison and
        // each hash would flatten again.
        const joined = suffixes.map((s) => name + s).join('\n');
        const allowed: string[] = [];
        for (let at = 0, k = 0; k < suffixes.length; k++) {
          const end = at + name.length + suffixes[k].length;
          allowed.push(joined.slice(at, end));
          at = end + 1;
        }
        f.allowed = allowed;
      }
      f.lastName = null;
    }
    if (f.unit !== null && f.unit !== '' && (f.type === 'info' || f.type === 'stateset')) {
      throw this.fail(`${f.type} metrics cannot have a unit (${name})`, line, lineStart);
    }
  }

  /**
   * A sample line. `pairHashes` holds pairHash() of each of its label pairs, in order (the
   * scanner computes them as it reads the pairs).
   */
  sample(
    name: string,
    labels: readonly string[],
    pairHashes: Int32Array,
    value: number,
    tsSeconds: number | null,
    hasExemplar: boolean,
    line: number,
    lineStart: number,
  ): void {
    let f = this.family;
    if (f === null || name !== f.lastName) {
      let index = f === null ? -1 : allowedIndex(f.allowed, name);
      if (index < 0) {
        this.close();
        f = this.open(name, line, lineStart);
        index = 0;
      }
      f!.lastName = name;
      f!.lastIndex = index;
      f!.lastTraits = suffixTraits(f!.type ?? 'unknown', f!.suffixes[index]);
    }
    f = f!;
    const index = f.lastIndex;
    const traits = f.lastTraits;
    // No closure over line / lineStart: one per sample was a good part of these checks' cost.
    const fail = this.fail;
    // The label names of the sample before, in the same order, had no duplicate (the scanner
    // hands the same name strings again, so this is a comparison of references).
    if (!sameNames(labels, this.prevLabels, this.prevLength)) {
      const dup = duplicateName(labels);
      if (dup !== null) throw fail(`duplicate label name "${dup}"`, line, lineStart);
    }
    const type = f.type ?? 'unknown';
    const suffix = f.suffixes[index];
    // The index of the label left out of the group, -1 for none.
    let skip = -1;
    let le = NaN;
    if (type === 'stateset') {
      skip = labelIndex(labels, f.name);
      if (skip < 0) throw fail(`stateset sample without a "${f.name}" label`, line, lineStart);
    } else if ((traits & BUCKET) !== 0) {
      skip = labelIndex(labels, 'le');
      le = skip < 0 ? NaN : this.bound(labels[skip + 1]);
      if (le !== le)
        throw fail(
          'histogram bucket without a valid "le" label (a float, "+Inf" for infinity)',
          line,
          lineStart,
        );
      if (!Number.isInteger(value)) throw fail('bucket values must be integers', line, lineStart);
    } else if ((traits & QUANTILE) !== 0) {
      skip = labelIndex(labels, 'quantile');
      const q = skip < 0 ? NaN : this.bound(labels[skip + 1]);
      if (!(q >= 0 && q <= 1))
        throw fail('summary quantile sample without a "quantile" label between 0 and 1', line, lineStart);
      if (value < 0) throw fail('quantile values cannot be negative', line, lineStart);
    }
    if ((traits & INTEGER) !== 0 && !Number.isInteger(value)) {
      throw fail(`${suffix} values must be integers`, line, lineStart);
    }
    // The group: all labels but `skip` (none at all for info).
    let hash = 0;
    if (type !== 'info') {
      for (let i = 0, k = 0; i < labels.length; i += 2, k++) {
        if (i !== skip) hash = (hash + pairShare(pairHashes[k])) | 0;
      }
    }
    const sameAsBefore =
      f.grouped &&
      hash === f.groupHash &&
      (type === 'info' || sameGroup(this.prevLabels, this.prevLength, this.prevSkip, labels, skip));
    if (sameAsBefore) {
      if ((tsSeconds === null) !== (f.groupTs === null)) {
        throw fail('samples of one group must all have a timestamp or none', line, lineStart);
      }
      if (f.groupTs !== null && tsSeconds !== null && tsSeconds < f.groupTs && type !== 'info') {
        throw fail('timestamps went backwards within a group', line, lineStart);
      }
    } else {
      this.current = labels;
      this.currentSkip = skip;
      const added = this.seenGroups.add(hash, lineStart);
      this.current = NO_NAMES;
      if (!added && f.grouped) {
        throw fail(
          `samples of one label set must be together (${name} interleaves with another label set)`,
          line,
          lineStart,
        );
      }
    }
    f.grouped = true;
    f.groupHash = hash;
    f.groupTs = tsSeconds;
    const prev = this.prevLabels;
    for (let i = 0; i < labels.length; i++) prev[i] = labels[i];
    this.prevLength = labels.length;
    this.prevSkip = skip;
    if (type === 'stateset' && value !== 0 && value !== 1)
      throw fail('stateset values must be 0 or 1', line, lineStart);
    if (type === 'info' && value !== 1) throw fail('info values must be 1', line, lineStart);
    if ((traits & COUNTER_VALUE) !== 0) {
      if (value !== value) throw fail(`${suffix} values cannot be NaN`, line, lineStart);
      if (value < 0 && (traits & NOT_NEGATIVE) !== 0)
        throw fail(`${suffix} values cannot be negative`, line, lineStart);
    }
    if (hasExemplar && (traits & EXEMPLARS) === 0) {
      throw fail('only histogram buckets and counter totals can have exemplars', line, lineStart);
    }
    f.samples++;
    if (type === 'histogram' || type === 'gaugehistogram') {
      const leText = skip < 0 ? '' : labels[skip + 1];
      this.histogramSample(f, suffix, index, leText, sameAsBefore, le, value, tsSeconds, line, lineStart);
    }
  }

  /**
   * boundValue(v), kept for the rest of the body: a family's groups repeat the same "le" and
   * "quantile" texts, and a lookup is cheaper than reading the float.
   */
  private bound(v: string): number {
    let f = this.bounds.get(v);
    if (f === undefined) {
      f = boundValue(v);
      if (this.bounds.size < MAX_BOUNDS) this.bounds.set(v, f);
    }
    return f;
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
      suffixes: NO_SUFFIX,
      samples: 0,
      line,
      lineStart,
      lastName: null,
      lastIndex: 0,
      lastTraits: 0,
      grouped: false,
      groupHash: 0,
      groupTs: null,
    };
    this.family = f;
    this.seenGroups.reset();
    this.histogram.open = false;
    return f;
  }

  // A family ends: its names must not clash with earlier families', its last histogram is whole.
  private close(): void {
    const f = this.family;
    if (f === null) return;
    this.family = null;
    if (this.histogram.open) this.checkHistogram(f);
    // The family's names (f.allowed with a type), and the bare name when they do not include it.
    const names = f.type === null || SUFFIXES[f.type] === undefined ? NO_NAMES : f.allowed;
    const seen = this.seenNames;
    let bare = false;
    for (let k = 0; k <= names.length; k++) {
      if (k === names.length && bare) break;
      const full = k < names.length ? names[k] : f.name;
      if (full.length === f.name.length) bare = true;
      const size = seen.size;
      if (seen.add(full).size === size) {
        throw this.fail(
          `metric family ${f.name} clashes with an earlier family (name ${full})`,
          f.line,
          f.lineStart,
        );
      }
    }
  }

  private histogramSample(
    f: Family,
    suffix: string,
    index: number,
    /** The "le" label's text (a bucket's). */
    leText: string,
    sameAsBefore: boolean,
    le: number,
    value: number,
    ts: number | null,
    line: number,
    lineStart: number,
  ): void {
    const h = this.histogram;
    const bucket = suffix === '_bucket';
    let add = true;
    if (!h.open || !sameAsBefore || h.ts !== ts) {
      const carried = h.open && sameAsBefore;
      if (h.open) this.checkHistogram(f);
      h.begin(ts, carried, line, lineStart);
      // Kept once: this bucket may have been seen at an earlier timestamp.
      if (carried && bucket) add = !h.seenLe(leText);
    } else if (bucket) {
      // The same series again at the same timestamp adds nothing. Buckets taken since the
      // group's timestamp began have increasing bounds: one above the last is not among them.
      if ((h.carried || (h.hasBucket && le <= h.bucket)) && h.seenLe(leText)) return;
    } else if ((h.seenSuffixes & (1 << index)) !== 0) return;
    if (!bucket) h.seenSuffixes |= 1 << index;
    else if (add) h.addLe(leText);
    h.line = line;
    h.lineStart = lineStart;
    if (bucket) {
      if (le < 0) h.negativeBuckets = true;
      if (h.hasBucket && le <= h.bucket)
        throw this.fail(
          'histogram buckets must be in increasing "le" order' + ` (${f.name})`,
          line,
          lineStart,
        );
      if (value < h.value)
        throw this.fail('histogram bucket values must not decrease' + ` (${f.name})`, line, lineStart);
      h.hasBucket = true;
      h.bucket = le;
      h.value = value;
    } else if (suffix === '_count' || suffix === '_gcount') h.count = value;
    else if (suffix === '_sum') h.sum = true;
    else if (suffix === '_gsum') {
      h.gsum = true;
      if (value < 0) h.negativeGsum = true;
    }
  }

  private checkHistogram(f: Family): void {
    const h = this.histogram;
    h.open = false;
    const fail = (reason: string): ExpositionError => this.fail(`${reason} (${f.name})`, h.line, h.lineStart);
    if (!h.hasBucket || h.bucket !== Infinity) throw fail('histogram without a "+Inf" bucket');
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

// What the suffix `suffix` of a family of type `type` asks of its samples (BUCKET, ...).
function suffixTraits(type: MetricType, suffix: string): number {
  let t = 0;
  const histogram = type === 'histogram' || type === 'gaugehistogram';
  if (histogram && suffix === '_bucket') t |= BUCKET;
  if (type === 'summary' && suffix === '') t |= QUANTILE;
  if (suffix === '_count' || suffix === '_gcount') t |= INTEGER;
  if (COUNTER_LIKE.has(suffix)) t |= suffix === '_gsum' ? COUNTER_VALUE : COUNTER_VALUE | NOT_NEGATIVE;
  if ((histogram && suffix === '_bucket') || (type === 'counter' && suffix === '_total')) t |= EXEMPLARS;
  return t;
}

// The label left out of the group of a sample named `name` in family `f` (which has samples,
// so its type is settled), as sample() chooses it.
function groupSkip(f: Family, name: string): string | null {
  const type = f.type ?? 'unknown';
  const suffix = name.slice(f.name.length);
  if (type === 'stateset') return f.name;
  if ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') return 'le';
  if (type === 'summary' && suffix === '') return 'quantile';
  return null;
}

/**
 * Whether a[0, aLength) without the pair at index `aSkip` and b without the one at `bSkip` (-1:
 * none) are the same label set (neither has a label name twice: duplicates fail first).
 */
function sameGroup(
  a: readonly string[],
  aLength: number,
  aSkip: number,
  b: readonly string[],
  bSkip: number,
): boolean {
  if (aLength - (aSkip < 0 ? 0 : 2) !== b.length - (bSkip < 0 ? 0 : 2)) return false;
  // Written in the same order (the usual case): pair by pair.
  let i = 0;
  let j = 0;
  for (;;) {
    if (i === aSkip) i += 2;
    if (j === bSkip) j += 2;
    if (i >= aLength) return true;
    if (a[i] !== b[j]) break;
    if (a[i + 1] !== b[j + 1]) return false;
    i += 2;
    j += 2;
  }
  // Otherwise by name.
  if (b.length > 32) {
    const values = new Map<string, string>();
    for (let k = 0; k < b.length; k += 2) if (k !== bSkip) values.set(b[k], b[k + 1]);
    for (let k = 0; k < aLength; k += 2) if (k !== aSkip && values.get(a[k]) !== a[k + 1]) return false;
    return true;
  }
  for (let k = 0; k < aLength; k += 2) {
    if (k === aSkip) continue;
    const at = labelIndex(b, a[k]);
    if (at < 0 || at === bSkip || b[at + 1] !== a[k + 1]) return false;
  }
  return true;
}

// Whether `labels` has the names of prev[0, prevLength) in the same places.
function sameNames(labels: readonly string[], prev: readonly string[], prevLength: number): boolean {
  if (labels.length !== prevLength) return false;
  for (let i = 0; i < prevLength; i += 2) if (labels[i] !== prev[i]) return false;
  return true;
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

// The index of `name` in a family's names, or -1. Lengths and last chars first: the names are
// slices of one string and `name` one of the body, and comparing two such strings of 13 chars
// or more is a runtime call even when they differ.
function allowedIndex(allowed: readonly string[], name: string): number {
  const last = name.charCodeAt(name.length - 1);
  for (let k = 0; k < allowed.length; k++) {
    const a = allowed[k];
    if (a.length === name.length && a.charCodeAt(a.length - 1) === last && a === name) return k;
  }
  return -1;
}

// The index of label `name` in flat `labels`, or -1. Lengths first (see prevSkip).
function labelIndex(labels: readonly string[], name: string): number {
  for (let i = 0; i < labels.length; i += 2) {
    const l = labels[i];
    if (l.length === name.length && l === name) return i;
  }
  return -1;
}

// The float value of a bucket bound or quantile label's text: NaN when not a float, NaN, or an
// infinity not spelled "+Inf" / "-Inf".
function boundValue(v: string): number {
  const f = parseGoFloat(v, 0, v.length);
  if (f === undefined) return NaN;
  if ((f === Infinity && v !== '+Inf') || (f === -Infinity && v !== '-Inf')) return NaN;
  return f;
}
