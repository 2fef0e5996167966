// Debian's Prometheus 2.42 and `promdesk serve` on one prometheus.yml with rule_files, evaluated
// every second against one test exporter: alerts that fire, one that stays pending, one that stays
// inactive, a recording rule, templates in labels and annotations ($labels, $value,
// $externalLabels, humanize, printf, if, query) and an external label. After a few evaluations,
// /api/v1/alerts, the ALERTS and ALERTS_FOR_STATE series, the recording rule's series and the
// rules in /api/v1/rules are the same on both sides, and both evaluate at the same instant within
// the second (the group's hashed offset).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServe } from '../../electron/serve';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const EXPOSITION = `# TYPE disk_used_ratio gauge
disk_used_ratio{mount="/"} 0.95
disk_used_ratio{mount="/home"} 0.5
disk_used_ratio{mount="/var"} 0.975
# TYPE temp_celsius gauge
temp_celsius{room="a"} 30
temp_celsius{room="b"} 12.5
# TYPE jobs_failed_total counter
jobs_failed_total 3072
`;

const RULES = `groups:
- name: homelab
  rules:
  - record: mount:disk_used:percent
    expr: disk_used_ratio * 100
    labels: {unit: percent}
  - alert: DiskFull
    expr: mount:disk_used:percent > 90
    labels:
      severity: '{{ if gt $value 97.0 }}critical{{ else }}warning{{ end }}'
    annotations:
      summary: 'Disk {{ $labels.mount }} at {{ $value | humanize }}%'
      description: '{{ printf "%.1f" $value }} percent used on {{ $labels.instance }} at {{ $externalLabels.site }}'
  - alert: HotRoom
    expr: temp_celsius > 25
    for: 10m
    annotations:
      summary: '{{ $labels.room }} is {{ $value }} degrees'
      share: '{{ 0.256 | humanizePercentage }}'
  - alert: Freezing
    expr: temp_celsius < 0
  - alert: JobsFailing
    expr: jobs_failed_total > 0
    labels: {team: ops}
    annotations:
      count: '{{ $value | humanize1024 }}'
      up: '{{ with query "up" }}{{ . | first | value }}{{ end }}'
      rooms: '{{ range query "temp_celsius" }}{{ .Labels.room }}={{ .Value }};{{ end }}'
`;

type Json = Record<string, unknown>;
const sortKeys = (o: unknown): unknown =>
  o && typeof o === 'object' && !Array.isArray(o)
    ? Object.fromEntries(
        Object.entries(o as Json)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, sortKeys(v)]),
      )
    : Array.isArray(o)
      ? o.map(sortKeys)
      : o;

async function get(base: string, path: string): Promise<Json> {
  const r = await fetch(base + path);
  const j = (await r.json()) as { status: string; data: Json };
  assert.equal(j.status, 'success', `${base}${path}`);
  return j.data;
}

async function alerts(base: string): Promise<string[]> {
  const d = (await get(base, '/api/v1/alerts')) as { alerts: Json[] };
  return d.alerts
    .map((a) => JSON.stringify(sortKeys({ labels: a.labels, annotations: a.annotations, state: a.state })))
    .sort();
}

async function vector(base: string, q: string): Promise<string[]> {
  const d = (await get(base, `/api/v1/query?query=${encodeURIComponent(q)}`)) as {
    result: { metric: Json; value: [number, string] }[];
  };
  return d.result.map((s) => `${JSON.stringify(sortKeys(s.metric))} ${s.value[1]}`).sort();
}

/** The rules as both answer them, without what differs by nature (times, activeAt, durations). */
async function rules(base: string): Promise<unknown> {
  const d = (await get(base, '/api/v1/rules')) as { groups: Json[] };
  return d.groups.map((g) => ({
    name: g.name,
    file: g.file,
    interval: g.interval,
    limit: g.limit,
    rules: (g.rules as Json[]).map((r) => {
      const { evaluationTime, lastEvaluation, alerts: list, ...rest } = r;
      void evaluationTime;
      void lastEvaluation;
      const kept = (list as Json[] | undefined)?.map((a) => {
        const { activeAt, ...a2 } = a;
        void activeAt;
        return JSON.stringify(sortKeys(a2));
      });
      return sortKeys({ ...rest, ...(kept && { alerts: kept.sort() }) });
    }),
  }));
}

test(
  'rules evaluate as in Prometheus 2.42: alerts, ALERTS, recording rules, templates',
  { timeout: 90_000 },
  async (t) => {
    const prometheus = which('prometheus');
    if (!prometheus) {
      t.skip('Debian prometheus is not installed (apt-get install prometheus)');
      return;
    }
    const started = Date.now();
    const exporter = http.createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(EXPOSITION),
    );
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
    t.after(() => exporter.close());
    const exp = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
    const dir = tempDir();
    t.after(dir.remove);
    writeFileSync(join(dir.path, 'rules.yml'), RULES);
    const configFile = join(dir.path, 'prometheus.yml');
    writeFileSync(
      configFile,
      `global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {site: lab}
rule_files: ['rules.yml']
scrape_configs:
- job_name: home
  static_configs: [{targets: ['${exp}']}]
`,
    );
    const pp = await freePort();
    const prom = startPeer(prometheus, [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir.path, 'prom')}`,
      `--web.listen-address=127.0.0.1:${pp}`,
    ]);
    t.after(() => prom.stop());
    const pd = await startServe({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'promdesk'),
      configFile,
      rendererDir: join(dir.path, 'none'),
      token: null,
    });
    t.after(() => pd.stop());
    const promBase = `http://127.0.0.1:${pp}`;
    const pdBase = `http://127.0.0.1:${pd.port}`;
    await waitHttp(`${promBase}/-/ready`);

    // ALERTS is written from the third evaluation (after the for-state restore) on both sides.
    const ready = async (base: string) => (await vector(base, 'ALERTS')).length === 4;
    const deadline = Date.now() + 30_000;
    while (!((await ready(promBase)) && (await ready(pdBase)))) {
      if (Date.now() > deadline) assert.fail(`no ALERTS after 30 s:\n${prom.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 2000));

    const [wantAlerts, gotAlerts] = await Promise.all([alerts(promBase), alerts(pdBase)]);
    assert.deepEqual(gotAlerts, wantAlerts);
    assert.equal(wantAlerts.length, 4, wantAlerts.join('\n'));
    // ALERTS_FOR_STATE's value is activeAt, which differs by start time: its series are compared.
    for (const q of ['ALERTS', 'ALERTS_FOR_STATE', 'mount:disk_used:percent']) {
      const read = async (base: string) =>
        (await vector(base, q)).map((s) => (q === 'ALERTS_FOR_STATE' ? s.split(' ')[0] : s));
      const [want, got] = await Promise.all([read(promBase), read(pdBase)]);
      assert.deepEqual(got, want, q);
      assert.ok(want.length > 0, q);
    }
    const [wantRules, gotRules] = await Promise.all([rules(promBase), rules(pdBase)]);
    assert.deepEqual(gotRules, wantRules);
    // The same slot within the second: evaluations are stamped at the group's hashed offset.
    const offset = async (base: string) =>
      (await vector(base, 'timestamp(mount:disk_used:percent) * 1000 % 1000')).map((s) =>
        Math.round(Number(s.split(' ')[1])),
      );
    assert.deepEqual(await offset(pdBase), await offset(promBase));
    // Promdesk's twins of prometheus_rule_* on /metrics.
    const metrics = await (await fetch(`${pdBase}/metrics`)).text();
    const group = `${join(dir.path, 'rules.yml')};homelab`;
    assert.match(metrics, new RegExp(`^promdesk_rule_group_rules\\{rule_group="${group}"\\} 5$`, 'm'));
    assert.match(
      metrics,
      new RegExp(`^promdesk_rule_evaluations_total\\{rule_group="${group}"\\} [1-9]`, 'm'),
    );
    assert.match(metrics, /^promdesk_rules_last_reload_successful 1$/m);
    // The states the rules were chosen for.
    const states = wantAlerts.map((a) => JSON.parse(a) as { labels: Json; state: string });
    assert.deepEqual(states.map((a) => `${a.labels.alertname as string}:${a.state}`).sort(), [
      'DiskFull:firing',
      'DiskFull:firing',
      'HotRoom:pending',
      'JobsFailing:firing',
    ]);
    t.diagnostic(`rules parity took ${Date.now() - started} ms`);
  },
);
