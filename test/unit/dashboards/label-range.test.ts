// The Api's label calls take the dashboard's time range, as Grafana sends start/end: against a
// real engine that scraped a real HTTP exporter, a range before the first scrape gives no names or
// values (and a variable resolved over it none), a range around now gives them, no range gives
// all; a range that ends before it starts is refused by name; a remote datasource is asked for
// the range given instead of its default window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { defaultTargetInput, makeApiClient, type Api } from '../../../shared/api';
import { apiTemplateClient } from '../../../shared/dashboards/templating/api-client';
import { resolveVariables } from '../../../shared/dashboards/templating/resolve';
import { Engine } from '../../../electron/engine/engine';
import { DatasourceRegistry } from '../../../electron/engine/datasources/registry';
import { startExporter } from '../../helpers/exporter';
import { tempDir } from '../../helpers/tmp';

test('labelNames and labelValues answer for the range asked', { timeout: 30_000 }, async () => {
  const exporter = await startExporter({
    kind: 'body',
    body: '# TYPE node_uname_info gauge\nnode_uname_info{nodename="zeta"} 1\n',
  });
  const dir = tempDir();
  const engine = new Engine({ dataDir: join(dir.path, 'data'), mode: 'serve', log: () => {} });
  const session = engine.createSession(() => {});
  try {
    const target = engine.addTarget({ ...defaultTargetInput, url: exporter.url, job: 'node' });
    assert.equal((await engine.scrapeNow(target.id)).up, true);
    const api: Api = makeApiClient(
      (method, params) => session.call(method, params) as never,
      () => () => {},
    );
    const now = Date.now();
    const before = { startMs: now - 2 * 3_600_000, endMs: now - 3_600_000 };
    const around = { startMs: now - 3_600_000, endMs: now + 60_000 };

    assert.deepEqual(await api.labelValues('nodename', 'node_uname_info', undefined, before), []);
    assert.deepEqual(await api.labelValues('nodename', 'node_uname_info', undefined, around), ['zeta']);
    assert.deepEqual(await api.labelValues('nodename', 'node_uname_info'), ['zeta']);
    assert.deepEqual(await api.labelNames('node_uname_info', undefined, before), []);
    assert.ok((await api.labelNames('node_uname_info', undefined, around)).includes('nodename'));

    await assert.rejects(
      api.labelValues('job', undefined, undefined, { startMs: now, endMs: now - 1 }),
      /endMs must not be before startMs/,
    );
    await assert.rejects(
      api.labelNames(undefined, undefined, { startMs: 'yesterday', endMs: now } as never),
      /argument 3.*startMs|startMs.*expected number/,
    );

    // A dashboard variable is resolved over the dashboard's range.
    const list = [{ name: 'node', type: 'query', query: 'label_values(node_uname_info, nodename)' }];
    const client = apiTemplateClient(api);
    const then = await resolveVariables(list, { client, fromMs: before.startMs, toMs: before.endMs });
    const recent = await resolveVariables(list, { client, fromMs: around.startMs, toMs: around.endMs });
    assert.deepEqual(
      then.map((v) => v.choices.map((o) => o.value)),
      [[]],
    );
    assert.deepEqual(
      recent.map((v) => v.choices.map((o) => o.value)),
      [['zeta']],
    );
  } finally {
    engine.closeSession(session);
    await engine.close();
    await exporter.close();
    dir.remove();
  }
});

test('a remote datasource is asked for the range given, else its default window', async () => {
  const asked: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      asked.push(new URLSearchParams(req.method === 'POST' ? body : url.search));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: ['x'] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const m = new Map<string, string>();
  const reg = new DatasourceRegistry(
    { getSetting: (k) => m.get(k), putSetting: (k, v) => void m.set(k, v) },
    { log: () => {} },
  );
  try {
    const v = reg.put({
      name: 'Remote',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      auth: { type: 'none' },
      tlsInsecureSkipVerify: false,
      timeoutMs: 2000,
    });
    const range = { startMs: 1_700_000_000_000, endMs: 1_700_003_600_500 };
    assert.deepEqual(await reg.client(v.id).labelValues('job', 'up', range), ['x']);
    assert.deepEqual(await reg.client(v.id).labelNames(undefined, range), ['x']);
    for (const p of asked.splice(0)) {
      assert.equal(p.get('start'), '1700000000');
      assert.equal(p.get('end'), '1700003600.5');
    }
    await reg.client(v.id).labelValues('job');
    const start = Number(asked[0].get('start'));
    const end = Number(asked[0].get('end'));
    assert.ok(Math.abs(end * 1000 - Date.now()) < 60_000, 'the default window ends now');
    assert.equal(end - start, 24 * 3600, 'the default window is a day');
  } finally {
    reg.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
