// `promdesk dashboard import|export` as a user runs it (dist must be built): the report for the
// real dashboards, --json, exit codes, bad files named with their JSON path, export → import,
// and an import beside a running `promdesk serve` that its Api lists at once.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import type { ApiMessage } from '../../shared/api';
import type { Dashboard, DashboardSummary, ImportReport } from '../../shared/dashboards/model';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const bin = join(process.cwd(), 'bin', 'promdesk.mjs');
const shared = resolve(process.cwd(), '..', 'shared', 'dashboards');
const skipShared = existsSync(shared)
  ? false
  : `${shared} is absent (the shared dashboards sit beside the checkout)`;
const running = new Set<ServeProcess>();
const dirs: { remove(): void }[] = [];
after(async () => {
  for (const s of running) await s.stop();
  for (const d of dirs) d.remove();
});

interface Entry {
  file: string;
  uid?: string;
  title?: string;
  panels?: number;
  unsupported?: { panel: string; item: string; reason: string }[];
  error?: string;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'dashboard', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function temp(): string {
  const d = tempDir('promdesk-dash-');
  dirs.push(d);
  return d.path;
}

test('dist is built', () => {
  assert.ok(existsSync(join(process.cwd(), 'dist', 'cli.mjs')), 'run `node scripts/build.mjs` first');
});

test('import --json of the two real dashboards: one entry per file, exit 0', { skip: skipShared }, () => {
  const data = temp();
  const files = [join(shared, 'node-exporter-full.json'), join(shared, 'docker-host-legacy.json')];
  const r = cli('import', '--data', data, '--json', ...files);
  assert.equal(r.status, 0, r.stderr);
  const entries = JSON.parse(r.stdout) as Entry[];
  assert.deepEqual(
    entries.map((e) => [e.file, e.uid, e.title, e.panels, e.unsupported?.length]),
    [
      [files[0], 'rYdddlPWk', 'Node Exporter Full', 141, 0],
      [files[1], 'docker-host', 'Docker Host', 15, 1],
    ],
  );
  assert.deepEqual(Object.keys(entries[1].unsupported![0]), ['panel', 'item', 'reason']);
  assert.ok(existsSync(join(data, 'dashboards', 'rYdddlPWk.json')));
  assert.ok(existsSync(join(data, 'dashboards', 'docker-host.json')));

  const text = cli('import', '--data', data, files[1]);
  assert.equal(text.status, 0);
  assert.match(
    text.stdout,
    /imported "Docker Host" as docker-host \(15 panels\), 1 item\(s\) not carried over:\n {2}Uptime: postfix: /,
  );
});

test('bad files: named with the JSON path, the good ones still imported, exit 2', () => {
  const data = temp();
  const dir = temp();
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const good = write('good.json', JSON.stringify({ title: 'Good', panels: [] }));
  const notJson = write('not.json', '{"title": "x",\n "panels": [}');
  const shape = write(
    'shape.json',
    JSON.stringify({ title: 'S', panels: [{ type: 'stat', gridPos: { x: 0, y: 0, w: '6', h: 2 } }] }),
  );
  const v2 = write(
    'v2.json',
    JSON.stringify({
      apiVersion: 'dashboard.grafana.app/v2alpha1',
      kind: 'Dashboard',
      spec: { elements: {}, layout: {} },
    }),
  );
  const missing = join(dir, 'missing.json');
  const r = cli('import', '--data', data, '--json', good, notJson, shape, v2, missing);
  assert.equal(r.status, 2);
  const entries = JSON.parse(r.stdout) as Entry[];
  assert.equal(entries[0].uid, 'good');
  assert.match(entries[1].error!, /^not JSON: .* at line 2, column 13$/);
  assert.equal(entries[2].error, 'panels[0].gridPos.w: must be a number, not the string "6"');
  assert.match(entries[3].error!, /schema v2 dashboard/);
  assert.equal(entries[4].error, 'cannot read: ENOENT');
  assert.ok(existsSync(join(data, 'dashboards', 'good.json')));

  assert.equal(cli('import', '--data', data).status, 2, 'no FILE');
  assert.equal(cli('frobnicate').status, 2);
  assert.match(cli('import', '--bogus', good).stderr, /Unknown option '--bogus'/);
});

test('export prints Grafana JSON that imports back to the same dashboard', { skip: skipShared }, () => {
  const data = temp();
  assert.equal(cli('import', '--data', data, join(shared, 'docker-host-legacy.json')).status, 0);
  const out = cli('export', '--data', data, 'docker-host');
  assert.equal(out.status, 0, out.stderr);
  const exported = JSON.parse(out.stdout) as Dashboard;
  assert.equal(exported.uid, 'docker-host');
  assert.equal(exported.schemaVersion, 41);
  assert.equal(exported.panels.length, 15);
  assert.ok(!('rows' in exported));
  const file = join(temp(), 'exported.json');
  writeFileSync(file, out.stdout);
  const other = temp();
  const again = JSON.parse(cli('import', '--data', other, '--json', file).stdout) as Entry[];
  assert.deepEqual(again[0].unsupported, []);
  assert.equal(readFileSync(join(other, 'dashboards', 'docker-host.json'), 'utf8'), out.stdout);

  const none = cli('export', '--data', data, 'nope');
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no dashboard "nope"/);
});

async function wsClient(base: string) {
  const ws = new WebSocket(base.replace('http', 'ws') + '/api/ws');
  ws.binaryType = 'arraybuffer';
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  let id = 0;
  const waiting = new Map<number, (m: ApiMessage) => void>();
  ws.on('message', (data: ArrayBuffer) => {
    const msg = decodeFrame(data) as ApiMessage;
    if (msg.kind === 'reply') waiting.get(msg.id)?.(msg);
  });
  const call = <T>(method: string, ...params: unknown[]) =>
    new Promise<T>((res, rej) => {
      const myId = ++id;
      waiting.set(myId, (m) =>
        m.kind === 'reply' && m.ok ? res(m.result as T) : rej(new Error((m as { error: string }).error)),
      );
      ws.send(encodeFrame({ kind: 'request', id: myId, method, params }));
    });
  return { ws, call };
}

test('an import beside a running serve shows in its Api at once; the Api imports, saves and undoes', async () => {
  const data = temp();
  const serve = await startServeProcess(data, undefined, running);
  const { ws, call } = await wsClient(serve.base);
  try {
    assert.deepEqual(await call('listDashboards'), []);
    const file = join(temp(), 'd.json');
    writeFileSync(
      file,
      JSON.stringify({
        title: 'Beside Serve',
        schemaVersion: 12,
        rows: [{ panels: [{ type: 'graph', title: 'G' }] }],
      }),
    );
    assert.equal(cli('import', '--data', data, file).status, 0);
    const list = await call<DashboardSummary[]>('listDashboards');
    assert.deepEqual(
      list.map((d) => [d.uid, d.title, d.panels, d.starred]),
      [['beside-serve', 'Beside Serve', 1, false]],
    );

    const report = await call<ImportReport>(
      'importDashboard',
      JSON.stringify({
        title: 'Via Api',
        panels: [{ type: 'piechart', title: 'P', gridPos: { x: 0, y: 0, w: 6, h: 6 } }],
      }),
    );
    assert.deepEqual(
      report.unsupported.map((u) => `${u.panel}: ${u.item}`),
      ['P: type piechart'],
    );
    await assert.rejects(call('importDashboard', '[]'), /must be an object, not an array/);

    const d = await call<Dashboard>('getDashboard', 'via-api');
    const saved = await call<DashboardSummary>('putDashboard', { ...d, title: 'Renamed' });
    assert.equal(saved.canUndo, true);
    await assert.rejects(
      call('putDashboard', { ...d, panels: [{ type: 'x' }] }),
      /panels\[0\]\.gridPos: missing \(must be an object\)/,
    );
    assert.equal((await call<DashboardSummary>('starDashboard', 'via-api', true)).starred, true);
    await call('undoDashboardChange', 'via-api');
    assert.equal((await call<Dashboard>('getDashboard', 'via-api')).title, 'Via Api');
    const copy = await call<DashboardSummary>('duplicateDashboard', 'via-api');
    await call('deleteDashboard', copy.uid);
    assert.match(await call<string>('exportDashboard', 'via-api'), /"uid": "via-api"/);
    assert.deepEqual(
      (await call<DashboardSummary[]>('listDashboards')).map((x) => x.uid),
      ['beside-serve', 'via-api'],
    );
  } finally {
    ws.close();
    assert.equal(await serve.stop(), 0);
  }
});
