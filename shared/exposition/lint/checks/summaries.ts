// Summaries: quantile values are floats in [0, 1], counts are non-negative.
import { parseGoFloat } from '../../../format/go-float';
import { finding } from '../finding';
import { labelValue } from '../model';
import type { LintFinding } from '../types';
import type { Check } from './check';

export const checkSummaries: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    if (fam.type !== 'summary') continue;
    for (const { sample, suffix } of fam.samples) {
      if (suffix === '_count') {
        if (sample.value < 0 || Number.isNaN(sample.value)) {
          out.push(
            finding(
              'negative-count',
              'error',
              sample.line,
              fam.name,
              `${sample.name}: a count cannot be ${sample.value}`,
              '_count is the number of observations: non-negative',
            ),
          );
        }
        continue;
      }
      if (suffix !== '') continue;
      const raw = labelValue(sample.labels, 'quantile');
      if (raw === undefined) {
        out.push(
          finding(
            'summary-missing-quantile',
            'warning',
            sample.line,
            fam.name,
            `${sample.name}: summary sample without a "quantile" label`,
            `write quantiles as ${fam.name}{quantile="0.5"}, and the totals as ${fam.name}_sum and ${fam.name}_count`,
          ),
        );
        continue;
      }
      const q = parseGoFloat(raw, 0, raw.length);
      if (q === undefined) {
        out.push(
          finding(
            'invalid-quantile',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: quantile="${raw}" is not a number`,
            'write the quantile as a float between 0 and 1, e.g. quantile="0.99"',
          ),
        );
      } else if (!(q >= 0 && q <= 1)) {
        out.push(
          finding(
            'quantile-out-of-range',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: quantile="${raw}" is outside [0, 1]`,
            'quantiles are fractions: the 99th percentile is quantile="0.99"',
          ),
        );
      }
    }
  }
  return out;
};
