// Grafana's value mappings — exact values, ranges, regexes (with $1 in the text), and the
// special null / NaN / true / false / empty — applied in order, the first match winning.
import type { ValueMapping, ValueMappingResult } from './model';

export type RawValue = number | string | boolean | null | undefined;

/** Parses "/re/flags" as a regex, anything else as a whole-string match (Grafana's rule). */
export function stringToRegex(pattern: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return m ? new RegExp(m[1], m[2]) : new RegExp(`^${pattern}$`);
}

function special(match: string, value: RawValue): boolean {
  const isNull = value === null || value === undefined;
  const isNaN = typeof value === 'number' && Number.isNaN(value);
  switch (match) {
    case 'null':
      return isNull;
    case 'nan':
      return isNaN;
    case 'null+nan':
      return isNull || isNaN;
    case 'true':
      return value === true || value === 'true';
    case 'false':
      return value === false || value === 'false';
    case 'empty':
      return value === '';
    default:
      return false;
  }
}

/** The first mapping result that matches `value`, or undefined. A bad regex matches nothing. */
export function mapValue(
  value: RawValue,
  mappings: readonly ValueMapping[] | undefined,
): ValueMappingResult | undefined {
  for (const m of Array.isArray(mappings) ? mappings : []) {
    if (!m || typeof m !== 'object' || !m.options || typeof m.options !== 'object') continue;
    switch (m.type) {
      case 'value': {
        if (value === null || value === undefined) break;
        const key = String(value);
        const r = Object.hasOwn(m.options, key) ? m.options[key] : undefined;
        if (r && typeof r === 'object') return r;
        break;
      }
      case 'range': {
        const n =
          typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
        if (Number.isNaN(n)) break;
        const from = typeof m.options.from === 'number' ? m.options.from : -Infinity;
        const to = typeof m.options.to === 'number' ? m.options.to : Infinity;
        if (n >= from && n <= to && m.options.result) return m.options.result;
        break;
      }
      case 'regex': {
        if (value === null || value === undefined || typeof m.options.pattern !== 'string') break;
        if (!m.options.pattern || !m.options.result) break;
        let re: RegExp;
        try {
          re = stringToRegex(m.options.pattern);
        } catch {
          break;
        }
        const s = String(value);
        if (!re.test(s)) break;
        re.lastIndex = 0;
        const result = m.options.result;
        return typeof result.text === 'string' && result.text
          ? { ...result, text: s.replace(re, result.text) }
          : result;
      }
      case 'special':
        if (special(m.options.match, value) && m.options.result) return m.options.result;
        break;
    }
  }
  return undefined;
}
