// JSON targets' mapping: paths, wildcards → labels and names, transforms, presets, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  mapJson,
  parseJsonBody,
  parseJsonPath,
  JsonMappingError,
  checkJsonMapping,
} from '../../../shared/json-mapping';
import { jsonMappingSchema } from '../../../shared/api-schemas';

const tstat = parseJsonBody(
  readFileSync(new URL('../../../../shared/samples/thermostat-tstat.json', import.meta.url), 'utf8'),
);
const nundb = parseJsonBody(
  readFileSync(new URL('../../../../shared/samples/nundb-metrics-state.json', import.meta.url), 'utf8'),
);

test('radio-thermostat preset maps the captured /tstat reply', () => {
  const r = mapJson(tstat, { preset: 'radio-thermostat' });
  const byName = Object.fromEntries(r.samples.map((s) => [s.name, s.value]));
  assert.deepEqual(byName, {
    thermostat_temp: 72.5,
    thermostat_t_cool: 75,
    thermostat_tmode: 2,
    thermostat_fmode: 0,
    thermostat_tstate: 0,
    thermostat_fstate: 0,
    thermostat_override: 0,
    thermostat_hold: 0,
  });
  assert.ok(r.families.find((f) => f.name === 'thermostat_tmode')?.help.includes('cool'));
});

test('all-numbers names values by their keys; arrays become index labels', () => {
  const r = mapJson(nundb, { preset: 'all-numbers', prefix: 'nundb' });
  const byName = Object.fromEntries(r.samples.map((s) => [s.name, s.value]));
  assert.equal(byName.nundb_oplog_pending_ops, 22);
  assert.equal(byName.nundb_query_time_ema_ms, 1.84);
  const arr = mapJson({ a: [{ b: 1 }, { b: true }] }, { preset: 'all-numbers' });
  assert.deepEqual(arr.samples, [
    { name: 'json_a_b', labels: ['index', '0'], value: 1 },
    { name: 'json_a_b', labels: ['index', '1'], value: 1 },
  ]);
});

test('wildcards give labels from keys and relative paths, and names from keys', () => {
  const doc = {
    sensors: [
      { name: 'kitchen', temp: '21.5', on: true },
      { name: 'attic', temp: 30, on: false },
    ],
    oplog: { pending_ops: 3, count: 7 },
    mode: 'cool',
  };
  const r = mapJson(doc, {
    metrics: [
      { name: 'sensor_temp_celsius', path: '$.sensors[*].temp', labels: { room: '@.name', idx: '$key' } },
      { name: 'sensor_on', path: 'sensors[*].on' },
      { name: 'oplog_$key', path: '$.oplog.*', type: 'counter' },
      { name: 'mode', path: '$.mode', transform: { enum: { off: 0, heat: 1, cool: 2 } } },
      { name: 'temp_f', path: "$.sensors[1]['temp']", transform: { scale: 1.8, offset: 32 } },
    ],
  });
  assert.deepEqual(r.samples, [
    { name: 'sensor_temp_celsius', labels: ['room', 'kitchen', 'idx', '0'], value: 21.5 },
    { name: 'sensor_temp_celsius', labels: ['room', 'attic', 'idx', '1'], value: 30 },
    { name: 'sensor_on', labels: [], value: 1 },
    { name: 'sensor_on', labels: [], value: 0 },
    { name: 'oplog_pending_ops', labels: [], value: 3 },
    { name: 'oplog_count', labels: [], value: 7 },
    { name: 'mode', labels: [], value: 2 },
    { name: 'temp_f', labels: [], value: 86 },
  ]);
  assert.equal(r.families.find((f) => f.name === 'oplog_count')?.type, 'counter');
});

test('bad input: malformed JSON, unmatched path, unknown enum value, bad preset, bad path', () => {
  assert.throws(
    () => parseJsonBody('{"temp": 72.5,'),
    (e: Error) => e instanceof JsonMappingError && /malformed JSON/.test(e.message),
  );
  assert.throws(
    () => mapJson(tstat, { metrics: [{ name: 'x', path: '$.nope' }] }),
    /JSON path \$\.nope matched nothing \(metric "x"\)/,
  );
  assert.doesNotThrow(() => mapJson(tstat, { metrics: [{ name: 'x', path: '$.nope', optional: true }] }));
  assert.throws(
    () => mapJson({ m: 'dry' }, { metrics: [{ name: 'm', path: '$.m', transform: { enum: { cool: 1 } } }] }),
    /"dry" is not one of cool/,
  );
  assert.match(checkJsonMapping({ preset: 'nest' }) ?? '', /unknown JSON preset "nest"/);
  assert.match(checkJsonMapping({}) ?? '', /no preset and no metrics/);
  assert.throws(() => parseJsonPath('$.a[x]'), /invalid JSON path/);
  assert.equal(
    jsonMappingSchema.safeParse({ metrics: [{ name: 'a', path: '$.a', labels: { __x: 'y' } }] }).success,
    false,
  );
  assert.equal(jsonMappingSchema.safeParse({ preset: 'radio-thermostat' }).success, true);
});
