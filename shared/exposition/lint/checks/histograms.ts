// Classic histograms: every series needs buckets with valid, increasing `le` values ending in
// +Inf, cumulative counts, and a `_count` equal to the +Inf bucket.
import { parseGoFloat } from '../../../format/go-float';
import { finding } from '../finding';
import { labelsKey } from '../../../labels-key';
import { labelsWithout, labelValue, type FamilyModel } from '../model';
import type { ExpositionFormat, ParsedSample } from '../../types';
import type { LintFinding } from '../types';
import { isHistogramType, type Check } from './check';

interface Bucket {
  le: number;
  raw: string;
  sample: ParsedSample;
}

interface HistogramSeries {
  buckets: Bucket[];
  count: ParsedSample | null;
  sum: ParsedSample | null;
  firstLine: number;
  lastLine: number;
}

export const checkHistograms: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    if (!isHistogramType(fam.type)) continue;
    const gauge = fam.type === 'gaugehistogram';
    const countSuffix = gauge ? '_gcount' : '_count';
    const sumSuffix = gauge ? '_gsum' : '_sum';
    const series = new Map<string, HistogramSeries>();
    for (const { sample, suffix } of fam.samples) {
      if (suffix === '_created') continue;
      if (suffix !== '_bucket' && suffix !== countSuffix && suffix !== sumSuffix) {
        out.push(
          finding(
            'unexpected-sample',
            'warning',
            sample.line,
            fam.name,
            `${sample.name}: not a series of ${fam.type} ${fam.name} (expected ${fam.name}_bucket, ${fam.name}${sumSuffix} or ${fam.name}${countSuffix})`,
            'name the series with the suffix of its part, or give it its own family',
          ),
        );
        continue;
      }
      const key = labelsKey(labelsWithout(sample.labels, 'le'));
      let s = series.get(key);
      if (s === undefined) {
        s = { buckets: [], count: null, sum: null, firstLine: sample.line, lastLine: sample.line };
        series.set(key, s);
      }
      s.lastLine = sample.line;
      if (suffix === countSuffix) s.count = sample;
      else if (suffix === sumSuffix) s.sum = sample;
      else {
        const le = bucketBound(fam, sample, out);
        if (le !== null) s.buckets.push(le);
      }
      if (suffix !== sumSuffix && (sample.value < 0 || Number.isNaN(sample.value))) {
        out.push(
          finding(
            'negative-count',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: a count cannot be ${sample.value}`,
            'bucket counts and _count are numbers of observations: non-negative',
          ),
        );
      }
    }
    for (const s of series.values()) checkSeries(fam, s, countSuffix, sumSuffix, model.format, out);
  }
  return out;
};

function bucketBound(fam: FamilyModel, sample: ParsedSample, out: LintFinding[]): Bucket | null {
  const raw = labelValue(sample.labels, 'le');
  if (raw === undefined) {
    out.push(
      finding(
        'bucket-without-le',
        'error',
        sample.line,
        fam.name,
        `${sample.name}: bucket without an "le" label`,
        'every bucket needs its upper bound: le="0.5", ..., le="+Inf"',
      ),
    );
    return null;
  }
  const le = parseGoFloat(raw, 0, raw.length);
  if (le === undefined || Number.isNaN(le)) {
    out.push(
      finding(
        'invalid-le',
        'error',
        sample.line,
        fam.name,
        `${sample.name}: le="${raw}" is not a number`,
        'write the upper bound as a float, e.g. le="0.25" or le="+Inf"',
      ),
    );
    return null;
  }
  return { le, raw, sample };
}

function checkSeries(
  fam: FamilyModel,
  s: HistogramSeries,
  countSuffix: string,
  sumSuffix: string,
  format: ExpositionFormat,
  out: LintFinding[],
): void {
  const b = s.buckets;
  for (let i = 1; i < b.length; i++) {
    if (b[i].le > b[i - 1].le) continue;
    out.push(
      finding(
        'le-unsorted',
        'warning',
        b[i].sample.line,
        fam.name,
        `${fam.name}_bucket: le="${b[i].raw}" comes after le="${b[i - 1].raw}"; buckets should be written in increasing le order`,
        'write the buckets sorted by their upper bound, +Inf last',
      ),
    );
    break;
  }
  const sorted = b.slice().sort((x, y) => x.le - y.le);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (!(cur.sample.value < prev.sample.value)) continue;
    out.push(
      finding(
        'histogram-not-cumulative',
        'error',
        cur.sample.line,
        fam.name,
        `${fam.name}_bucket: le="${cur.raw}" counts ${cur.sample.value}, less than le="${prev.raw}" (${prev.sample.value}); buckets must be cumulative (monotonic)`,
        'each bucket counts all observations <= le, so counts never decrease as le grows',
      ),
    );
    break;
  }
  const inf = b.find((x) => x.le === Infinity);
  if (inf === undefined) {
    out.push(
      finding(
        'histogram-missing-inf',
        'error',
        b.length > 0 ? b[b.length - 1].sample.line : s.firstLine,
        fam.name,
        b.length > 0
          ? `${fam.name}_bucket: no le="+Inf" bucket`
          : `${fam.name}: series without any buckets (no le="+Inf" bucket)`,
        'add a bucket le="+Inf" counting all observations; histogram_quantile needs it',
      ),
    );
  }
  if (s.count === null) {
    // OpenMetrics makes _count optional when there is no _sum; scrapers still want it for rates.
    const optional = format === 'openmetrics' && s.sum === null;
    out.push(
      finding(
        'histogram-missing-count',
        optional ? 'info' : 'warning',
        s.lastLine,
        fam.name,
        `${fam.name}: series without ${fam.name}${countSuffix}`,
        `add ${fam.name}${countSuffix}, equal to the +Inf bucket`,
      ),
    );
  } else if (inf !== undefined && s.count.value !== inf.sample.value) {
    out.push(
      finding(
        'histogram-count-mismatch',
        'error',
        s.count.line,
        fam.name,
        `${s.count.name} is ${s.count.value} but the +Inf bucket (line ${inf.sample.line}) is ${inf.sample.value}`,
        `${fam.name}${countSuffix} must equal the le="+Inf" bucket: both count all observations`,
      ),
    );
  }
  if (s.sum === null && fam.type === 'histogram') {
    out.push(
      finding(
        'histogram-missing-sum',
        'info',
        s.lastLine,
        fam.name,
        `${fam.name}: series without ${fam.name}${sumSuffix}`,
        `add ${fam.name}${sumSuffix} so averages can be computed`,
      ),
    );
  }
}
