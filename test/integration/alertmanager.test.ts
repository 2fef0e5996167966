// Debian's prometheus-alertmanager (0.25) receives the alerts of `promdesk serve`: a rule fires
// from a test exporter and the alert shows in the Alertmanager's /api/v2/alerts with its labels
// (external labels included), annotations, startsAt and generatorURL; when the exporter's value
// goes back it is resolved (the Alertmanager's webhook says so). Beside it, an Alertmanager that
// refuses connections and one that never answers: evaluation goes on, and both are counted in
// /metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { startExporter } from '../helpers/exporter';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const AM_BIN = '/usr/bin/prometheus-alertmanager';

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

async function until<T>(what: string, f: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function metricValue(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : null;
}

test('promdesk serve sends its alerts to a real Alertmanager; a down or hanging one blocks nothing', async (t) => {
  if (!which(AM_BIN)) return t.skip(`${AM_BIN} is not installed (Debian package prometheus-alertmanager)`);
  const dir = tempDir();
  const cleanups: (() => Promise<unknown> | void)[] = [() => dir.remove()];
  t.after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  // The Alertmanager's webhook receiver: tells us when it sees the alert resolved.
  const hooks: { status: string; alerts: { status: string; labels: Record<string, string> }[] }[] = [];
  const hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(body));
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => hook.close(r)));

  // An Alertmanager that accepts connections and never answers, and a port nobody listens on.
  const sockets = new Set<net.Socket>();
  const hang = net.createServer((s) => sockets.add(s));
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => hang.close(r));
  });
  const hangAddr = `127.0.0.1:${(hang.address() as AddressInfo).port}`;
  const downAddr = `127.0.0.1:${await freePort()}`;

  const amPort = await freePort();
  writeFileSync(
    join(dir.path, 'am.yml'),
    `route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: hook
    webhook_configs:
      - url: http://127.0.0.1:${(hook.address() as AddressInfo).port}/
        send_resolved: true
`,
  );
  const am = startPeer(AM_BIN, [
    `--config.file=${join(dir.path, 'am.yml')}`,
    `--storage.path=${join(dir.path, 'am-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
  ]);
  cleanups.push(() => am.stop());
  const amBase = `http://127.0.0.1:${amPort}`;
  await waitHttp(`${amBase}/-/ready`).catch((err: Error) => {
    throw new Error(`${err.message}\n${am.output()}`);
  });

  const exporter = await startExporter({ kind: 'body', body: 'room_temp_celsius{room="attic"} 61\n' });
  cleanups.push(() => exporter.close());
  writeFileSync(
    join(dir.path, 'rules.yml'),
    `groups:
  - name: home
    rules:
      - alert: RoomTooHot
        expr: room_temp_celsius > 50
        labels: {severity: warning}
        annotations:
          summary: "{{ $labels.room }} is at {{ $value }} °C"
`,
  );
  writeFileSync(
    join(dir.path, 'prometheus.yml'),
    `global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {site: lab}
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs: [{targets: ['127.0.0.1:${amPort}']}]
    - timeout: 1s
      static_configs: [{targets: ['${hangAddr}', '${downAddr}']}]
scrape_configs:
  - job_name: thermo
    static_configs: [{targets: ['127.0.0.1:${exporter.port}']}]
`,
  );
  const serve = await startServeProcess(join(dir.path, 'data'), join(dir.path, 'prometheus.yml'), undefined, [
    '--rules.alert.resend-delay',
    '1s',
    '--alertmanager.notification-queue-capacity',
    '500',
  ]);
  cleanups.push(() => serve.stop());

  // Firing: in the Alertmanager with the rule's labels, the external label and the annotation.
  const fired = await until('the alert in the Alertmanager', async () => {
    const list = (await (await fetch(`${amBase}/api/v2/alerts`)).json()) as AmAlert[];
    return list.find((a) => a.labels.alertname === 'RoomTooHot') ?? null;
  });
  assert.deepEqual(fired.labels, {
    alertname: 'RoomTooHot',
    instance: `127.0.0.1:${exporter.port}`,
    job: 'thermo',
    room: 'attic',
    severity: 'warning',
    site: 'lab',
  });
  assert.deepEqual(fired.annotations, { summary: 'attic is at 61 °C' });
  assert.equal(fired.status.state, 'active');
  assert.match(fired.generatorURL, /\/graph\?g0\.expr=room_temp_celsius\+%3E\+50&g0\.tab=1$/);
  // startsAt is when it fired: with no `for`, when it became active, as ALERTS_FOR_STATE holds it (in s).
  const activeAt = await until('ALERTS_FOR_STATE in Promdesk', async () => {
    const q = encodeURIComponent('ALERTS_FOR_STATE{alertname="RoomTooHot"}');
    const r = (await (await fetch(`${serve.base}/api/v1/query?query=${q}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    return r.data.result.length === 1 ? Number(r.data.result[0].value[1]) : null;
  });
  assert.equal(Math.floor(Date.parse(fired.startsAt) / 1000), activeAt);
  assert.ok(Date.parse(fired.endsAt) > Date.now(), 'endsAt lies ahead while it fires');

  // Evaluation goes on while a send hangs on the silent Alertmanager; both bad ones are counted.
  const metrics = await until('errors counted for the down and the hanging Alertmanager', async () => {
    const text = await (await fetch(`${serve.base}/metrics`)).text();
    const down = metricValue(
      text,
      `promdesk_notifications_errors_total{alertmanager="http://${downAddr}/api/v2/alerts"}`,
    );
    const hung = metricValue(
      text,
      `promdesk_notifications_errors_total{alertmanager="http://${hangAddr}/api/v2/alerts"}`,
    );
    return down !== null && down > 0 && hung !== null && hung > 0 ? text : null;
  });
  assert.equal(metricValue(metrics, 'promdesk_notifications_alertmanagers_discovered'), 3);
  const listed = (await (await fetch(`${serve.base}/api/v1/alertmanagers`)).json()) as {
    data: { activeAlertmanagers: { url: string }[]; droppedAlertmanagers: { url: string }[] };
  };
  assert.deepEqual(listed.data, {
    activeAlertmanagers: [amPort, hangAddr.split(':')[1], downAddr.split(':')[1]].map((port) => ({
      url: `http://127.0.0.1:${port}/api/v2/alerts`,
    })),
    droppedAlertmanagers: [],
  });
  assert.equal(metricValue(metrics, 'promdesk_notifications_queue_capacity'), 500, 'the flag');
  const sentReal = metricValue(
    metrics,
    `promdesk_notifications_sent_total{alertmanager="http://127.0.0.1:${amPort}/api/v2/alerts"}`,
  );
  assert.ok(sentReal !== null && sentReal >= 1, `sent to the real Alertmanager: ${sentReal}`);
  // The last evaluation's time, from the ALERTS sample it wrote.
  const evaluated = async () => {
    const q = encodeURIComponent('timestamp(ALERTS{alertname="RoomTooHot"})');
    const r = (await (await fetch(`${serve.base}/api/v1/query?query=${q}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    return Number(r.data.result[0]?.value[1] ?? 0);
  };
  const before = await evaluated();
  await until('two more evaluations', async () => ((await evaluated()) >= before + 2 ? true : null));
  assert.ok(sockets.size > 0, 'the silent Alertmanager was connected to');

  // Resolved: the Alertmanager's webhook reports it resolved, and it leaves /api/v2/alerts.
  exporter.set({ kind: 'body', body: 'room_temp_celsius{room="attic"} 21\n' });
  await until('the webhook to report the alert resolved', async () =>
    hooks.some((h) => h.status === 'resolved' && h.alerts.some((a) => a.labels.alertname === 'RoomTooHot'))
      ? true
      : null,
  );
  const after = (await (await fetch(`${amBase}/api/v2/alerts`)).json()) as AmAlert[];
  assert.equal(after.filter((a) => a.labels.alertname === 'RoomTooHot').length, 0);
  assert.ok(
    hooks.some((h) => h.status === 'firing'),
    'the Alertmanager notified it firing first',
  );

  // A reload follows the config: without the bad Alertmanagers, one is left.
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/ {4}- timeout: 1s\n.*\n/, ''));
  serve.proc.kill('SIGHUP');
  await until('the reload to leave one Alertmanager', async () => {
    const text = await (await fetch(`${serve.base}/metrics`)).text();
    return metricValue(text, 'promdesk_notifications_alertmanagers_discovered') === 1 ? true : null;
  });
});
