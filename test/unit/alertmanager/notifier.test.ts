// The Alertmanager notifier against real HTTP servers on 127.0.0.1: batches of at most 64 to
// every Alertmanager, external labels and alert_relabel_configs, the bounded queue dropping the
// oldest, retries of a failing send, and an Alertmanager that hangs never holding up send().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { AlertmanagerNotifier, MAX_BATCH } from '../../../electron/engine/notify/alertmanager/notifier';
import type { NotifierAlert } from '../../../electron/engine/notify/alertmanager/payload';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  alerts: {
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    startsAt: string;
    endsAt: string;
  }[];
}

/** An HTTP server that records POSTs; `reply` picks the status (or null: never answer). */
async function fakeAm(reply: (n: number) => number | null = () => 200) {
  const got: Received[] = [];
  let n = 0;
  const hung: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const status = reply(n++);
      if (status === null) {
        hung.push(res);
        return;
      }
      if (status === 200) got.push({ path: req.url ?? '', headers: req.headers, alerts: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    addr,
    got,
    requests: () => n,
    close: () => {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function alerting(yaml: string) {
  const c = parsePrometheusConfig(yaml, 'p.yml');
  return { alerting: c.alerting, external: c.global.externalLabels };
}

function alert(i: number, extra: Record<string, string> = {}): NotifierAlert {
  return {
    labels: { alertname: 'A', n: String(i), ...extra },
    annotations: { summary: `alert ${i}` },
    startsAtMs: 1_700_000_000_000,
    endsAtMs: 1_700_000_240_000,
    generatorURL: 'http://desk/graph?g0.expr=up&g0.tab=1',
  };
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  assert.ok(line, `no ${name} in\n${text}`);
  return Number(line.split(' ').pop());
}

test('alerts go in batches of at most 64 to every Alertmanager, with external labels and alert relabeling', async () => {
  const a = await fakeAm();
  const b = await fakeAm();
  const { alerting: cfg, external } = alerting(`
global: {external_labels: {site: lab, n: ext}}
alerting:
  alert_relabel_configs:
    - {source_labels: [drop], regex: "yes", action: drop}
    - {action: labeldrop, regex: tmp}
  alertmanagers:
    - path_prefix: /am
      static_configs: [{targets: ['${a.addr}', '${b.addr}', '${a.addr}']}]
`);
  const n = new AlertmanagerNotifier({ log: () => {} });
  n.applyConfig(cfg, external);
  assert.deepEqual(n.status().active, [
    `http://${a.addr}/am/api/v2/alerts`,
    `http://${b.addr}/am/api/v2/alerts`,
  ]);
  const batch = Array.from({ length: 150 }, (_, i) => alert(i, { tmp: 'x' }));
  batch.push(alert(999, { drop: 'yes' }));
  n.send(batch);
  await n.idle();
  for (const am of [a, b]) {
    assert.deepEqual(
      am.got.map((r) => r.alerts.length),
      [MAX_BATCH, MAX_BATCH, 150 - 2 * MAX_BATCH],
    );
    assert.equal(am.got[0].path, '/am/api/v2/alerts');
    assert.equal(am.got[0].headers['content-type'], 'application/json');
    const first = am.got[0].alerts[0];
    assert.deepEqual(first.labels, { alertname: 'A', n: '0', site: 'lab' }, 'an alert keeps its own n');
    assert.deepEqual(first.annotations, { summary: 'alert 0' });
    assert.equal(first.startsAt, '2023-11-14T22:13:20.000Z');
  }
  const m = n.renderMetrics();
  assert.equal(
    metric(m, `promdesk_notifications_sent_total{alertmanager="http://${a.addr}/am/api/v2/alerts"}`),
    150,
  );
  assert.equal(metric(m, 'promdesk_notifications_alertmanagers_discovered'), 2);
  assert.equal(metric(m, 'promdesk_notifications_dropped_total'), 0);
  assert.equal(metric(m, 'promdesk_notifications_queue_capacity'), 10000);
  await n.close();
  await a.close();
  await b.close();
});

test('a send that fails with a 5xx is retried; one that fails every time is dropped and counted', async () => {
  const flaky = await fakeAm((i) => (i === 0 ? 503 : 200));
  const down = await fakeAm(() => 500);
  const { alerting: cfg } = alerting(`
alerting:
  alertmanagers:
    - static_configs: [{targets: ['${flaky.addr}']}]
    - basic_auth: {username: u, password: p}
      static_configs: [{targets: ['${down.addr}']}]
`);
  const n = new AlertmanagerNotifier({ log: () => {}, retryBackoffMs: [10, 10] });
  n.applyConfig(cfg, {});
  n.send([alert(1)]);
  await n.idle();
  assert.equal(flaky.got.length, 1, 'the retry went through');
  assert.equal(down.requests(), 3, 'tried three times in all');
  let m = n.renderMetrics();
  assert.equal(
    metric(m, `promdesk_notifications_errors_total{alertmanager="http://${flaky.addr}/api/v2/alerts"}`),
    1,
  );
  assert.equal(
    metric(m, `promdesk_notifications_errors_total{alertmanager="http://${down.addr}/api/v2/alerts"}`),
    3,
  );
  assert.equal(metric(m, 'promdesk_notifications_dropped_total'), 1, 'the down one missed it');

  n.applyConfig(
    alerting(`alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['${down.addr}']}]\n`).alerting,
    {},
  );
  n.send([alert(2), alert(3)]);
  await n.idle();
  m = n.renderMetrics();
  assert.equal(metric(m, 'promdesk_notifications_dropped_total'), 3, 'the down one missed them too');
  assert.equal(metric(m, 'promdesk_notifications_alertmanagers_discovered'), 1);
  await n.close();
  await flaky.close();
  await down.close();
});

test('a 4xx is not retried', async () => {
  const bad = await fakeAm(() => 400);
  const n = new AlertmanagerNotifier({ log: () => {}, retryBackoffMs: [10, 10] });
  n.applyConfig(
    alerting(`alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['${bad.addr}']}]\n`).alerting,
    {},
  );
  n.send([alert(1)]);
  await n.idle();
  assert.equal(bad.requests(), 1);
  assert.equal(metric(n.renderMetrics(), 'promdesk_notifications_dropped_total'), 1);
  await n.close();
  await bad.close();
});

test('an Alertmanager that never answers: send() returns at once, the queue is bounded (oldest dropped), the timeout ends the wait', async () => {
  const hang = await fakeAm(() => null);
  const n = new AlertmanagerNotifier({ capacity: 100, log: () => {}, retryBackoffMs: [] });
  n.applyConfig(
    alerting(
      `alerting:\n  alertmanagers:\n    - timeout: 300ms\n      static_configs: [{targets: ['${hang.addr}']}]\n`,
    ).alerting,
    {},
  );
  n.send([alert(0)]);
  for (let i = 1; i <= 250; i++) n.send([alert(i)]);
  assert.equal(n.queueLength, 100, 'bounded while the first batch hangs');
  let m = n.renderMetrics();
  assert.equal(metric(m, 'promdesk_notifications_queue_length'), 100);
  assert.equal(metric(m, 'promdesk_notifications_dropped_total'), 150, 'the oldest queued were dropped');
  n.send(Array.from({ length: 130 }, (_, i) => alert(1000 + i)));
  assert.equal(metric(n.renderMetrics(), 'promdesk_notifications_dropped_total'), 150 + 30 + 100);
  await n.idle();
  m = n.renderMetrics();
  assert.equal(metric(m, 'promdesk_notifications_queue_length'), 0);
  // 1 in flight + 100 queued, each batch cut off by the timeout.
  assert.equal(metric(m, 'promdesk_notifications_dropped_total'), 280 + 1 + 100);
  assert.equal(
    metric(m, `promdesk_notifications_errors_total{alertmanager="http://${hang.addr}/api/v2/alerts"}`),
    3,
  );
  await n.close();
  await hang.close();
});

test('an Alertmanager that hangs does not hold up another: each has its own queue, in order', async () => {
  const hang = await fakeAm(() => null);
  const ok = await fakeAm();
  const n = new AlertmanagerNotifier({ log: () => {}, retryBackoffMs: [] });
  n.applyConfig(
    alerting(
      `alerting:\n  alertmanagers:\n    - timeout: 30s\n      static_configs: [{targets: ['${hang.addr}', '${ok.addr}']}]\n`,
    ).alerting,
    {},
  );
  for (let i = 0; i < 150; i++) n.send([alert(i)]);
  while (ok.got.reduce((a, r) => a + r.alerts.length, 0) < 150) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(
    ok.got.flatMap((r) => r.alerts.map((a) => Number(a.labels.n))),
    Array.from({ length: 150 }, (_, i) => i),
    'all of them, in order',
  );
  assert.equal(hang.requests(), 1, 'the silent one still holds its first batch');
  assert.equal(n.queueLength, 149, 'its queue waits');
  await n.close();
  await hang.close();
  await ok.close();
});

test('file_sd_configs: the Alertmanagers follow the file, relabeled with __meta_filepath; one that stays keeps its queue', async () => {
  const a = await fakeAm();
  const b = await fakeAm();
  const dir = tempDir();
  const file = join(dir.path, 'am.json');
  writeFileSync(file, JSON.stringify([{ targets: [a.addr], labels: { env: 'x' } }]));
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - file_sd_configs: [{files: ['am.json']}]
      relabel_configs:
        - {source_labels: [__meta_filepath], regex: '.*/am\\.json', action: keep}
        - {source_labels: [env], regex: drop, action: drop}
`,
    join(dir.path, 'prometheus.yml'),
  );
  const n = new AlertmanagerNotifier({ log: () => {} });
  n.applyConfig(c.alerting, {});
  assert.deepEqual(n.status().active, [`http://${a.addr}/api/v2/alerts`]);
  writeFileSync(
    file,
    JSON.stringify([
      { targets: [a.addr, b.addr], labels: { env: 'x' } },
      { targets: ['127.0.0.1:1'], labels: { env: 'drop' } },
    ]),
  );
  while (n.status().active.length < 2) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(n.status(), {
    active: [`http://${a.addr}/api/v2/alerts`, `http://${b.addr}/api/v2/alerts`],
    dropped: ['http://127.0.0.1:1/api/v2/alerts'],
  });
  n.send([alert(1)]);
  await n.idle();
  assert.equal(a.got.length + b.got.length, 2, 'both got it');
  await n.close();
  dir.remove();
  await a.close();
  await b.close();
});

test('close() aborts a hanging send and ends the loop', async () => {
  const hang = await fakeAm(() => null);
  const n = new AlertmanagerNotifier({ log: () => {} });
  n.applyConfig(
    alerting(`alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['${hang.addr}']}]\n`).alerting,
    {},
  );
  n.send([alert(1)]);
  while (hang.requests() === 0) await new Promise((r) => setTimeout(r, 10));
  await n.close();
  assert.equal(n.enabled, false);
  await hang.close();
});

test('without alertmanagers nothing is queued', async () => {
  const n = new AlertmanagerNotifier({ log: () => {} });
  n.applyConfig(undefined, { site: 'x' });
  n.send([alert(1)]);
  assert.equal(n.queueLength, 0);
  assert.equal(metric(n.renderMetrics(), 'promdesk_notifications_alertmanagers_discovered'), 0);
  await n.close();
});
