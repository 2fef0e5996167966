// Ingest while scraping, side by side with Debian's Prometheus and VictoriaMetrics in the same run: N targets ×
// M series scraped every second, for a fixed time; prints CPU seconds per million samples
// (user + system of the server process, read from /proc) and RSS for each.
//   node --import tsx bench/ingest.bench.ts [--targets 50] [--series 1000] [--seconds 30] [--warmup 15]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startPeer, waitHttp, which } from '../test/helpers/peers';
import { tempDir } from '../test/helpers/tmp';

const { values } = parseArgs({
  options: {
    targets: { type: 'string', default: '50' },
    series: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '15' },
  },
});
const TARGETS = Number(values.targets);
const SERIES = Number(values.series);
const SECONDS = Number(values.seconds);
const WARMUP_S = Number(values.warmup);
const CLK_TCK = 100;

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** The exporters run in their own process so their CPU is not counted for either server. */
function startExporters(port0: number): ChildProcess {
  const code = `
    const http = require('http');
    const [port0, targets, series] = process.argv.slice(1).map(Number);
    for (let t = 0; t < targets; t++) {
      let n = 0;
      http.createServer((q, r) => {
        n++;
        let s = '# HELP bench_requests_total Requests.\\n# TYPE bench_requests_total counter\\n';
        for (let i = 0; i < series / 2; i++) s += 'bench_requests_total{path="/p' + i + '",code="200"} ' + (n * (i % 7 + 1)) + '\\n';
        s += '# HELP bench_temperature Gauge.\\n# TYPE bench_temperature gauge\\n';
        for (let i = 0; i < series / 2; i++) s += 'bench_temperature{sensor="s' + i + '"} ' + (20 + Math.sin(n / 10 + i)).toFixed(3) + '\\n';
        r.end(s);
      }).listen(port0 + t, '127.0.0.1');
    }`;
  return spawn(process.execPath, ['-e', code, String(port0), String(TARGETS), String(SERIES)], {
    stdio: 'inherit',
  });
}

function config(port0: number): string {
  const targets = Array.from({ length: TARGETS }, (_, i) => `"127.0.0.1:${port0 + i}"`).join(', ');
  return `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: bench\n    static_configs:\n      - targets: [${targets}]\n`;
}

interface Result {
  name: string;
  samples: number;
  cpu: number;
  rss: number;
  /** p99 and max event-loop delay of Promdesk's HTTP thread during the run, in ms. */
  lag?: [number, number];
}

async function measure(
  name: string,
  pid: number,
  metricsUrl: string,
  samplesMetric: string,
): Promise<Result> {
  // Skip the start-up (first scrapes create every series, the JIT compiles the hot paths),
  // then measure a steady window.
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  const s0 = await metric(metricsUrl, samplesMetric);
  const c0 = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const s1 = await metric(metricsUrl, samplesMetric);
  const c1 = cpuSeconds(pid);
  return { name, samples: s1 - s0, cpu: c1 - c0, rss: rssMiB(pid) };
}

async function main(): Promise<void> {
  const dir = tempDir('promdesk-bench-');
  const port0 = 20000 + Math.floor(Math.random() * 20000);
  const exporters = startExporters(port0);
  const cfg = join(dir.path, 'prometheus.yml');
  writeFileSync(cfg, config(port0));
  const results: Result[] = [];
  try {
    await waitHttp(`http://127.0.0.1:${port0 + TARGETS - 1}/metrics`);
    console.log(
      `${TARGETS} targets × ${SERIES} series at 1 s, ${SECONDS} s measured after ${WARMUP_S} s warm-up`,
    );

    const pp = await freePort();
    const pd = startPeer(process.execPath, [
      join(process.cwd(), 'bin', 'promdesk.mjs'),
      'serve',
      '--config',
      cfg,
      '--data',
      join(dir.path, 'promdesk'),
      '--listen',
      `127.0.0.1:${pp}`,
    ]);
    try {
      await waitHttp(`http://127.0.0.1:${pp}/-/ready`);
      const metricsUrl = `http://127.0.0.1:${pp}/metrics`;
      const r = await measure('Promdesk', pd.proc.pid!, metricsUrl, 'promdesk_store_samples_appended_total');
      const lag = (q: string) =>
        metric(metricsUrl, `promdesk_http_event_loop_lag_seconds\\{quantile="${q}"\\}`);
      r.lag = [(await lag('0.99')) * 1000, (await lag('1')) * 1000];
      results.push(r);
    } finally {
      await pd.stop();
    }

    const prometheus = which('prometheus');
    if (prometheus) {
      const port = await freePort();
      const prom = startPeer(prometheus, [
        `--config.file=${cfg}`,
        `--storage.tsdb.path=${join(dir.path, 'prom')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ]);
      try {
        await waitHttp(`http://127.0.0.1:${port}/-/ready`);
        // Prometheus starts scraping ~5 s after it is ready.
        await new Promise((r) => setTimeout(r, 5000));
        results.push(
          await measure(
            'Prometheus 2.42',
            prom.proc.pid!,
            `http://127.0.0.1:${port}/metrics`,
            'prometheus_tsdb_head_samples_appended_total',
          ),
        );
      } finally {
        await prom.stop();
      }
    } else {
      console.log('prometheus is not installed: no peer figures (apt-get install prometheus)');
    }

    const vm = which('victoria-metrics');
    if (vm) {
      const port = await freePort();
      const peer = startPeer(vm, [
        `-promscrape.config=${cfg}`,
        `-storageDataPath=${join(dir.path, 'vm')}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-retentionPeriod=1d',
      ]);
      try {
        await waitHttp(`http://127.0.0.1:${port}/health`);
        results.push(
          await measure(
            'VictoriaMetrics',
            peer.proc.pid!,
            `http://127.0.0.1:${port}/metrics`,
            'vm_rows_added_to_storage_total',
          ),
        );
      } finally {
        await peer.stop();
      }
    } else {
      console.log('victoria-metrics is not installed: no figures for it (apt-get install victoria-metrics)');
    }
  } finally {
    exporters.kill();
    dir.remove();
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\n${pad('', 18)}${pad('samples', 12)}${pad('CPU s', 10)}${pad('CPU s / M samples', 20)}RSS MiB`,
  );
  for (const r of results) {
    const perM = r.cpu / (r.samples / 1e6);
    console.log(
      `${pad(r.name, 18)}${pad(String(r.samples), 12)}${pad(r.cpu.toFixed(2), 10)}${pad(perM.toFixed(2), 20)}${r.rss.toFixed(0)}`,
    );
  }
  const lag = results[0]?.lag;
  if (lag)
    console.log(
      `Promdesk HTTP thread event-loop lag under this ingest: p99 ${lag[0].toFixed(1)} ms, max ${lag[1].toFixed(1)} ms`,
    );
  const perM = (r: Result) => r.cpu / (r.samples / 1e6);
  for (const peer of results.slice(1)) {
    console.log(
      `ratio Promdesk / ${peer.name}: ${(perM(results[0]) / perM(peer)).toFixed(2)}× CPU per sample, ` +
        `${(results[0].rss / peer.rss).toFixed(2)}× RSS`,
    );
  }
}

await main();
