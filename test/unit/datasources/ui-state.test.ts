// The renderer's side of datasources: the editor's form state, the panels' and Explore's URL
// state, completion keyed by datasource, and the Api argument schemas that carry a datasource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiParamSchemas } from '../../../shared/api-schemas';
import { authSummary, formFromView, inputFromForm } from '../../../renderer/src/lib/datasource-form';
import { panelSpecs, panelsHash } from '../../../renderer/src/lib/explore-panels';
import { exploreHash, exploreStateFromParams } from '../../../renderer/src/lib/explore-state';
import { createPromQLClient } from '../../../renderer/src/lib/promql-client';
import type { DatasourceView } from '../../../shared/api';

const view: DatasourceView = {
  id: 'ds-1',
  name: 'Home',
  url: 'http://prom.lan:9090',
  auth: { type: 'basic', username: 'me', hasPassword: true },
  tlsInsecureSkipVerify: true,
  timeoutMs: 15_000,
};

test('the form starts from a view without secrets and sends an empty password to keep it', () => {
  const f = formFromView(view);
  assert.equal(f.password, '');
  assert.equal(f.hasSecret, true);
  assert.equal(f.timeout, '15');
  assert.deepEqual(inputFromForm(f), {
    input: {
      id: 'ds-1',
      name: 'Home',
      url: 'http://prom.lan:9090',
      auth: { type: 'basic', username: 'me', password: '' },
      tlsInsecureSkipVerify: true,
      timeoutMs: 15_000,
    },
  });
  const fresh = formFromView();
  assert.equal(fresh.timeout, '30');
  assert.deepEqual(inputFromForm({ ...fresh, url: 'prom.lan', timeout: 'x', authType: 'basic' }), {
    errors: [
      'Name: give the datasource a name',
      'URL: must be an http:// or https:// URL',
      'Timeout: a number of seconds between 0.1 and 600',
      'Username: needed for basic auth',
    ],
  });
  assert.equal(authSummary(view), 'basic (me)');
});

test('Explore keeps the datasource in the hash; panels keep one per panel only when needed', () => {
  const hash = exploreHash({
    query: 'up',
    tab: 'graph',
    range: { kind: 'relative', durationMs: 3_600_000 },
    stacked: false,
    timeMs: null,
    datasource: 'ds-1',
  });
  assert.equal(hash, '#/explore?q=up&range=1h&ds=ds-1');
  assert.equal(exploreStateFromParams(new URLSearchParams(hash.split('?')[1])).datasource, 'ds-1');
  const range = { kind: 'relative', durationMs: 3_600_000 } as const;
  assert.equal(panelsHash('', range, ['a', 'b']), '#/graph?range=1h&p=a&p=b');
  const mixed = panelsHash('', range, [
    { expr: 'a', datasource: '' },
    { expr: ' ', datasource: 'ds-9' },
    { expr: 'b', datasource: 'ds-1' },
  ]);
  assert.equal(mixed, '#/graph?range=1h&p=a&p=b&pd=&pd=ds-1');
  const params = new URLSearchParams(mixed.split('?')[1]);
  assert.deepEqual(panelSpecs(params), [
    { expr: 'a', datasource: '' },
    { expr: 'b', datasource: 'ds-1' },
  ]);
  assert.deepEqual(
    panelSpecs(params).map((p) => p.expr),
    ['a', 'b'],
  );
});

test('completion asks the chosen datasource and never mixes its cache with another', async () => {
  const calls: string[] = [];
  let ds: string | undefined;
  const client = createPromQLClient(
    {
      labelNames: async () => [],
      labelValues: async (name, _match, d) => {
        calls.push(`${name}@${d ?? 'local'}`);
        return [d ?? 'local_metric'];
      },
    },
    () => '=',
    () => 0,
    () => ds,
  );
  assert.deepEqual(await client.metricNames(), ['local_metric']);
  ds = 'ds-1';
  assert.deepEqual(await client.metricNames(), ['ds-1']);
  ds = undefined;
  assert.deepEqual(await client.metricNames(), ['local_metric']);
  assert.deepEqual(calls, ['__name__@local', '__name__@ds-1']);
});

test('Api schemas: a datasource after an absent match arrives as null and means absent', () => {
  assert.deepEqual(apiParamSchemas.labelNames.parse([null, 'ds-1']), [undefined, 'ds-1']);
  assert.deepEqual(apiParamSchemas.labelValues.parse(['job', null, 'ds-1']), ['job', undefined, 'ds-1']);
  assert.deepEqual(apiParamSchemas.labelValues.parse(['job']), ['job']);
  assert.equal(
    apiParamSchemas.queryInstant.safeParse([{ query: 'up', timeMs: 1, datasource: '' }]).success,
    false,
  );
  const bad = apiParamSchemas.putDatasource.safeParse([
    { name: ' ', url: 'ftp://x', auth: { type: 'none' }, tlsInsecureSkipVerify: false, timeoutMs: 1000 },
  ]);
  assert.equal(bad.success, false);
  const ok = apiParamSchemas.testDatasource.parse([
    {
      name: 'x',
      url: 'https://x',
      auth: { type: 'bearer', token: '' },
      tlsInsecureSkipVerify: false,
      timeoutMs: 1000,
    },
  ]);
  assert.equal(ok[0].url, 'https://x');
});
