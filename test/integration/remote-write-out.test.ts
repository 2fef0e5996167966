// Promdesk's remote_write sender against Debian's Prometheus (--web.enable-remote-write-receiver)
// and Debian's VictoriaMetrics: scraped samples arrive; the receiver then goes down while
// Promdesk keeps scraping, comes back on the same data dir, and every sample scraped meanwhile
// arrives from the disk queue (the 30 s outage for VictoriaMetrics, 10 s for Prometheus).
// A sample pushed to `promdesk serve`'s Pushgateway endpoint is forwarded to VictoriaMetrics too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { startServe } from '../../electron/serve';
import { renderSelfMetrics } from '../../electron/engine/http/self-metrics';
import { freePort, startPeer, waitHttp, which, type Peer } from '../helpers/peers';
import { startExporter } from '../helpers/exporter';
import { tempDir } from '../helpers/tmp';

interface Receiver {
  name: string;
  bin: string;
  outageMs: number;
  args(port: number, dataDir: string, configFile: string): string[];
  readyPath: string;
}

const RECEIVERS: Receiver[] = [
  {
    name: 'Prometheus',
    bin: 'prometheus',
    outageMs: 10_000,
    args: (port, dataDir, configFile) => [
      '--web.enable-remote-write-receiver',
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${dataDir}`,
      `--config.file=${configFile}`,
    ],
    readyPath: '/-/ready',
  },
  {
    name: 'VictoriaMetrics',
    bin: 'victoria-metrics',
    outageMs: 30_000,
    // latencyOffset 0: answer queries up to now (the default hides the last 30 s).
    args: (port, dataDir) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${dataDir}`,
      '-search.latencyOffset=0s',
      '-search.disableCache',
    ],
    readyPath: '/health',
  },
];

async function promCount(base: string, q: string, timeSec: number): Promise<number> {
  const u = new URL('/api/v1/query', base);
  u.searchParams.set('query', q);
  u.searchParams.set('time', String(timeSec));
  const body = (await (await fetch(u)).json()) as { data?: { result: { value: [number, string] }[] } };
  const r = body.data?.result ?? [];
  return r.length === 0 ? 0 : Number(r[0].value[1]);
}

async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function engineCount(engine: Engine, q: string, timeMs: number): number {
  const r = engine.queryInstant({ query: q, timeMs });
  return r.series.length === 0 ? 0 : r.series[0].values[0];
}

for (const rx of RECEIVERS) {
  test(
    `remote_write to ${rx.name} survives a ${rx.outageMs / 1000} s receiver outage with nothing lost`,
    { timeout: 120_000 },
    async (t) => {
      const prom = which(rx.bin);
      if (!prom) return t.skip(`${rx.bin} is not installed (apt-get install ${rx.bin})`);
      const dir = tempDir();
      const port = await freePort();
      const promBase = `http://127.0.0.1:${port}`;
      const promConfig = join(dir.path, 'prom.yml');
      writeFileSync(promConfig, 'scrape_configs: []\n');
      const promArgs = rx.args(port, join(dir.path, 'rx-data'), promConfig);
      let peer: Peer = startPeer(prom, promArgs);
      let n = 0;
      const exporter = await startExporter(() => ({
        kind: 'body',
        body: `rwout_counter ${++n}\ngo_dropme 1\n`,
      }));
      const config = join(dir.path, 'promdesk.yml');
      writeFileSync(
        config,
        `scrape_configs:
  - job_name: rwout
    scrape_interval: 1s
    static_configs: [{ targets: ['127.0.0.1:${exporter.port}'] }]
remote_write:
  - url: ${promBase}/api/v1/write
    write_relabel_configs: [{ action: drop, source_labels: [__name__], regex: 'go_.*' }]
    queue_config: { batch_send_deadline: 200ms, min_backoff: 100ms, max_backoff: 1s }
`,
      );
      const logs: string[] = [];
      let engine: Engine | null = null;
      try {
        await waitHttp(`${promBase}${rx.readyPath}`);
        engine = new Engine({
          dataDir: join(dir.path, 'data'),
          configFile: config,
          mode: 'serve',
          log: (m) => logs.push(m),
        });
        const e = engine;
        const now = () => Date.now() / 1000;
        await until(
          `first samples in ${rx.name}`,
          async () => (await promCount(promBase, 'count_over_time(rwout_counter[10m])', now())) >= 2,
        );

        await peer.stop();
        const scrapesBefore = n;
        await sleep(rx.outageMs);
        const scrapedInOutage = n - scrapesBefore;
        assert.ok(scrapedInOutage >= rx.outageMs / 1000 - 3, `scraped ${scrapedInOutage} during the outage`);
        assert.ok(e.remoteWriteOut.senders[0].queue.stats.samples > 0, 'samples queued during the outage');
        peer = startPeer(prom, promArgs);
        await waitHttp(`${promBase}${rx.readyPath}`);

        const [target] = e.listTargets();
        await e.setTargetPaused(target.id, true);
        const sender = e.remoteWriteOut.senders[0];
        await until('queue drained', () => sender.queue.stats.samples === 0);
        const at = Date.now();
        const q = 'count_over_time(rwout_counter[10m])';
        const local = engineCount(e, q, at);
        assert.ok(local >= scrapedInOutage + 2);
        await until(
          `${rx.name} has every sample`,
          async () => (await promCount(promBase, q, at / 1000)) === local,
          10_000,
        ).catch(async (err: Error) => {
          throw new Error(
            `${err.message}: Promdesk ${local}, ${rx.name} ${await promCount(promBase, q, at / 1000)}`,
          );
        });
        assert.equal(
          await promCount(promBase, 'count_over_time(go_dropme[10m])', at / 1000),
          0,
          'dropped by write relabeling',
        );
        assert.ok(sender.metrics.samplesRetried > 0);
        assert.equal(sender.metrics.samplesFailed + sender.metrics.samplesDropped, 0);
        const metrics = renderSelfMetrics(e, {
          requests: new Map(),
        });
        assert.match(metrics, /promdesk_remote_write_samples_sent_total\{url="[^"]+"\} [1-9]/);
      } finally {
        await engine?.close();
        await peer.stop();
        await exporter.close();
        dir.remove();
      }
    },
  );
}

test(
  'a sample pushed to the Pushgateway endpoint is forwarded to VictoriaMetrics',
  { timeout: 60_000 },
  async (t) => {
    const vmBin = which('victoria-metrics');
    if (!vmBin) return t.skip('victoria-metrics is not installed (apt-get install victoria-metrics)');
    const dir = tempDir();
    const port = await freePort();
    const vmBase = `http://127.0.0.1:${port}`;
    const vm = startPeer(vmBin, RECEIVERS[1].args(port, join(dir.path, 'vm'), ''));
    const config = join(dir.path, 'promdesk.yml');
    writeFileSync(
      config,
      `remote_write:
  - url: ${vmBase}/api/v1/write
    queue_config: { batch_send_deadline: 200ms }
`,
    );
    let serve: Awaited<ReturnType<typeof startServe>> | null = null;
    try {
      await waitHttp(`${vmBase}/health`);
      serve = await startServe({
        host: '127.0.0.1',
        port: 0,
        dataDir: join(dir.path, 'data'),
        configFile: config,
        rendererDir: join(process.cwd(), 'dist', 'renderer'),
        token: null,
      });
      const r = await fetch(`http://127.0.0.1:${serve.port}/metrics/job/backup/instance/nas`, {
        method: 'PUT',
        body: 'backup_last_success_seconds 1700000000\n',
      });
      assert.equal(r.status, 200, await r.text());
      await until('the pushed sample in VictoriaMetrics', async () => {
        const u = new URL('/api/v1/query', vmBase);
        u.searchParams.set('query', 'backup_last_success_seconds{job="backup",instance="nas"}');
        const body = (await (await fetch(u)).json()) as { data?: { result: { value: [number, string] }[] } };
        return body.data?.result[0]?.value[1] === '1700000000';
      });
    } finally {
      await serve?.stop();
      await vm.stop();
      dir.remove();
    }
  },
);
