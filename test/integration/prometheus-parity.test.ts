// Debian's Prometheus 2.42 and `promdesk serve` scrape the same hand-made exposition bodies with
// the same prometheus.yml; what each ingests, read back through /api/v1/query, must be the same:
// same label sets, same values, same `up`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServe } from '../../electron/serve';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const BODIES: Record<string, string> = {
  escapes:
    [
      '# HELP esc_metric A help with \\\\ backslash and \\n newline.',
      '# TYPE esc_metric gauge',
      'esc_metric{a="quote\\"d",b="back\\\\slash",c="new\\nline",d="tab\\tstays"} 1',
      'esc_metric{a="utf8 ✓ ünïcødé"} 2',
      'esc_metric{a="trailing",} 3',
      '  esc_metric{a="spaces"}   4   ',
      'esc_metric{a="tabs"}\t5',
      '',
      '# just a comment',
      'esc_metric{} 6',
    ].join('\n') + '\n',
  specials:
    [
      'special{v="nan"} NaN',
      'special{v="pinf"} +Inf',
      'special{v="ninf"} -Inf',
      'special{v="inf"} Inf',
      'special{v="tiny"} 1e-300',
      'special{v="huge"} 1.7976931348623157e308',
      'special{v="negzero"} -0',
      'special{v="exp"} 1.5E+3',
      'special{v="int"} 123456789012345678',
      'special{v="frac"} .5',
      'special{v="plus"} +7',
    ].join('\n') + '\n',
  histogram:
    [
      '# HELP http_request_duration_seconds Request latency.',
      '# TYPE http_request_duration_seconds histogram',
      'http_request_duration_seconds_bucket{path="/",le="0.1"} 3',
      'http_request_duration_seconds_bucket{path="/",le="0.5"} 7',
      'http_request_duration_seconds_bucket{path="/",le="+Inf"} 9',
      'http_request_duration_seconds_sum{path="/"} 2.25',
      'http_request_duration_seconds_count{path="/"} 9',
      '# HELP rpc_seconds RPC latency.',
      '# TYPE rpc_seconds summary',
      'rpc_seconds{quantile="0.5"} 0.01',
      'rpc_seconds{quantile="0.99"} 0.2',
      'rpc_seconds_sum 12.5',
      'rpc_seconds_count 1000',
      '# TYPE untyped_thing untyped',
      'untyped_thing 42',
    ].join('\n') + '\n',
  clashes:
    [
      'clash{job="exposed_job",instance="exposed_instance"} 1',
      'clash2{exported_job="already",job="again"} 2',
      'clash3{room="from_target_too"} 3',
      'dup_series{x="1"} 10',
      'dup_series{x="1"} 20',
      'empty_label{a="",b="kept"} 5',
    ].join('\n') + '\n',
  malformed: 'good_before 1\nbad{a="1" 2\ngood_after 3\n',
  crlf: 'crlf_metric 1\r\ncrlf_metric2 2\r\n',
  badname: 'ok_metric 1\n0bad_name 2\n',
  badvalue: 'ok_metric 1\nvalue_metric abc\n',
  dupnames: 'dup_label{a="1",a="2"} 1\n',
};

test(
  'promdesk serve ingests what Prometheus 2.42 ingests from the same bodies',
  { timeout: 90_000 },
  async (t) => {
    const prometheus = which('prometheus');
    if (!prometheus) {
      t.skip('Debian prometheus is not installed (apt-get install prometheus)');
      return;
    }
    const exporter = http.createServer((req, res) => {
      const body = BODIES[(req.url ?? '').replace(/^\/|\/metrics$/g, '')];
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
    const ep = (exporter.address() as AddressInfo).port;
    const dir = tempDir();
    const jobs = Object.keys(BODIES);
    const yml = [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      ...jobs.flatMap((job) => [
        `  - job_name: ${job}`,
        `    metrics_path: /${job}/metrics`,
        '    static_configs:',
        `      - targets: ["127.0.0.1:${ep}"]`,
        ...(job === 'clashes' ? ['        labels:', '          room: attic'] : []),
      ]),
    ].join('\n');
    const configFile = join(dir.path, 'prometheus.yml');
    writeFileSync(configFile, yml + '\n');
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
      const query = async (base: string, q: string) => {
        const r = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`);
        const j = (await r.json()) as {
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        };
        return j.data.result
          .map((s) => `${JSON.stringify(Object.fromEntries(Object.entries(s.metric).sort()))} ${s.value[1]}`)
          .sort();
      };
      const promBase = `http://127.0.0.1:${pp}`;
      const pdBase = `http://127.0.0.1:${pd.port}`;
      // Prometheus starts scraping a few seconds after it is ready: wait until every job has
      // been scraped on both sides, then a few scrapes more.
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline) {
        const [a, b] = await Promise.all([query(promBase, 'up'), query(pdBase, 'up')]);
        if (a.length === jobs.length && b.length === jobs.length) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 3000));
      for (const job of jobs) {
        // Everything but scrape_duration_seconds, whose value is a measurement.
        const q = `{job="${job}",__name__!="scrape_duration_seconds"}`;
        const [want, got] = await Promise.all([query(promBase, q), query(pdBase, q)]);
        assert.ok(want.length > 0, `Prometheus stored nothing for ${job}: ${prom.output().slice(-500)}`);
        assert.deepEqual(got, want, `job ${job}`);
      }
      // And the health view agrees on which targets are down.
      const [wantUp, gotUp] = await Promise.all([query(promBase, 'up == 0'), query(pdBase, 'up == 0')]);
      assert.deepEqual(gotUp, wantUp);
      assert.ok(gotUp.length >= 4, 'the malformed bodies are down');
    } finally {
      await pd.stop();
      await prom.stop();
      await new Promise((r) => exporter.close(r));
      dir.remove();
    }
  },
);
