// Units in metric names: base units only (seconds, bytes, ratios...), no abbreviations, and in
// OpenMetrics the declared UNIT must end the name. The unit table follows promtool's (util/promlint).
import { finding } from '../finding';
import type { LintFinding } from '../types';
import type { Check } from './check';

/** Unit word → base unit; a word mapping to itself is already a base unit. */
const UNITS = new Map<string, string>([
  ['amperes', 'amperes'],
  ['bytes', 'bytes'],
  ['celsius', 'celsius'],
  ['grams', 'grams'],
  ['joules', 'joules'],
  ['kelvin', 'kelvin'],
  ['meters', 'meters'],
  ['metres', 'metres'],
  ['seconds', 'seconds'],
  ['volts', 'volts'],
  ['ratio', 'ratio'],
  ['minutes', 'seconds'],
  ['hours', 'seconds'],
  ['days', 'seconds'],
  ['weeks', 'seconds'],
  ['kelvins', 'kelvin'],
  ['fahrenheit', 'celsius'],
  ['rankine', 'celsius'],
  ['inches', 'meters'],
  ['yards', 'meters'],
  ['miles', 'meters'],
  ['bits', 'bytes'],
  ['calories', 'joules'],
  ['pounds', 'grams'],
  ['ounces', 'grams'],
  // Beyond promtool: Prometheus's naming guide wants ratios (0..1), not percentages.
  ['percent', 'ratio'],
  ['percentage', 'ratio'],
]);

const PREFIXES = [
  'pico',
  'nano',
  'micro',
  'milli',
  'centi',
  'deci',
  'deca',
  'hecto',
  'kilo',
  'kibi',
  'mega',
  'mebi',
  'mibi',
  'giga',
  'gibi',
  'tera',
  'tebi',
  'peta',
  'pebi',
];

const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];

/** The first unit word of a name (possibly prefixed) and its base unit. */
export function metricUnit(name: string): { unit: string; base: string } | null {
  for (const word of name.split('_')) {
    const base = UNITS.get(word);
    if (base !== undefined) return { unit: word, base };
    for (const p of PREFIXES) {
      if (!word.startsWith(p)) continue;
      const b = UNITS.get(word.slice(p.length));
      if (b !== undefined) return { unit: word, base: b };
    }
  }
  return null;
}

export const checkBaseUnits: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const found = metricUnit(fam.name) ?? (fam.unit ? metricUnit(fam.unit) : null);
    if (found === null || found.unit === found.base) continue;
    const scale = found.base === 'ratio' ? 'divide by 100' : 'convert the values';
    out.push(
      finding(
        'non-base-unit',
        'warning',
        fam.line,
        fam.name,
        `${fam.name}: use base unit "${found.base}" instead of "${found.unit}"`,
        `rename to ${fam.name.replace(found.unit, found.base)} and ${scale}; Prometheus metrics use base units so they combine without scaling`,
      ),
    );
  }
  return out;
};

export const checkUnitAbbreviations: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const n = fam.name.toLowerCase();
    const found = ABBREVIATIONS.filter((a) => n.includes(`_${a}_`) || n.endsWith(`_${a}`));
    if (found.length === 0) continue;
    out.push(
      finding(
        'unit-abbreviation',
        'warning',
        fam.line,
        fam.name,
        `${fam.name}: metric names should not contain abbreviated units (${found.map((a) => `"${a}"`).join(', ')})`,
        'spell the unit out in its base form, e.g. _seconds, _bytes',
      ),
    );
  }
  return out;
};

export const checkUnitSuffix: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const unit = fam.unit;
    if (unit === null || unit === '') continue;
    if (fam.type === 'info' || fam.type === 'stateset') {
      out.push(
        finding(
          'unit-not-allowed',
          'error',
          fam.unitLine ?? fam.line,
          fam.name,
          `${fam.name}: ${fam.type} metrics must not have a UNIT`,
          'remove the UNIT line',
        ),
      );
      continue;
    }
    if (fam.name.endsWith(`_${unit}`)) continue;
    out.push(
      finding(
        'unit-not-suffix',
        'error',
        fam.unitLine ?? fam.line,
        fam.name,
        `${fam.name}: UNIT "${unit}" is not a suffix of the metric name`,
        `name the family ${fam.name}_${unit}, or fix the UNIT line`,
      ),
    );
  }
  return out;
};
