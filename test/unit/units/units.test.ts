// Grafana's units format as Grafana shows them: decimals picked from the magnitude (or given),
// IEC/SI scaling, data rates, counts, time units that climb, durations, clocks, dates, booleans,
// custom "kind:arg" units and unknown ids as suffixes; every unit Node Exporter Full uses is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { format, formatParts, isKnownUnit, unitFormatter } from '../../../shared/units/units';
import { autoDecimals, toFixed } from '../../../shared/units/to-fixed';

const check = (cases: [number, string, number | null, string][]) => {
  for (const [v, unit, dec, want] of cases) assert.equal(format(v, unit, dec), want, `${v} ${unit} ${dec}`);
};

test('decimals: auto from the magnitude (two past the first digit), or as given', () => {
  assert.deepEqual([30.7, 1.5, 0.0123, 123.456, 5, 0].map(autoDecimals), [1, 2, 4, 0, 0, 0]);
  assert.equal(toFixed(30.75), '30.8');
  assert.equal(toFixed(1.5), '1.50');
  assert.equal(toFixed(3.14159, 3), '3.142');
  assert.equal(toFixed(2, 2), '2.00');
  assert.equal(toFixed(0, 1), '0.0');
  assert.equal(toFixed(-Infinity), '-∞');
  assert.equal(toFixed(NaN), 'NaN');
  check([
    [30.7, 'none', null, '30.7'],
    [3.14159, 'none', null, '3.14'],
    [3.14159, 'none', 0, '3'],
    [5, 'short', null, '5'],
  ]);
});

test('data: IEC bytes/bits, SI decbytes/decbits, and units already scaled (kbytes)', () => {
  check([
    [1610612736, 'bytes', null, '1.50 GiB'],
    [22.9 * 2 ** 30, 'bytes', null, '22.9 GiB'],
    [1536, 'bytes', null, '1.50 KiB'],
    [512, 'bytes', null, '512 B'],
    [0, 'bytes', null, '0 B'],
    [1610612736, 'bytes', 0, '2 GiB'],
    [1536, 'bits', null, '1.50 Kib'],
    [1500, 'decbytes', null, '1.50 kB'],
    [1e15, 'decbytes', null, '1 PB'],
    [1500, 'decbits', null, '1.50 kb'],
    [2048, 'kbytes', null, '2 MiB'],
    [0.5, 'kbytes', null, '512 B'],
    [3, 'gbytes', null, '3 GiB'],
  ]);
});

test('data rate, packets and throughput counts', () => {
  check([
    [1234567, 'Bps', null, '1.23 MB/s'],
    [999, 'Bps', null, '999 B/s'],
    [125000, 'bps', null, '125 kb/s'],
    [1500, 'binBps', null, '1.46 KiB/s'],
    [12.5, 'pps', null, '12.5 p/s'],
    [0.5, 'pps', null, '500 mp/s'],
    [1500, 'ops', null, '1.50K ops/s'],
    [3, 'iops', null, '3 io/s'],
    [2.5, 'eps', null, '2.50 evt/s'],
    [20, 'reqps', null, '20 req/s'],
    [1234567, 'short', null, '1.23 Mil'],
    [-2500, 'short', null, '-2.50 K'],
  ]);
});

test('percent, temperature, frequency, rotation, booleans', () => {
  check([
    [42, 'percent', null, '42%'],
    [0.4242, 'percentunit', null, '42.4%'],
    [1, 'percentunit', null, '100%'],
    [0.4242, 'percentunit', 0, '42%'],
    [45.5, 'celsius', null, '45.5 °C'],
    [1.5e9, 'hertz', null, '1.50 GHz'],
    [3000, 'rotrpm', null, '3000 rpm'],
    [1, 'bool', null, 'True'],
    [0, 'bool', null, 'False'],
    [0, 'bool_yes_no', null, 'No'],
    [1, 'bool_on_off', null, 'On'],
  ]);
});

test('time: seconds and milliseconds climb and descend; durations, clocks and dates', () => {
  check([
    [0.25, 's', null, '250 ms'],
    [0.00025, 's', null, '250 µs'],
    [2.5e-8, 's', null, '25.0 ns'],
    [42, 's', null, '42 s'],
    [150, 's', null, '2.50 min'],
    [7200, 's', null, '2 hour'],
    [172800, 's', null, '2 day'],
    [1209600, 's', null, '2 week'],
    [63e6, 's', null, '2.00 year'],
    [250, 'ms', null, '250 ms'],
    [90000, 'ms', null, '1.50 min'],
    [123, '\u00b5s', null, '123 µs'],
    [1500, '\u03bcs', null, '1.50 ms'],
    [1234, 'ns', null, '1.23 µs'],
    [93784, 'dtdurations', null, '1 day, 2 hours'],
    [93784, 'dtdurations', 0, '1 day'],
    [93784, 'dtdurations', 3, '1 day, 2 hours, 3 minutes, 4 seconds'],
    [0, 'dtdurations', null, '0 seconds'],
    [3723, 'dthms', null, '01:02:03'],
    [93784, 'dtdhms', null, '1 d 02:03:04'],
    [3723000, 'clockms', null, '01h:02m:03s:000ms'],
    [3723, 'clocks', 1, '01h:02m'],
    [1765000000000, 'dateTimeAsIsoUtc', null, '2025-12-06 05:46:40'],
  ]);
  const local = new Date(2026, 0, 2, 3, 4, 5).getTime();
  assert.equal(format(local, 'dateTimeAsIso'), '2026-01-02 03:04:05');
  assert.equal(format(local, 'dateTimeAsUS'), '01/02/2026 3:04:05 am');
});

test('custom and unknown units, and the parts of a value', () => {
  check([
    [12, 'foo', null, '12 foo'],
    [12, 'suffix:/h', null, '12/h'],
    [12, 'prefix:~', null, '~12'],
    [1500, 'si:W', null, '1.50 kW'],
    [1500, 'count:jobs', null, '1.50K jobs'],
    [3, 'currencyUSD', null, '$3'],
    [1, 'bool:up/down', null, 'up'],
    [7, '', null, '7'],
  ]);
  assert.deepEqual(formatParts(1536, 'bytes'), { text: '1.50', suffix: ' KiB' });
  assert.deepEqual(formatParts(Infinity, 'bytes'), { text: '∞' });
  assert.equal(unitFormatter(undefined)(2.5).text, '2.50');
});

test('every unit of Node Exporter Full is one Grafana knows', () => {
  const json = readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8');
  const units = new Set([...json.matchAll(/"unit":\s*"([^"]*)"/g)].map((m) => m[1]));
  assert.equal(units.size, 18);
  assert.deepEqual(
    [...units].filter((u) => !isKnownUnit(u)),
    [],
  );
});
