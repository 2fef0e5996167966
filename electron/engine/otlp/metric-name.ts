// OTLP metric names as Prometheus 3 names them by default (translation_strategy
// UnderscoreEscapingWithSuffixes): the name split into tokens at every character outside
// [a-zA-Z0-9:], the unit appended as words (s -> seconds, By -> bytes, units in braces dropped,
// "a/b" -> "a_per_b"), "_total" for monotonic sums and "_ratio" for gauges of unit "1", each moved
// to the end if the name already holds it, and "_" before a leading digit.

export type NamedType = 'gauge' | 'monotonic_counter' | 'counter' | 'histogram' | 'summary' | 'other';

const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

const PER_UNIT_WORDS: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

const NOT_NAME_CHAR = /[^a-zA-Z0-9:]/;

/** The Prometheus name, or an error message when nothing valid is left of it. */
export function promMetricName(name: string, unit: string, type: NamedType): string | { error: string } {
  let tokens = name.split(NOT_NAME_CHAR).filter((t) => t !== '');
  const [main, per] = unitSuffixes(unit);
  const mainWord = cleanUnit(main);
  const perWord = per === '' ? '' : cleanUnit(per);
  if (mainWord !== '' && !tokens.includes(mainWord)) tokens.push(mainWord);
  if (perWord !== '' && perWord !== 'per' && !tokens.includes(perWord.replace(/_$/, '')))
    tokens.push(perWord);
  if (type === 'monotonic_counter') tokens = [...tokens.filter((t) => t !== 'total'), 'total'];
  if (unit === '1' && type === 'gauge') tokens = [...tokens.filter((t) => t !== 'ratio'), 'ratio'];
  let out = tokens.join('_');
  if (/^[0-9]/.test(out)) out = '_' + out;
  if (out === '') return { error: `normalization for metric "${name}" resulted in empty name` };
  if (out !== name && /^_+$/.test(out))
    return { error: `normalization for metric "${name}" resulted in invalid name "${out}"` };
  return out;
}

/** The words for a unit's main part and its "/per" part ("" when braced, empty or absent). */
function unitSuffixes(unit: string): [string, string] {
  const slash = unit.indexOf('/');
  const mainPart = (slash < 0 ? unit : unit.slice(0, slash)).trim();
  const perPart = slash < 0 ? '' : unit.slice(slash + 1).trim();
  const main = mainPart !== '' && !/[{}]/.test(mainPart) ? (UNIT_WORDS[mainPart] ?? mainPart) : '';
  const perWord = perPart !== '' && !/[{}]/.test(perPart) ? (PER_UNIT_WORDS[perPart] ?? perPart) : '';
  return [main, perWord === '' ? '' : 'per_' + perWord];
}

/** Invalid characters to "_", runs of "_" to one, no leading "_". */
function cleanUnit(word: string): string {
  return word
    .replace(/[^a-zA-Z0-9:]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_/, '');
}
