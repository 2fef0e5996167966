// Series identity: the same series twice in one body, also once Prometheus 3 has normalised
// `le` and `quantile` values; and explicit timestamps, which exporters should not set.
import { formatOpenMetricsFloat, parseGoFloat } from '../../../format/go-float';
import { seriesLabels } from '../../scrape-checks';
import { finding } from '../finding';
import type { FamilyModel } from '../model';
import type { LintFinding } from '../types';
import type { Check } from './check';

function seriesKey(name: string, labels: readonly string[]): string {
  return seriesLabels(name, labels).join('\u0000');
}

/** The label that Prometheus 3 rewrites into canonical float form in this family, if any. */
export function normalisedLabel(fam: FamilyModel): string | null {
  if (fam.type === 'histogram' || fam.type === 'gaugehistogram') return 'le';
  if (fam.type === 'summary') return 'quantile';
  return null;
}

function normalise(labels: readonly string[], label: string): string[] {
  const out = labels.slice();
  for (let i = 0; i < out.length; i += 2) {
    if (out[i] !== label) continue;
    const v = out[i + 1];
    const f = parseGoFloat(v, 0, v.length);
    if (f !== undefined) out[i + 1] = formatOpenMetricsFloat(f);
  }
  return out;
}

export const checkDuplicateSeries: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const exact = new Map<string, number>();
    const normalised = new Map<string, number>();
    const label = normalisedLabel(fam);
    for (const { sample } of fam.samples) {
      // Samples of one series at different explicit timestamps are history, not duplicates.
      const key = `${seriesKey(sample.name, sample.labels)}@${sample.timestampMs ?? ''}`;
      const prev = exact.get(key);
      if (prev !== undefined) {
        out.push(
          finding(
            'duplicate-series',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: same series as line ${prev}; Prometheus keeps only one of the two samples`,
            'each series (name and label set) may appear once per scrape',
          ),
        );
        continue;
      }
      exact.set(key, sample.line);
      if (label === null) continue;
      const nkey = `${seriesKey(sample.name, normalise(sample.labels, label))}@${sample.timestampMs ?? ''}`;
      const nprev = normalised.get(nkey);
      if (nprev !== undefined) {
        out.push(
          finding(
            'duplicate-series-after-normalisation',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: becomes the same series as line ${nprev} once Prometheus 3 normalises "${label}" values`,
            `write each ${label} value once, in canonical form (e.g. "1.0", not "1")`,
          ),
        );
      } else normalised.set(nkey, sample.line);
    }
  }
  return out;
};

export const checkTimestamps: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const first = fam.samples.find((r) => r.sample.timestampMs !== null);
    if (first === undefined) continue;
    out.push(
      finding(
        'explicit-timestamp',
        'info',
        first.sample.line,
        fam.name,
        `${fam.name}: samples carry explicit timestamps`,
        'exporters should leave timestamps out and let Prometheus stamp the scrape time (stale samples are dropped)',
      ),
    );
  }
  return out;
};

export const checkCanonicalFloats: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const label = normalisedLabel(fam);
    if (label === null) continue;
    let count = 0;
    let firstLine = 0;
    let example = '';
    for (const { sample } of fam.samples) {
      const labels = sample.labels;
      for (let i = 0; i < labels.length; i += 2) {
        if (labels[i] !== label) continue;
        const v = labels[i + 1];
        const f = parseGoFloat(v, 0, v.length);
        if (f === undefined) continue;
        const canonical = formatOpenMetricsFloat(f);
        if (canonical === v) continue;
        if (count++ === 0) {
          firstLine = sample.line;
          example = `${label}="${v}" becomes ${label}="${canonical}"`;
        }
      }
    }
    if (count === 0) continue;
    out.push(
      finding(
        `non-canonical-${label}`,
        'info',
        firstLine,
        fam.name,
        `${fam.name}: ${count} ${label} value${count === 1 ? '' : 's'} not in canonical float form (${example} in Prometheus 3)`,
        `write ${label} values the way Prometheus 3 stores them, so selectors like {${label}="…"} match before and after the upgrade`,
      ),
    );
  }
  return out;
};
