// Dashboards come from files anyone wrote: malformed variables, field configs, mappings and
// targets give an error on the variable (named by its place) or are skipped, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldConfig, Variable } from '../../../shared/dashboards/model';
import { resolveVariables } from '../../../shared/dashboards/templating/resolve';
import { interpolate } from '../../../shared/dashboards/templating/interpolate';
import { panelQueries } from '../../../shared/dashboards/templating/panel-queries';
import { applyFieldConfig, displayValue } from '../../../shared/dashboards/field-config';
import { mapValue } from '../../../shared/dashboards/value-mappings';
import { fakeTemplateClient } from '../../helpers/fake-template-client';

const JUNK: unknown[] = [null, 42, 'str', [], {}, { a: { b: [] } }, true, { __proto__: { x: 1 } }];

test('malformed variables get an error naming their place; well-formed ones still resolve', async () => {
  const list = [
    null,
    { type: 'custom', query: 'a,b' },
    { name: 'ok', type: 'custom', query: 'x,y', current: 'x', options: 'nope' },
    { name: 'q', type: 'query', query: 42, refresh: 0, options: [null, 1] },
    { name: 'constructor', type: 'custom', query: 'c' },
    ...JUNK.map((j, i) => ({ name: `j${i}`, type: j, query: j, regex: j, sort: j, current: j, options: j })),
  ] as unknown as Variable[];
  const r = await resolveVariables(list, {
    client: fakeTemplateClient([]),
    fromMs: 0,
    toMs: 1000,
    urlValues: {},
  });
  assert.equal(r.length, list.length);
  assert.equal(r[0].error, 'templating.list[0] is not an object');
  assert.equal(r[1].error, 'templating.list[1] has no name');
  assert.equal(r[2].value, 'x');
  assert.equal(r[3].error, 'the variable has no query');
  assert.equal(r[4].value, 'c');
  for (const v of r.slice(5)) assert.match(v.error ?? '', /is not supported/);
  assert.deepEqual(
    await resolveVariables('nope' as never, { client: fakeTemplateClient([]), fromMs: 0, toMs: 1 }),
    [],
  );
});

test('field config, mappings and targets of the wrong shape are skipped', () => {
  for (const j of JUNK) {
    const fc = { defaults: j, overrides: j } as unknown as FieldConfig;
    const [f] = applyFieldConfig([{ name: 's', labels: {} }], fc);
    assert.equal(f.displayName, 's');
    const fc2 = {
      defaults: { mappings: j, thresholds: { steps: j } },
      overrides: [j, { matcher: j, properties: j }],
    };
    assert.equal(typeof displayValue(5, (fc2 as unknown as FieldConfig).defaults).text, 'string');
    applyFieldConfig([{ name: 's', labels: {} }], fc2 as unknown as FieldConfig);
    assert.equal(mapValue('__proto__', [{ type: 'value', options: j } as never, j as never]), undefined);
    assert.equal(mapValue(3, [{ type: 'regex', options: { pattern: j, result: j } } as never]), undefined);
    const { queries } = panelQueries({
      panel: { targets: j as never, interval: j as never, maxDataPoints: j as never },
      range: { fromMs: 0, toMs: 60_000 },
      vars: new Map(),
      widthPx: 100,
      scrapeIntervalS: 15,
    });
    assert.deepEqual(queries, []);
    assert.equal(typeof interpolate(j as never, { vars: new Map() }), 'string');
  }
  const polluted = applyFieldConfig([{ name: 's', labels: {} }], {
    defaults: {},
    overrides: [
      { matcher: { id: 'byName', options: 's' }, properties: [{ id: '__proto__.polluted', value: 1 }] },
    ],
  });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(polluted[0].displayName, 's');
});
