// Debian's Prometheus 2.42 and `promdesk serve` side by side on one prometheus.yml whose jobs use
// relabel_configs and metric_relabel_configs, file_sd and http_sd (every action, the blackbox pattern with a small
// prober, dropped targets, targets left unusable, the quirks of 2.42). Per job, the active
// targets (labels, scrape URL, health), the number of dropped targets and the stored series
// (scrape_* aside) must be the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServe } from '../../electron/serve';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const BODY = `# TYPE http_requests_total counter
http_requests_total{code="200",method="GET"} 10
http_requests_total{code="500",method="GET"} 1
http_requests_total{code="404",method="POST"} 2
# TYPE node_cpu_seconds_total counter
node_cpu_seconds_total{cpu="0",mode="idle"} 100
node_cpu_seconds_total{cpu="0",mode="user"} 5
# TYPE app_info gauge
app_info{version="1.2.3",Env="Prod",id="/kubepods/abc123",street="Hauptstraße"} 1
# TYPE lat_seconds histogram
lat_seconds_bucket{le="0.1"} 1
lat_seconds_bucket{le="+Inf"} 2
lat_seconds_sum 0.3
lat_seconds_count 2
`;

/** Scrape configs; EXP is the exporter's host:port, PROBER the prober's. */
const JOBS = `
- job_name: blackbox
  metrics_path: /probe
  params: {module: [http_2xx]}
  static_configs:
    - targets: [http://localhost, https://localhost, "http://localhost:8080/healthz", "http://127.0.0.1:9000/s?x=1&y=a%20b"]
  relabel_configs:
    - {source_labels: [__address__], target_label: __param_target}
    - {source_labels: [__param_target], target_label: instance}
    - {target_label: __address__, replacement: PROBER}
- job_name: url-left-in-address
  static_configs:
    - targets: [http://localhost:9100/metrics, EXP]
  relabel_configs:
    - {target_label: team, replacement: web}
- job_name: equal
  static_configs:
    - targets: [EXP]
      labels: {a: x, b: x}
    - targets: [EXP]
      labels: {a: x, b: y, c: one}
    - targets: [EXP]
      labels: {c: two}
    - targets: [EXP]
      labels: {a: z, b: z, c: three, d: same, e: same}
    - targets: [EXP]
      labels: {a: x, b: x, c: four, d: p}
  relabel_configs:
    - {action: keepequal, source_labels: [a], target_label: b}
    - {action: dropequal, source_labels: [d], target_label: e}
    - {target_label: __address__, replacement: EXP}
- job_name: replace-quirks
  static_configs:
    - targets: [EXP]
      labels: {host: web-01.eu.example, empty_me: gone, keep_me: kept, __meta_role: front, __tmp_x: t, multi: "a\\nb"}
  relabel_configs:
    - {source_labels: [host], regex: '([a-z]+)-([0-9]+)\\..*', target_label: joined, replacement: '$1_$2'}
    - {source_labels: [host], regex: '([a-z]+)-([0-9]+)\\..*', target_label: braced, replacement: '\${1}_\${2}'}
    - {source_labels: [host], regex: '(?P<name>[a-z]+)-.*', target_label: named, replacement: '\${name}$$'}
    - {source_labels: [host], regex: '([a-z]+)-.*', target_label: 'dyn_\${1}', replacement: yes}
    - {source_labels: [host], regex: '(nomatch)', target_label: keep_me, replacement: never}
    - {source_labels: [no_such], target_label: empty_me}
    - {source_labels: [host], regex: '(.*)', target_label: '\${1}', replacement: x}
    - {source_labels: [host], regex: '(?i)WEB-.*', target_label: ci, replacement: matched}
    - {source_labels: [host], regex: '[[:alpha:]]+-[[:digit:]]+.*', target_label: posix, replacement: ok}
    - {source_labels: [host, __meta_role], separator: '|', target_label: both}
    - {source_labels: [__meta_role], target_label: role}
    - {source_labels: [__tmp_x], target_label: from_tmp}
    - {source_labels: [host], regex: 'web.*', target_label: whole, replacement: '$0'}
    - {source_labels: [multi], regex: 'a.b', target_label: dotall, replacement: 'yes'}
    - {source_labels: [multi], target_label: multi_copy}
    - {target_label: null_sep, source_labels: [host, keep_me], separator: ~}
    - {source_labels: [host], target_label: keep_me, replacement: ~}
    - {source_labels: [multi], regex: '(?s)(.*)', target_label: multi_s}
- job_name: interval
  scrape_interval: 2s
  scrape_timeout: 1s
  static_configs:
    - targets: [EXP]
      labels: {speed: fast}
    - targets: [EXP]
      labels: {speed: broken}
    - targets: [EXP]
      labels: {speed: unparsable}
  relabel_configs:
    - {source_labels: [speed], regex: fast, target_label: __scrape_interval__, replacement: 1s}
    - {source_labels: [speed], regex: broken, target_label: __scrape_timeout__, replacement: 5s}
    - {source_labels: [speed], regex: unparsable, target_label: __scrape_interval__, replacement: soon}
- job_name: params
  metrics_path: /custom
  params: {module: [a, b], other: [o]}
  static_configs:
    - targets: [EXP]
      labels: {which: override}
    - targets: [EXP]
      labels: {which: delete}
  relabel_configs:
    - {source_labels: [which], regex: override, target_label: __param_module, replacement: z}
    - {source_labels: [which], regex: delete, target_label: __param_module, replacement: ''}
    - {target_label: __param_extra, replacement: 'e f&g'}
    - {source_labels: [which], regex: delete, target_label: __metrics_path__, replacement: /other/path}
- job_name: ports
  static_configs:
    - targets: [localhost, '[::1]', 127.0.0.1:1]
  relabel_configs:
    - {source_labels: [__address__], regex: '127.*', action: drop}
- job_name: hashmod
  static_configs:
    - targets: [127.0.0.1:9101, 127.0.0.1:9102, 127.0.0.1:9103, 127.0.0.1:9104, 127.0.0.1:9105, 127.0.0.1:9106]
  relabel_configs:
    - {source_labels: [__address__], target_label: __tmp_shard, modulus: 2, action: hashmod}
    - {source_labels: [__tmp_shard], regex: '1', action: keep}
    - {source_labels: [__address__], target_label: bucket, modulus: 18446744073709551615, action: hashmod}
    - {source_labels: [__address__], target_label: instance}
    - {target_label: __address__, replacement: EXP}
- job_name: label-ops
  static_configs:
    - targets: [EXP]
      labels: {__meta_tag_Owner: ann, __meta_tag_cost: c1, Team: Payments, zone: ZoneA, tmp_a: '1', Street: Hauptstraße}
  relabel_configs:
    - {action: labelmap, regex: '__meta_tag_(.+)', replacement: 'tag_$1'}
    - {action: lowercase, source_labels: [Team], target_label: team}
    - {action: uppercase, source_labels: [Street, zone], separator: '-', target_label: street_zone}
    - {action: lowercase, source_labels: [missing], target_label: zone}
    - {action: labeldrop, regex: 'tmp_.*|Team|Street'}
    - {action: labelkeep, regex: '__.*|job|instance|tag_.*|team|street_zone'}
- job_name: job-rewrite
  static_configs:
    - targets: [EXP, EXP]
      labels: {empty: ''}
  relabel_configs:
    - {target_label: job, replacement: renamed}
- job_name: all-dropped
  static_configs:
    - targets: [EXP, 127.0.0.1:2, 127.0.0.1:3]
  relabel_configs:
    - {source_labels: [job], regex: 'all-.*', action: drop}
- job_name: metric-relabel
  static_configs:
    - targets: [EXP]
  metric_relabel_configs:
    - {source_labels: [__name__], regex: 'node_cpu_.*', action: drop}
    - {source_labels: [__name__, code], regex: 'http_requests_total;(2|5)..|lat_.*;|app_info;|fixture_.*;', action: keep}
    - {source_labels: [le], regex: '0\\.1', action: drop}
    - {source_labels: [id], regex: '/kubepods/([a-z0-9]+)', target_label: pod}
    - {action: labeldrop, regex: id}
    - {action: lowercase, source_labels: [Env], target_label: env}
    - {action: uppercase, source_labels: [street], target_label: street}
    - {action: labelmap, regex: '(method)', replacement: 'http_$1'}
    - {source_labels: [code], target_label: code_shard, modulus: 7, action: hashmod}
    - {source_labels: [__name__], regex: 'fixture_param', action: drop}
- job_name: metric-equal
  static_configs:
    - targets: [EXP]
  metric_relabel_configs:
    - {source_labels: [cpu], target_label: code, action: dropequal}
    - {source_labels: [__name__], regex: 'app_info|node_cpu_.*', action: keep}
- job_name: metric-no-name
  static_configs:
    - targets: [EXP]
  metric_relabel_configs:
    - {source_labels: [__name__], regex: app_info, target_label: __name__, replacement: ''}
- job_name: metric-tmp-and-honor
  honor_labels: true
  scheme: https
  metrics_path: /m?x=1 y
  static_configs:
    - targets: [EXP]
      labels: {instance: mine, code: from-target}
  relabel_configs:
    - {target_label: __scheme__, replacement: http}
  metric_relabel_configs:
    - {source_labels: [code], target_label: __tmp_code}
    - {source_labels: [__name__], regex: 'http_.*|fixture_request', action: keep}
    - {source_labels: [__name__], regex: 'http_(.*)', target_label: __name__, replacement: 'renamed_$1'}
- job_name: kubernetes-pods-style
  static_configs:
    - targets: ['10.0.0.5:9999']
      labels:
        __meta_kubernetes_pod_annotation_prometheus_io_scrape: 'true'
        __meta_kubernetes_pod_annotation_prometheus_io_path: /custom/metrics
        __meta_kubernetes_pod_annotation_prometheus_io_port: 'EXP_PORT'
        __meta_kubernetes_namespace: shop
        __meta_kubernetes_pod_name: cart-7d9f
        __meta_kubernetes_pod_label_app_kubernetes_io_name: cart
        __meta_kubernetes_pod_label_tier: backend
    - targets: ['10.0.0.6:9999']
      labels: {__meta_kubernetes_pod_annotation_prometheus_io_scrape: 'false'}
  relabel_configs:
    - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: true}
    - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path], action: replace, target_label: __metrics_path__, regex: (.+)}
    - {source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port], action: replace, regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '127.0.0.1:$2', target_label: __address__}
    - {action: labelmap, regex: __meta_kubernetes_pod_label_(.+)}
    - {source_labels: [__meta_kubernetes_namespace], action: replace, target_label: kubernetes_namespace}
    - {source_labels: [__meta_kubernetes_pod_name], action: replace, target_label: kubernetes_pod_name}
    - {source_labels: [__address__], regex: '(.*):\\d+', target_label: instance, replacement: '$1'}
  metric_relabel_configs:
    - {action: labelkeep, regex: '__name__|job|tier'}
    - {source_labels: [__name__], regex: 'http_requests_total|fixture_.*', action: keep}
- job_name: file-sd
  file_sd_configs:
    - files: [sd/*.json, sd/*.yml]
  relabel_configs:
    - {source_labels: [__meta_filepath], regex: '.*/([^/]+)', target_label: sd_file}
    - {source_labels: [disabled], regex: 'true', action: drop}
- job_name: http-sd
  http_sd_configs:
    - url: SD_URL/groups
  relabel_configs:
    - {source_labels: [__meta_url], target_label: sd_url}
    - {source_labels: [__meta_url], regex: '.*/(\\w+)', target_label: __metrics_path__, replacement: /m/$1}
- job_name: metric-all-labels-gone
  static_configs:
    - targets: [EXP]
  metric_relabel_configs:
    - {action: labelkeep, regex: nothing}
`;

interface Side {
  active: Map<string, string[]>;
  dropped: Map<string, number>;
  series: Map<string, Set<string>>;
}

const fmt = (l: Record<string, string>) =>
  JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Query keys in order and decoded, so that only what is asked for is compared. */
function normUrl(s: string): string {
  const u = new URL(s);
  const q = [...u.searchParams].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${u.protocol}//${u.host}${u.pathname} ${JSON.stringify(q)}`;
}

async function read(base: string, jobs: Map<string, string>): Promise<Side> {
  const get = async (path: string) => {
    const r = await fetch(base + path);
    const j = (await r.json()) as { status: string; data: unknown };
    assert.equal(j.status, 'success', `${base}${path}`);
    return j.data;
  };
  type T = { scrapePool: string; labels: Record<string, string>; scrapeUrl: string; health: string };
  const t = (await get('/api/v1/targets')) as {
    activeTargets: T[];
    droppedTargets: { discoveredLabels: Record<string, string> }[];
  };
  const side: Side = { active: new Map(), dropped: new Map(), series: new Map() };
  for (const a of t.activeTargets) {
    const list = side.active.get(a.scrapePool) ?? [];
    list.push(`${fmt(a.labels)} ${normUrl(a.scrapeUrl)} ${a.health}`);
    side.active.set(a.scrapePool, list.sort());
  }
  for (const d of t.droppedTargets) {
    const job = d.discoveredLabels.job;
    side.dropped.set(job, (side.dropped.get(job) ?? 0) + 1);
  }
  const series = (await get(`/api/v1/series?match[]=${encodeURIComponent('{__name__=~".+"}')}`)) as Record<
    string,
    string
  >[];
  for (const s of series) {
    if (s.__name__.startsWith('scrape_')) continue;
    const pool = jobs.get(s.job) ?? s.job;
    const set = side.series.get(pool) ?? new Set();
    set.add(fmt(s));
    side.series.set(pool, set);
  }
  return side;
}

test(
  'relabel_configs and metric_relabel_configs give what Prometheus 2.42 gives, job by job',
  { timeout: 120_000 },
  async (t) => {
    const prometheus = which('prometheus');
    if (!prometheus) {
      t.skip('Debian prometheus is not installed (apt-get install prometheus)');
      return;
    }
    const servers: http.Server[] = [];
    const listen = async (handler: http.RequestListener) => {
      const s = http.createServer(handler);
      servers.push(s);
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return `127.0.0.1:${(s.address() as AddressInfo).port}`;
    };
    const echo = (u: URL) =>
      `# TYPE fixture_request gauge\nfixture_request{path=${JSON.stringify(u.pathname)}} 1\n` +
      [...u.searchParams]
        .map(
          ([k, v], i) => `fixture_param{idx="${i}",name=${JSON.stringify(k)},value=${JSON.stringify(v)}} 1\n`,
        )
        .join('');
    const text = { 'Content-Type': 'text/plain; version=0.0.4' };
    const exp = await listen((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      res.writeHead(200, text).end(BODY + echo(u));
    });
    // A small blackbox prober: /probe?target=T answers with what it was asked.
    const prober = await listen((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname !== '/probe' || !u.searchParams.get('target')) return void res.writeHead(400).end();
      res.writeHead(200, text).end(`# TYPE probe_success gauge\nprobe_success 1\n${echo(u)}`);
    });
    // An http_sd endpoint, and file_sd files (JSON and YAML) beside the config.
    const sd = await listen((req, res) => {
      if (req.url !== '/groups') return void res.writeHead(404).end();
      const groups = [
        { targets: [exp], labels: { dc: 'x' } },
        { targets: [`localhost:${exp.split(':')[1]}`] },
      ];
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(groups));
    });
    const dir = tempDir();
    mkdirSync(join(dir.path, 'sd'));
    writeFileSync(
      join(dir.path, 'sd', 'web.json'),
      JSON.stringify([
        { targets: [exp], labels: { team: 'web' } },
        { targets: ['127.0.0.1:5'], labels: { team: 'web', disabled: 'true' } },
      ]),
    );
    writeFileSync(join(dir.path, 'sd', 'db.yml'), `- targets: ['${exp}']\n  labels: {team: db}\n`);
    const scrape = JOBS.replaceAll('EXP_PORT', exp.split(':')[1])
      .replaceAll('EXP', exp)
      .replaceAll('PROBER', prober)
      .replaceAll('SD_URL', `http://${sd}`);
    const configFile = join(dir.path, 'prometheus.yml');
    const indented = scrape.replace(/^(?=.)/gm, '  ');
    writeFileSync(
      configFile,
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${indented}`,
    );
    const pools = [...scrape.matchAll(/^- job_name: (\S+)/gm)].map((m) => m[1]);
    const pp = await freePort();
    const prom = startPeer(prometheus, [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir.path, 'prom')}`,
      `--web.listen-address=127.0.0.1:${pp}`,
    ]);
    const pd = await startServe({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'promdesk'),
      configFile,
      rendererDir: join(dir.path, 'none'),
      token: null,
    });
    try {
      await waitHttp(`http://127.0.0.1:${pp}/-/ready`);
      const promBase = `http://127.0.0.1:${pp}`;
      const pdBase = `http://127.0.0.1:${pd.port}`;
      const jobs = new Map([['renamed', 'job-rewrite']]);
      // Prometheus applies discovered targets 5 s after start: wait until it has, and every
      // target of both has been scraped (no "unknown"), then a few scrapes more.
      const settled = async (base: string) => {
        const r = await fetch(`${base}/api/v1/targets`);
        const d = ((await r.json()) as { data: { activeTargets: { health: string }[] } }).data;
        return d.activeTargets.length > 0 && d.activeTargets.every((a) => a.health !== 'unknown');
      };
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && !((await settled(promBase)) && (await settled(pdBase)))) {
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 3000));
      const [want, got] = await Promise.all([read(promBase, jobs), read(pdBase, jobs)]);
      const failures: string[] = [];
      for (const pool of pools) {
        const diff = (what: string, w: unknown, g: unknown) => {
          try {
            assert.deepEqual(g, w);
          } catch {
            failures.push(
              `${pool} ${what}:\n  Prometheus ${JSON.stringify(w)}\n  Promdesk   ${JSON.stringify(g)}`,
            );
          }
        };
        diff('active targets', want.active.get(pool) ?? [], got.active.get(pool) ?? []);
        diff('dropped targets', want.dropped.get(pool) ?? 0, got.dropped.get(pool) ?? 0);
        diff('series', [...(want.series.get(pool) ?? [])].sort(), [...(got.series.get(pool) ?? [])].sort());
      }
      assert.deepEqual(failures, [], failures.join('\n'));
      // The cases are not empty on Prometheus's side either.
      assert.equal(want.dropped.get('all-dropped'), 3);
      assert.equal(want.active.get('file-sd')?.length, 2);
      assert.equal(want.dropped.get('file-sd'), 1);
      assert.equal(want.active.get('http-sd')?.length, 2);
      assert.equal(want.active.get('blackbox')?.length, 4);
      assert.equal(want.active.get('kubernetes-pods-style')?.length, 1);
      assert.equal(want.dropped.get('kubernetes-pods-style'), 1);
      assert.ok((want.series.get('metric-relabel')?.size ?? 0) > 5);
      // The state and scrapePool filters of /api/v1/targets answer alike.
      for (const q of ['state=dropped', 'state=active&scrapePool=blackbox', 'scrapePool=all-dropped']) {
        const counts = await Promise.all(
          [promBase, pdBase].map(async (base) => {
            const r = await fetch(`${base}/api/v1/targets?${q}`);
            const d = ((await r.json()) as { data: { activeTargets: unknown[]; droppedTargets: unknown[] } })
              .data;
            return [d.activeTargets.length, d.droppedTargets.length];
          }),
        );
        assert.deepEqual(counts[1], counts[0], q);
      }
      const tmp = [...(want.series.get('metric-tmp-and-honor') ?? [])];
      assert.ok(
        tmp.some((x) => x.includes('"__tmp_code"') && x.includes('renamed_requests_total')),
        tmp.join('\n'),
      );
    } finally {
      await pd.stop();
      await prom.stop();
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      dir.remove();
    }
  },
);
