import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wsUrl } from '../../../renderer/src/api-client';
import { formatHash, parseHash } from '../../../renderer/src/lib/route';
import { groupTargets } from '../../../renderer/src/lib/target-groups';
import {
  formFromInput,
  inputFromForm,
  jobFromUrl,
  newTargetDefaults,
} from '../../../renderer/src/lib/target-form';
import { defaultTargetInput, type TargetView } from '../../../shared/api';

test('hash routes', () => {
  assert.equal(parseHash('').view, 'overview');
  assert.equal(parseHash('#/').view, 'overview');
  assert.equal(parseHash('#/targets').view, 'targets');
  const r = parseHash('#/graph?q=up%7Bjob%3D%22x%22%7D&range=1h');
  assert.equal(r.view, 'graph');
  assert.equal(r.params.get('q'), 'up{job="x"}');
  assert.equal(r.params.get('range'), '1h');
  assert.equal(parseHash('#/nope').view, 'overview');
  const h = formatHash('graph', { q: 'a{b="c d"}', range: '5m', x: '' });
  assert.equal(parseHash(h).params.get('q'), 'a{b="c d"}');
  assert.equal(formatHash('targets'), '#/targets');
});

test('wsUrl picks the scheme and passes the token on', () => {
  assert.equal(
    wsUrl({ protocol: 'http:', host: '127.0.0.1:9099', search: '' }),
    'ws://127.0.0.1:9099/api/ws',
  );
  assert.equal(
    wsUrl({ protocol: 'https:', host: 'box:1', search: '?token=a+b/c' }),
    'wss://box:1/api/ws?token=a%20b%2Fc',
  );
});

test("the form's defaults equal the contract's", () => {
  assert.deepEqual(newTargetDefaults, defaultTargetInput);
});

test('target form converts both ways and reports problems', () => {
  const f = formFromInput({
    ...defaultTargetInput,
    url: 'http://h:9100/metrics',
    job: 'node',
    labels: { env: 'lab' },
  });
  assert.equal(f.interval, '15s');
  assert.deepEqual(f.labels, [{ key: 'env', value: 'lab' }]);
  const back = inputFromForm(f);
  assert.ok('input' in back);
  assert.deepEqual(back.input, {
    ...defaultTargetInput,
    url: 'http://h:9100/metrics',
    job: 'node',
    labels: { env: 'lab' },
  });

  const bad = inputFromForm({
    ...f,
    url: 'ftp://x',
    interval: 'soon',
    labels: [{ key: '1x', value: 'v' }],
    authType: 'bearer',
  });
  assert.ok('errors' in bad);
  assert.equal(bad.errors.length, 4);

  // An empty job is refused, not silently replaced by the host name.
  const noJob = inputFromForm({ ...f, job: '  ' });
  assert.ok('errors' in noJob);
  assert.deepEqual(noJob.errors, ['Job: job must not be empty']);
  assert.equal(jobFromUrl('https://example.com:8443/m'), 'example.com');

  const basic = inputFromForm({ ...f, authType: 'basic', username: 'u', password: 'p' });
  assert.ok('input' in basic);
  assert.deepEqual(basic.input.auth, { type: 'basic', username: 'u', password: 'p' });
  const slow = inputFromForm({ ...f, timeout: '30s' });
  assert.ok('errors' in slow);
});

test('groupTargets groups by job and filters', () => {
  const t = (id: string, job: string, url: string, health: TargetView['health']): TargetView => ({
    id,
    source: 'ui',
    paused: false,
    input: { ...defaultTargetInput, url, job },
    targetLabels: { job, instance: url },
    health,
    lastScrapeMs: null,
    lastDurationMs: null,
    lastError: health === 'down' ? 'connection refused' : null,
    lastSamples: null,
    warnings: [],
  });
  const all = [t('1', 'b', 'http://z', 'up'), t('2', 'a', 'http://y', 'down'), t('3', 'b', 'http://x', 'up')];
  const g = groupTargets(all);
  assert.deepEqual(
    g.map((x) => [x.job, x.targets.map((y) => y.id), x.up]),
    [
      ['a', ['2'], 0],
      ['b', ['3', '1'], 2],
    ],
  );
  assert.deepEqual(
    groupTargets(all, 'refused').map((x) => x.job),
    ['a'],
  );
  assert.deepEqual(
    groupTargets(all, '', true).map((x) => x.job),
    ['a'],
  );
});
