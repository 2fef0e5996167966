// What Debian's Prometheus 2.42 and `promdesk serve` POST to an Alertmanager for the same rule,
// the same exporter and the same flags, side by side: the JSON of each alert (its fields in
// order, labels with the external label, annotations, generatorURL, millisecond times), endsAt
// four resend delays after startsAt when it fires, a resend with the same startsAt, and the
// resolved alert with endsAt at its resolution. Each side posts to its own capture server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { startExporter } from '../helpers/exporter';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

interface Post {
  atMs: number;
  contentType: string;
  /** The body as sent, to see the fields' order. */
  raw: string;
  alerts: Record<string, unknown>[];
}

async function capture(): Promise<{ addr: string; posts: Post[]; close(): Promise<void> }> {
  const posts: Post[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/v2/alerts')
        posts.push({
          atMs: Date.now(),
          contentType: req.headers['content-type'] ?? '',
          raw,
          alerts: JSON.parse(raw),
        });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    addr: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function until(what: string, f: () => Promise<boolean> | boolean, timeoutMs = 40_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/;
const EXTERNAL_URL = 'http://desk.lan:9090';

test(
  'Prometheus 2.42 and promdesk serve post the same alerts to an Alertmanager',
  { timeout: 120_000 },
  async (t) => {
    const prometheus = which('prometheus');
    if (!prometheus) return t.skip('Debian prometheus is not installed (apt-get install prometheus)');
    const dir = tempDir();
    const cleanups: (() => Promise<unknown> | void)[] = [() => dir.remove()];
    t.after(async () => {
      for (const c of cleanups.reverse()) await c();
    });
    const exporter = await startExporter({ kind: 'body', body: 'disk_used_ratio{mount="/srv"} 0.5\n' });
    cleanups.push(() => exporter.close());
    const sides = { prom: await capture(), desk: await capture() };
    cleanups.push(
      () => sides.prom.close(),
      () => sides.desk.close(),
    );
    writeFileSync(
      join(dir.path, 'rules.yml'),
      `groups:
  - name: disks
    rules:
      - alert: DiskAlmostFull
        expr: disk_used_ratio > 0.9
        for: 2s
        labels: {severity: page}
        annotations:
          summary: "{{ $labels.mount }} is {{ $value | humanizePercentage }} full"
          site: "{{ $externalLabels.site }}"
`,
    );
    const config = (am: string) => {
      const file = join(dir.path, `${am === sides.prom.addr ? 'prom' : 'desk'}.yml`);
      writeFileSync(
        file,
        `global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {site: lab}
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs: [{targets: ['${am}']}]
scrape_configs:
  - job_name: disks
    static_configs: [{targets: ['127.0.0.1:${exporter.port}']}]
`,
      );
      return file;
    };
    const flags = ['--rules.alert.resend-delay', '2s', '--web.external-url', EXTERNAL_URL];
    const pp = await freePort();
    const prom = startPeer(prometheus, [
      `--config.file=${config(sides.prom.addr)}`,
      `--storage.tsdb.path=${join(dir.path, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${pp}`,
      ...flags.map((f, i) => (i % 2 === 0 ? `${f}=${flags[i + 1]}` : '')).filter((f) => f !== ''),
    ]);
    cleanups.push(() => prom.stop());
    const serve = await startServeProcess(
      join(dir.path, 'desk-data'),
      config(sides.desk.addr),
      undefined,
      flags,
    );
    cleanups.push(() => serve.stop());
    await waitHttp(`http://127.0.0.1:${pp}/-/ready`).catch((err: Error) => {
      throw new Error(`${err.message}\n${prom.output()}`);
    });

    // Prometheus finds its Alertmanagers a few seconds after start: the disk fills once both have.
    const discovered = async (base: string) => {
      const r = (await (await fetch(`${base}/api/v1/alertmanagers`)).json()) as {
        data: { activeAlertmanagers: unknown[] };
      };
      return r.data.activeAlertmanagers.length === 1;
    };
    await until(
      'both to discover their Alertmanager',
      async () => (await discovered(`http://127.0.0.1:${pp}`)) && (await discovered(serve.base)),
    );
    exporter.set({ kind: 'body', body: 'disk_used_ratio{mount="/srv"} 0.95\n' });
    const firing = (p: Post) => p.alerts.some((a) => Date.parse(String(a.endsAt)) > p.atMs);
    await until('two firing posts on each side', () =>
      Object.values(sides).every((s) => s.posts.filter(firing).length >= 2),
    );
    exporter.set({ kind: 'body', body: 'disk_used_ratio{mount="/srv"} 0.5\n' });
    const resolved = (p: Post) => p.alerts.some((a) => Date.parse(String(a.endsAt)) <= p.atMs);
    await until('the resolved post on each side', () =>
      Object.values(sides).every((s) => s.posts.some(resolved)),
    );

    const view = (s: { posts: Post[] }) => {
      const [first, again] = s.posts.filter(firing);
      const done = s.posts.find(resolved)!;
      const a = first.alerts[0];
      return {
        contentType: first.contentType,
        alertsPerPost: first.alerts.length,
        fields: Object.keys(a),
        labels: a.labels,
        annotations: a.annotations,
        generatorURL: a.generatorURL,
        timeFormat: [a.startsAt, a.endsAt, done.alerts[0].endsAt].map((v) => ISO_MS.test(String(v))),
        // Sent when it fires: valid for 4 x max(resend delay 2s, interval 1s).
        endsAfterStartMs: Date.parse(String(a.endsAt)) - Date.parse(String(a.startsAt)),
        resentWithSameStart: again.alerts[0].startsAt === a.startsAt,
        resolvedWithSameStart: done.alerts[0].startsAt === a.startsAt,
        resolvedLabels: done.alerts[0].labels,
      };
    };
    const want = view(sides.prom);
    const got = view(sides.desk);
    assert.deepEqual(got, want);
    // What they agree on is what it should be.
    assert.deepEqual(want.labels, {
      alertname: 'DiskAlmostFull',
      instance: `127.0.0.1:${exporter.port}`,
      job: 'disks',
      mount: '/srv',
      severity: 'page',
      site: 'lab',
    });
    assert.equal(want.endsAfterStartMs, 8000);
    assert.equal(want.generatorURL, `${EXTERNAL_URL}/graph?g0.expr=disk_used_ratio+%3E+0.9&g0.tab=1`);
  },
);
