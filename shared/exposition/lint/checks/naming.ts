// Metric names: promtool's naming rules (util/promlint in Prometheus 2.42: _total on counters
// only, no type or reserved suffix in the name, no ':' and no camelCase) plus a few more.
import { finding } from '../finding';
import type { LintFinding } from '../types';
import { isHistogramType, isTyped, type Check } from './check';

const CAMEL_CASE = /[a-z][A-Z]/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
// promtool 2.42 looks for every type in every name, whatever the family's own type.
const TYPE_WORDS = ['counter', 'gauge', 'histogram', 'summary'];

export const checkCounterSuffix: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const hasTotal = fam.name.endsWith('_total');
    if (fam.type === 'counter') {
      if (model.format === 'openmetrics') {
        // OpenMetrics names the family without _total and every value sample with it.
        const bare = fam.samples.find((r) => r.suffix === '');
        if (bare !== undefined) {
          out.push(
            finding(
              'counter-without-total',
              'warning',
              bare.sample.line,
              fam.name,
              `${bare.sample.name}: counter samples should have the "_total" suffix`,
              `in OpenMetrics write "# TYPE ${fam.name.replace(/_total$/, '')} counter" and name the samples ${fam.name.replace(/_total$/, '')}_total`,
            ),
          );
        }
      } else if (!hasTotal) {
        out.push(
          finding(
            'counter-without-total',
            'warning',
            fam.line,
            fam.name,
            `${fam.name}: counter metrics should have the "_total" suffix`,
            `rename it to ${fam.name}_total`,
          ),
        );
      }
    } else if (isTyped(fam.type) && hasTotal) {
      out.push(
        finding(
          'total-suffix-on-non-counter',
          'warning',
          fam.line,
          fam.name,
          `${fam.name}: non-counter (${fam.type}) metrics should not have the "_total" suffix`,
          '"_total" tells users and tools it is a counter: drop the suffix, or make it a counter if it only goes up',
        ),
      );
    }
  }
  return out;
};

export const checkReservedSuffixes: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    if (!isTyped(fam.type)) continue;
    const histogram = isHistogramType(fam.type);
    const summary = fam.type === 'summary';
    let suffix: string | null = null;
    if (!histogram && fam.name.endsWith('_bucket')) suffix = '_bucket';
    else if (!histogram && !summary && (fam.name.endsWith('_count') || fam.name.endsWith('_sum'))) {
      suffix = fam.name.endsWith('_count') ? '_count' : '_sum';
    }
    if (suffix === null) continue;
    out.push(
      finding(
        'reserved-suffix',
        'warning',
        fam.line,
        fam.name,
        `${fam.name}: ${fam.type} metrics should not have the "${suffix}" suffix (reserved for ${suffix === '_bucket' ? 'histograms' : 'histograms and summaries'})`,
        `rename it so that it does not end in ${suffix}`,
      ),
    );
  }
  return out;
};

export const checkTypeInName: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const n = fam.name.toLowerCase();
    for (const t of TYPE_WORDS) {
      if (!n.includes(`_${t}_`) && !n.endsWith(`_${t}`)) continue;
      out.push(
        finding(
          'type-in-name',
          'warning',
          fam.line,
          fam.name,
          `${fam.name}: metric name should not include the type '${t}'`,
          'the TYPE line carries the type; name the metric for what it measures',
        ),
      );
    }
  }
  return out;
};

export const checkNameCharacters: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const n = fam.name;
    if (n.includes(':')) {
      out.push(
        finding(
          'colon-in-name',
          'warning',
          fam.line,
          n,
          `${n}: metric names should not contain ':' (reserved for recording rules)`,
          `use '_' instead: ${n.replace(/:/g, '_')}`,
        ),
      );
    }
    if (CAMEL_CASE.test(n)) {
      out.push(
        finding(
          'camel-case-name',
          'warning',
          fam.line,
          n,
          `${n}: metric names should be written in 'snake_case' not 'camelCase'`,
          `rename it to ${toSnakeCase(n)}`,
        ),
      );
    }
    if (n.startsWith('__')) {
      out.push(
        finding(
          'reserved-metric-name',
          'warning',
          fam.line,
          n,
          `${n}: names starting with "__" are reserved for Prometheus's internal use`,
          'drop the leading underscores',
        ),
      );
    } else if (!METRIC_NAME.test(n.trim())) {
      out.push(
        finding(
          'invalid-metric-name',
          'warning',
          fam.line,
          n,
          `${JSON.stringify(n)}: not a legacy Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`,
          'Prometheus before 3.0 and most tools reject it; use only letters, digits and underscores',
        ),
      );
    }
  }
  return out;
};

export function toSnakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
