// Grafana's unit ids (fieldConfig unit) and how each formats a number, so imported dashboards
// read as they do in Grafana: "bytes" → 1.50 GiB, "percentunit" → 42.0%, "s" → 2.50 min.
// Custom units work as in Grafana: "suffix:<text>", "prefix:<text>", "si:<unit>", "count:<unit>",
// "currency:<symbol>", "bool:<true>/<false>"; any other unknown id is shown as a suffix.
import {
  binaryPrefix,
  boolean,
  clock,
  countUnit,
  currency,
  dateTime,
  duration,
  fixedUnit,
  hex,
  hms,
  localeNumber,
  percent,
  scaledUnits,
  scientific,
  siPrefix,
  timeScale,
  type FormattedValue,
  type ValueFormatter,
} from './formatters';
import { toFixed } from './to-fixed';

const S = 1;
const seconds = timeScale([
  [0.000001, 1e-9, ' ns'],
  [0.001, 1e-6, ' µs'],
  [1, 1e-3, ' ms'],
  [60, S, ' s'],
  [3600, 60, ' min'],
  [86400, 3600, ' hour'],
  [604800, 86400, ' day'],
  [31536000, 604800, ' week'],
  [Infinity, 3.15569e7, ' year'],
]);
const milliseconds = timeScale([
  [1000, 1, ' ms'],
  [60_000, 1000, ' s'],
  [3_600_000, 60_000, ' min'],
  [86_400_000, 3_600_000, ' hour'],
  [31_536_000_000, 86_400_000, ' day'],
  [Infinity, 31_536_000_000, ' year'],
]);

const UNITS: Record<string, ValueFormatter> = {
  // Misc
  none: fixedUnit(''),
  short: scaledUnits(1000, ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept']),
  string: (v) => ({ text: String(v) }),
  percent: percent(1),
  percentunit: percent(100),
  humidity: fixedUnit('%H'),
  dB: fixedUnit('dB'),
  hex0x: hex(true),
  hex: hex(false),
  sci: scientific,
  locale: localeNumber,
  pixel: fixedUnit('px'),
  // Data (IEC and metric)
  bits: binaryPrefix('b'),
  bytes: binaryPrefix('B'),
  kbytes: binaryPrefix('B', 1),
  mbytes: binaryPrefix('B', 2),
  gbytes: binaryPrefix('B', 3),
  tbytes: binaryPrefix('B', 4),
  pbytes: binaryPrefix('B', 5),
  decbits: siPrefix('b'),
  decbytes: siPrefix('B'),
  deckbytes: siPrefix('B', 1),
  decmbytes: siPrefix('B', 2),
  decgbytes: siPrefix('B', 3),
  dectbytes: siPrefix('B', 4),
  decpbytes: siPrefix('B', 5),
  // Data rate
  pps: siPrefix('p/s'),
  binbps: binaryPrefix('b/s'),
  bps: siPrefix('b/s'),
  binBps: binaryPrefix('B/s'),
  Bps: siPrefix('B/s'),
  KBs: siPrefix('B/s', 1),
  Kbits: siPrefix('b/s', 1),
  MBs: siPrefix('B/s', 2),
  Mbits: siPrefix('b/s', 2),
  GBs: siPrefix('B/s', 3),
  Gbits: siPrefix('b/s', 3),
  TBs: siPrefix('B/s', 4),
  Tbits: siPrefix('b/s', 4),
  // Throughput
  cps: countUnit('c/s'),
  ops: countUnit('ops/s'),
  reqps: countUnit('req/s'),
  rps: countUnit('rd/s'),
  wps: countUnit('wr/s'),
  iops: countUnit('io/s'),
  eps: countUnit('evt/s'),
  mps: countUnit('msg/s'),
  recps: countUnit('rec/s'),
  rowsps: countUnit('rows/s'),
  cpm: countUnit('c/m'),
  opm: countUnit('ops/m'),
  reqpm: countUnit('req/m'),
  rpm: countUnit('rd/m'),
  wpm: countUnit('wr/m'),
  // Time
  hertz: siPrefix('Hz'),
  ns: timeScale([
    [1000, 1, ' ns'],
    [1e6, 1e3, ' µs'],
    [1e9, 1e6, ' ms'],
    [6e10, 1e9, ' s'],
    [Infinity, 6e10, ' min'],
  ]),
  µs: timeScale([
    [1000, 1, ' µs'],
    [1e6, 1e3, ' ms'],
    [Infinity, 1e6, ' s'],
  ]),
  ms: milliseconds,
  s: seconds,
  m: timeScale([
    [60, 1, ' min'],
    [1440, 60, ' hour'],
    [10080, 1440, ' day'],
    [604800, 10080, ' week'],
    [Infinity, 5.25948e5, ' year'],
  ]),
  h: timeScale([
    [24, 1, ' hour'],
    [168, 24, ' day'],
    [8760, 168, ' week'],
    [Infinity, 8760, ' year'],
  ]),
  d: timeScale([
    [7, 1, ' day'],
    [365, 7, ' week'],
    [Infinity, 365, ' year'],
  ]),
  dtdurationms: duration(1, 'millisecond'),
  dtdurations: duration(1000, 'second'),
  dthms: hms(false),
  dtdhms: hms(true),
  timeticks: (v, d) => seconds(v / 100, d),
  clockms: clock(1),
  clocks: clock(1000),
  dateTimeAsIso: dateTime('iso'),
  dateTimeAsIsoUtc: dateTime('iso', true),
  dateTimeAsUS: dateTime('us'),
  // Temperature, frequency, rotation
  celsius: fixedUnit('°C'),
  fahrenheit: fixedUnit('°F'),
  kelvin: fixedUnit('K'),
  rotrpm: fixedUnit('rpm'),
  rothz: siPrefix('Hz'),
  // Energy (common ones)
  watt: siPrefix('W'),
  kwatt: siPrefix('W', 1),
  watth: siPrefix('Wh'),
  kwatth: siPrefix('Wh', 1),
  joule: siPrefix('J'),
  amp: siPrefix('A'),
  volt: siPrefix('V'),
  // Currency (common ones)
  currencyUSD: currency('$'),
  currencyEUR: currency('€'),
  currencyGBP: currency('£'),
  // Boolean
  bool: boolean('True', 'False'),
  bool_yes_no: boolean('Yes', 'No'),
  bool_on_off: boolean('On', 'Off'),
};
UNITS.farenheit = UNITS.fahrenheit;
// Grafana's id is the micro sign (U+00B5); accept the Greek mu (U+03BC) some files carry.
UNITS['\u03bcs'] = UNITS['\u00b5s'];

/** The formatter of a unit id (custom and unknown ids included, as Grafana treats them). */
export function unitFormatter(unit: string | undefined | null): ValueFormatter {
  if (!unit) return UNITS.none;
  if (Object.hasOwn(UNITS, unit)) return UNITS[unit];
  const colon = unit.indexOf(':');
  if (colon > 0) {
    const kind = unit.slice(0, colon);
    const arg = unit.slice(colon + 1);
    switch (kind) {
      case 'suffix':
        return (v, d) => ({ text: toFixed(v, d), suffix: arg });
      case 'prefix':
        return (v, d) => ({ prefix: arg, text: toFixed(v, d) });
      case 'si':
        return siPrefix(arg);
      case 'count':
        return countUnit(arg);
      case 'currency':
        return currency(arg);
      case 'bool': {
        const [t = 'True', f = 'False'] = arg.split('/');
        return boolean(t, f);
      }
    }
  }
  return fixedUnit(unit);
}

/** Whether Grafana knows `unit` by that id (custom "kind:arg" units excluded). */
export function isKnownUnit(unit: string): boolean {
  return Object.hasOwn(UNITS, unit);
}

/** The parts of a formatted value: prefix, number text, suffix (e.g. "", "1.50", " GiB"). */
export function formatParts(value: number, unit?: string | null, decimals?: number | null): FormattedValue {
  return unitFormatter(unit)(value, decimals);
}

/** `value` in `unit` as one string, e.g. format(1610612736, "bytes") → "1.50 GiB". */
export function format(value: number, unit?: string | null, decimals?: number | null): string {
  const p = formatParts(value, unit, decimals);
  return `${p.prefix ?? ''}${p.text}${p.suffix ?? ''}`;
}
