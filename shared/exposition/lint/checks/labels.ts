// Label names and label sets: reserved or invalid names, camelCase, `le`/`quantile` on the wrong
// type, a name twice in one sample, and anything Prometheus's scrape loop would reject.
import { scrapeSampleError } from '../../scrape-checks';
import { finding } from '../finding';
import type { FamilyModel } from '../model';
import type { LintFinding } from '../types';
import { isHistogramType, isTyped, type Check } from './check';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const CAMEL_CASE = /[a-z][A-Z]/;

export const checkLabelNames: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    // One finding per (family, label name, rule), at the first line it shows up on.
    const seen = new Set<string>();
    const once = (key: string, make: () => LintFinding): void => {
      if (seen.has(key)) return;
      seen.add(key);
      out.push(make());
    };
    for (const { sample } of fam.samples) {
      const { labels, line } = sample;
      for (let i = 0; i < labels.length; i += 2) {
        const name = labels[i];
        if (name.startsWith('__')) {
          once(`reserved ${name}`, () =>
            finding(
              'reserved-label-name',
              'warning',
              line,
              fam.name,
              `${fam.name}: label name "${name}" starts with "__", which is reserved for Prometheus's internal use`,
              'drop the leading underscores; Prometheus may overwrite or drop such labels',
            ),
          );
        } else if (!LABEL_NAME.test(name)) {
          once(`invalid ${name}`, () =>
            finding(
              'invalid-label-name',
              'error',
              line,
              fam.name,
              `${fam.name}: label name ${JSON.stringify(name)} is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)`,
              'use only letters, digits and underscores, not starting with a digit',
            ),
          );
        }
        if (CAMEL_CASE.test(name)) {
          once(`camel ${name}`, () =>
            finding(
              'camel-case-label',
              'warning',
              line,
              fam.name,
              `${fam.name}: label names should be written in 'snake_case' not 'camelCase' ("${name}")`,
              `rename the label to ${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`,
            ),
          );
        }
        misplacedReserved(fam, name, line, once);
        if (labels[i + 1] === '') {
          once(`empty ${name}`, () =>
            finding(
              'empty-label-value',
              'info',
              line,
              fam.name,
              `${fam.name}: label "${name}" has an empty value, which Prometheus treats as the label being absent`,
              'omit the label instead, or give it a value',
            ),
          );
        }
      }
      for (let i = 2; i < labels.length; i += 2) {
        for (let j = 0; j < i; j += 2) {
          if (labels[i] !== labels[j]) continue;
          out.push(
            finding(
              'duplicate-label-name',
              'error',
              line,
              fam.name,
              `${sample.name}: label "${labels[i]}" appears twice in one sample; Prometheus rejects the whole scrape`,
              'give each label name once per sample',
            ),
          );
          break;
        }
      }
      const err = scrapeSampleError(sample.name, labels);
      if (err !== null && !err.includes('is not unique')) {
        out.push(
          finding(
            'invalid-series',
            'error',
            line,
            fam.name,
            `${sample.name.trim()}: Prometheus would fail the scrape: ${err}`,
            'fix the sample so it has a valid name and label set',
          ),
        );
      }
    }
  }
  return out;
};

// promtool: `le` belongs to histograms, `quantile` to summaries.
function misplacedReserved(
  fam: FamilyModel,
  name: string,
  line: number,
  once: (key: string, make: () => LintFinding) => void,
): void {
  if (!isTyped(fam.type)) return;
  if (name === 'le' && !isHistogramType(fam.type)) {
    once('le', () =>
      finding(
        'misplaced-le-label',
        'warning',
        line,
        fam.name,
        `${fam.name}: non-histogram metrics should not have the "le" label`,
        'rename the label; "le" marks histogram buckets',
      ),
    );
  }
  if (name === 'quantile' && fam.type !== 'summary') {
    once('quantile', () =>
      finding(
        'misplaced-quantile-label',
        'warning',
        line,
        fam.name,
        `${fam.name}: non-summary metrics should not have the "quantile" label`,
        'rename the label; "quantile" marks summary quantiles',
      ),
    );
  }
}
