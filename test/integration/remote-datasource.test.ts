// Remote datasources end to end over real peers on 127.0.0.1: Debian's VictoriaMetrics (basic
// auth, samples imported with timestamps) and Debian's Prometheus (blocks written by promtool
// before start; basic auth through --web.config.file where python3 can make a bcrypt hash, and a
// bearer token checked by a small proxy in front of it). A running `promdesk serve` answers
// instant and range queries and label look-ups through our WebSocket Api client, and must agree
// with each peer's own /api/v1 answers. Wrong passwords, an HTML page, a refused connection, a
// hung server and a remote PromQL error each give a clear message naming the datasource, and the
// engine still answers local queries afterwards.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { Api, DatasourceInput, LabelSet, SeriesColumns } from '../../shared/api';
import { WsApiClient } from '../../renderer/src/ws-api';
import { freePort, startPeer, which, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

// The renderer's client expects the browser's WebSocket; Node 20 has none, the ws package fits.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const STEP_S = 15;
const HISTORY_S = 30 * 60;
/** Sample times: every 15 s over the last 30 minutes, on a 15 s grid. */
const END_S = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S - 60;
const TIMES = Array.from({ length: HISTORY_S / STEP_S + 1 }, (_, i) => END_S - HISTORY_S + i * STEP_S);
const SERIES = ['a', 'b', 'c'];
const value = (series: string, t: number) => SERIES.indexOf(series) * 100 + ((t / STEP_S) % 37) + 0.25;

const VM_USER = 'vmuser';
const VM_PASS = 'vm-secret';
const PROM_USER = 'promuser';
const PROM_PASS = 'prom-secret';
const BEARER = 'token-123';

const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');

interface PeerInfo {
  base: string;
  headers: Record<string, string>;
}

const dir = tempDir('promdesk-remote-ds-');
const peers: Peer[] = [];
const servers: http.Server[] = [];
let serve: ServeProcess | null = null;
let client: WsApiClient | null = null;
let api: Api;
let vm: PeerInfo | null = null;
let prom: PeerInfo | null = null;
let promAuthed = false;
let bearerProxy: PeerInfo | null = null;
const skipped: string[] = [];

async function waitReady(url: string, headers: Record<string, string>, peer: Peer): Promise<void> {
  const end = Date.now() + 30_000;
  let last = '';
  while (Date.now() < end) {
    try {
      const r = await fetch(url, { headers });
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up: ${last}\n${peer.output()}`);
}

async function listen(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function startVictoriaMetrics(): Promise<void> {
  const bin = which('victoria-metrics');
  if (!bin) return void skipped.push('victoria-metrics is not installed (apt-get install victoria-metrics)');
  const port = await freePort();
  const peer = startPeer(bin, [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${join(dir.path, 'vm')}`,
    '-search.latencyOffset=0s',
    '-search.disableCache',
    `-httpAuth.username=${VM_USER}`,
    `-httpAuth.password=${VM_PASS}`,
  ]);
  peers.push(peer);
  const info = { base: `http://127.0.0.1:${port}`, headers: { Authorization: basic(VM_USER, VM_PASS) } };
  await waitReady(`${info.base}/health`, info.headers, peer);
  const lines: string[] = [];
  for (const s of SERIES)
    for (const t of TIMES) lines.push(`ds_test_gauge{series="${s}",job="remote"} ${value(s, t)} ${t * 1000}`);
  const r = await fetch(`${info.base}/api/v1/import/prometheus`, {
    method: 'POST',
    headers: info.headers,
    body: lines.join('\n') + '\n',
  });
  assert.equal(r.status, 204, await r.text());
  // Imported rows become searchable after VictoriaMetrics flushes them (about a second).
  const end = Date.now() + 30_000;
  for (;;) {
    const got = await peerQuery(info, '/api/v1/query', {
      query: 'count(ds_test_gauge)',
      time: String(END_S),
    });
    if (got.result.length === 1 && got.result[0].value?.[1] === String(SERIES.length)) break;
    if (Date.now() > end)
      throw new Error(`imported samples never showed up in VictoriaMetrics:\n${peer.output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  vm = info;
}

/** A bcrypt hash from python3's crypt module (Debian's python3 has it; no download needed). */
function bcryptHash(password: string): string | null {
  const r = spawnSync(
    'python3',
    [
      '-W',
      'ignore',
      '-c',
      'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))',
      password,
    ],
    { encoding: 'utf8' },
  );
  const hash = r.status === 0 ? r.stdout.trim() : '';
  return /^\$2[aby]\$/.test(hash) ? hash : null;
}

async function startPrometheus(): Promise<void> {
  const bin = which('prometheus');
  const promtool = which('promtool');
  if (!bin || !promtool)
    return void skipped.push('prometheus/promtool are not installed (apt-get install prometheus)');
  const dataDir = join(dir.path, 'prom');
  const om: string[] = ['# TYPE ds_test_gauge gauge'];
  for (const s of SERIES)
    for (const t of TIMES) om.push(`ds_test_gauge{job="remote",series="${s}"} ${value(s, t)} ${t}`);
  om.push('# EOF');
  const omFile = join(dir.path, 'samples.om');
  writeFileSync(omFile, om.join('\n') + '\n');
  const made = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '-q', omFile, dataDir], {
    encoding: 'utf8',
  });
  assert.equal(made.status, 0, `promtool failed: ${made.stderr}`);
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(config, 'scrape_configs: []\n');
  const port = await freePort();
  const args = [
    `--web.listen-address=127.0.0.1:${port}`,
    `--storage.tsdb.path=${dataDir}`,
    `--config.file=${config}`,
  ];
  const hash = bcryptHash(PROM_PASS);
  let headers: Record<string, string> = {};
  if (hash) {
    const webConfig = join(dir.path, 'web.yml');
    writeFileSync(webConfig, `basic_auth_users:\n  ${PROM_USER}: '${hash}'\n`);
    args.push(`--web.config.file=${webConfig}`);
    headers = { Authorization: basic(PROM_USER, PROM_PASS) };
    promAuthed = true;
  }
  const peer = startPeer(bin, args);
  peers.push(peer);
  const info = { base: `http://127.0.0.1:${port}`, headers };
  await waitReady(`${info.base}/-/ready`, headers, peer);
  prom = info;
  // A proxy that wants a bearer token and passes the request on to Prometheus with its auth.
  const proxyBase = await listen((req, res) => {
    if (req.headers.authorization !== `Bearer ${BEARER}`) {
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end('Unauthorized\n');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(`${info.base}${req.url}`, {
        method: req.method,
        headers: { ...headers, 'content-type': req.headers['content-type'] ?? '' },
      });
      up.on('response', (r) => {
        res.writeHead(r.statusCode ?? 502, { 'Content-Type': r.headers['content-type'] ?? '' });
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  bearerProxy = { base: proxyBase, headers: { Authorization: `Bearer ${BEARER}` } };
}

interface PeerResult {
  resultType: string;
  result: { metric: LabelSet; value?: [number, string]; values?: [number, string][] }[];
}

async function peerQuery(p: PeerInfo, path: string, params: Record<string, string>): Promise<PeerResult> {
  const r = await fetch(`${p.base}${path}?${new URLSearchParams(params)}`, { headers: p.headers });
  const body = (await r.json()) as { status: string; data: PeerResult; error?: string };
  assert.equal(body.status, 'success', body.error);
  return body.data;
}

const key = (l: LabelSet) =>
  JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const num = (s: string) => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));

/** Both sides as sorted [labels, [[ms, value]...]] for deepEqual. */
function ours(series: SeriesColumns[]): [string, [number, number][]][] {
  return series
    .map((s): [string, [number, number][]] => [
      key(s.labels),
      [...s.timestamps].map((t, i) => [t, s.values[i]]),
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}
function theirs(d: PeerResult): [string, [number, number][]][] {
  return d.result
    .map((s): [string, [number, number][]] => [
      key(s.metric),
      (s.values ?? (s.value ? [s.value] : [])).map(([t, v]) => [Math.round(t * 1000), num(v)]),
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}

const dsInput = (
  name: string,
  url: string,
  auth: DatasourceInput['auth'],
  timeoutMs = 10_000,
): DatasourceInput => ({
  name,
  url,
  auth,
  tlsInsecureSkipVerify: false,
  timeoutMs,
});

before(async () => {
  await startVictoriaMetrics();
  await startPrometheus();
  serve = await startServeProcess(join(dir.path, 'promdesk'));
  client = new WsApiClient(`${serve.base.replace('http', 'ws')}/api/ws`);
  api = client.api();
});

after(async () => {
  client?.close();
  await serve?.stop();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  for (const p of peers) await p.stop();
  dir.remove();
});

function needs(t: TestContext, peer: PeerInfo | null): peer is PeerInfo {
  if (peer) return true;
  t.skip(skipped.join('; ') || 'peer not started');
  return false;
}

async function checkAgainstPeer(dsId: string, peer: PeerInfo, queries: string[]): Promise<void> {
  for (const query of queries) {
    const inst = await api.queryInstant({ query, timeMs: END_S * 1000, datasource: dsId });
    const peerInst = await peerQuery(peer, '/api/v1/query', { query, time: String(END_S) });
    assert.equal(inst.resultType, peerInst.resultType, query);
    assert.ok(inst.series.length > 0, `${query}: no series`);
    assert.deepEqual(ours(inst.series), theirs(peerInst), `instant ${query}`);

    const startS = END_S - 20 * 60;
    const range = await api.queryRange({
      query,
      startMs: startS * 1000,
      endMs: END_S * 1000,
      stepMs: 60_000,
      datasource: dsId,
    });
    const peerRange = await peerQuery(peer, '/api/v1/query_range', {
      query,
      start: String(startS),
      end: String(END_S),
      step: '60',
    });
    assert.ok(
      range.series.every((s) => s.timestamps.length >= 15),
      `${query}: too few points`,
    );
    assert.deepEqual(ours(range.series), theirs(peerRange), `range ${query}`);
  }
}

const QUERIES = ['ds_test_gauge', 'sum by (series) (ds_test_gauge * 2)', 'max_over_time(ds_test_gauge[5m])'];

test('VictoriaMetrics with basic auth: queries and labels agree with its own API; no secret leaks', async (t) => {
  if (!needs(t, vm)) return;
  const v = await api.putDatasource(
    dsInput('VM', vm.base, { type: 'basic', username: VM_USER, password: VM_PASS }),
  );
  assert.deepEqual(v.auth, { type: 'basic', username: VM_USER, hasPassword: true });
  const listed = await api.listDatasources();
  assert.ok(listed.some((d) => d.id === v.id));
  assert.ok(!JSON.stringify(listed).includes(VM_PASS), 'the password must never reach the renderer');
  const tested = await api.testDatasource({
    ...dsInput('VM', vm.base, { type: 'basic', username: VM_USER, password: '' }),
    id: v.id,
  });
  assert.equal(tested.ok, true, tested.error ?? '');
  await checkAgainstPeer(v.id, vm, QUERIES);
  assert.ok((await api.labelNames(undefined, v.id)).includes('series'));
  assert.deepEqual(await api.labelValues('series', 'ds_test_gauge', v.id), SERIES);
  assert.ok((await api.labelValues('__name__', undefined, v.id)).includes('ds_test_gauge'));
  // The local store knows nothing of the remote series.
  assert.deepEqual(await api.labelValues('series'), []);
});

test('Prometheus (basic auth where bcrypt is available): queries agree, build info gives the version', async (t) => {
  if (!needs(t, prom)) return;
  const auth: DatasourceInput['auth'] = promAuthed
    ? { type: 'basic', username: PROM_USER, password: PROM_PASS }
    : { type: 'none' };
  const tested = await api.testDatasource(dsInput('Prometheus', prom.base + '/', auth));
  assert.equal(tested.ok, true, tested.error ?? '');
  assert.match(tested.version ?? '', /^2\.\d+\.\d+/);
  const p = await api.putDatasource(dsInput('Prometheus', prom.base + '/', auth));
  await checkAgainstPeer(p.id, prom, QUERIES);
  assert.deepEqual(await api.labelValues('series', undefined, p.id), SERIES);
  const err = await api.queryInstant({ query: 'sum(', timeMs: END_S * 1000, datasource: p.id }).then(
    () => null,
    (e: Error) => e.message,
  );
  assert.match(
    err ?? '',
    new RegExp(`^datasource "Prometheus" \\(${prom.base}/api/v1/query\\): bad_data: .*parse error`),
  );
  if (!promAuthed) t.diagnostic('python3 crypt is unavailable: Prometheus ran without basic auth');
});

test('a bearer token is sent, and an edit with an empty token keeps it', async (t) => {
  if (!needs(t, bearerProxy) || !prom) return;
  const b = await api.putDatasource(
    dsInput('Behind proxy', bearerProxy.base, { type: 'bearer', token: BEARER }),
  );
  assert.deepEqual(b.auth, { type: 'bearer', hasToken: true });
  await api.putDatasource({
    ...dsInput('Behind proxy', bearerProxy.base, { type: 'bearer', token: '' }),
    id: b.id,
  });
  await checkAgainstPeer(b.id, prom, ['ds_test_gauge']);
  const noToken = await api.testDatasource(dsInput('No token', bearerProxy.base, { type: 'none' }));
  assert.equal(noToken.ok, false);
  assert.match(
    noToken.error ?? '',
    /^datasource "No token" \(.*\/api\/v1\/query\): HTTP 401 Unauthorized: the server refused/,
  );
});

test('bad remotes give clear errors naming the datasource and URL; local queries still work', async (t) => {
  const html = await listen((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><head><title>Router login</title></head><body>Log in</body></html>');
  });
  const hung = await listen(() => undefined);
  const closed = `http://127.0.0.1:${await freePort()}`;
  const cases: [DatasourceInput, RegExp][] = [
    [
      dsInput('HTML', html, { type: 'none' }),
      /^datasource "HTML" \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\): the reply is not Prometheus API JSON \(Content-Type text\/html; charset=utf-8\): "<!DOCTYPE html>/,
    ],
    [
      dsInput('Nobody home', closed, { type: 'none' }),
      /^datasource "Nobody home" \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\): connection refused by 127\.0\.0\.1:\d+/,
    ],
    [
      dsInput('Hung', hung, { type: 'none' }, 500),
      /^datasource "Hung" \(.*\): no complete reply within 500 ms/,
    ],
  ];
  if (vm) {
    cases.push([
      dsInput('VM wrong password', vm.base, { type: 'basic', username: VM_USER, password: 'nope' }),
      /^datasource "VM wrong password" \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\): HTTP 401 Unauthorized/,
    ]);
  } else t.diagnostic(`wrong-password case skipped: ${skipped.join('; ')}`);
  for (const [input, re] of cases) {
    const d = await api.putDatasource(input);
    const err = await api.queryInstant({ query: 'up', timeMs: Date.now(), datasource: d.id }).then(
      () => null,
      (e: Error) => e.message,
    );
    assert.match(err ?? 'no error', re);
    const rangeErr = await api
      .queryRange({
        query: 'up',
        startMs: Date.now() - 60_000,
        endMs: Date.now(),
        stepMs: 15_000,
        datasource: d.id,
      })
      .then(
        () => null,
        (e: Error) => e.message,
      );
    assert.match(rangeErr ?? 'no error', new RegExp(`^datasource "${input.name}"`));
    const tested = await api.testDatasource({ ...input, id: d.id });
    assert.equal(tested.ok, false);
    assert.match(tested.error ?? '', re);
    await api.removeDatasource(d.id);
  }
  await assert.rejects(
    api.queryInstant({ query: 'up', timeMs: Date.now(), datasource: 'ds-gone' }),
    /no datasource with id "ds-gone"/,
  );
  const local = await api.queryInstant({ query: 'vector(42)', timeMs: Date.now() });
  assert.equal(local.series[0].values[0], 42);
  assert.ok((await fetch(`${serve!.base}/-/ready`)).ok);
});

test('datasources survive a restart of promdesk serve (secrets kept, still not listed)', async (t) => {
  if (!needs(t, vm)) return;
  const before = await api.listDatasources();
  const vmDs = before.find((d) => d.name === 'VM');
  assert.ok(vmDs);
  client?.close();
  await serve!.stop();
  serve = await startServeProcess(join(dir.path, 'promdesk'));
  client = new WsApiClient(`${serve.base.replace('http', 'ws')}/api/ws`);
  api = client.api();
  assert.deepEqual(await api.listDatasources(), before);
  const r = await api.queryInstant({
    query: 'count(ds_test_gauge)',
    timeMs: END_S * 1000,
    datasource: vmDs.id,
  });
  assert.equal(r.series[0].values[0], SERIES.length);
});
