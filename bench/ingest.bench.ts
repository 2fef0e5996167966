// Ingest while scraping, side by side with Debian's Prometheus and VictoriaMetrics in the same run: N targets ×
// M series scraped every second, for a fixed time; prints CPU seconds per million samples
// (user + system of the server process, read from /proc) and RSS for each.
//   node --import tsx bench/ingest.bench.ts [--targets 50] [--series 1000] [--seconds 30] [--warmup 15]
//     [--rounds 1] [--together]
// This 2-core VM's speed drifts by ±20% over minutes, so one measurement each is a rough
// comparison. --rounds N measures each server N times, in a rotating order, and prints the
// median; --together runs all of them at once against the same exporters, so whatever slows
// the machine slows every server in the same window (each still has a core's share to spare).
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
    rounds: { type: 'string', default: '1' },
    together: { type: 'boolean', default: false },
  },
});
const TARGETS = Number(values.targets);
const SERIES = Number(values.series);
const SECONDS = Number(values.seconds);
const WARMUP_S = Number(values.warmup);
const ROUNDS = Math.max(1, Number(values.rounds));
const TOGETHER = values.together;
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

/** A server under test, started and ready to scrape. */
interface Running {
  name: string;
  pid: number;
  metricsUrl: string;
  samplesMetric: string;
  /** Extra figures read at the end of the window. */
  finish?: (r: Result) => Promise<void>;
  stop: () => Promise<void>;
}

interface Server {
  name: string;
  start: (dir: string, cfg: string) => Promise<Running>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const promdesk: Server = {
  name: 'Promdesk',
  async start(dir, cfg) {
    const port = await freePort();
    const peer = startPeer(process.execPath, [
      join(process.cwd(), 'bin', 'promdesk.mjs'),
      'serve',
      '--config',
      cfg,
      '--data',
      join(dir, 'promdesk'),
      '--listen',
      `127.0.0.1:${port}`,
    ]);
    await waitHttp(`http://127.0.0.1:${port}/-/ready`);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    return {
      name: this.name,
      pid: peer.proc.pid!,
      metricsUrl,
      samplesMetric: 'promdesk_store_samples_appended_total',
      async finish(r) {
        const lag = (q: string) =>
          metric(metricsUrl, `promdesk_http_event_loop_lag_seconds\\{quantile="${q}"\\}`);
        r.lag = [(await lag('0.99')) * 1000, (await lag('1')) * 1000];
      },
      stop: peer.stop,
    };
  },
};

function prometheusServer(bin: string): Server {
  return {
    name: 'Prometheus 2.42',
    async start(dir, cfg) {
      const port = await freePort();
      const peer = startPeer(bin, [
        `--config.file=${cfg}`,
        `--storage.tsdb.path=${join(dir, 'prom')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ]);
      await waitHttp(`http://127.0.0.1:${port}/-/ready`);
      // Prometheus starts scraping ~5 s after it is ready.
      await sleep(5000);
      return {
        name: this.name,
        pid: peer.proc.pid!,
        metricsUrl: `http://127.0.0.1:${port}/metrics`,
        samplesMetric: 'prometheus_tsdb_head_samples_appended_total',
        stop: peer.stop,
      };
    },
  };
}

function victoriaServer(bin: string): Server {
  return {
    name: 'VictoriaMetrics',
    async start(dir, cfg) {
      const port = await freePort();
      const peer = startPeer(bin, [
        `-promscrape.config=${cfg}`,
        `-storageDataPath=${join(dir, 'vm')}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-retentionPeriod=1d',
      ]);
      await waitHttp(`http://127.0.0.1:${port}/health`);
      return {
        name: this.name,
        pid: peer.proc.pid!,
        metricsUrl: `http://127.0.0.1:${port}/metrics`,
        samplesMetric: 'vm_rows_added_to_storage_total',
        stop: peer.stop,
      };
    },
  };
}

/** Measures running servers over the same window (after the warm-up). */
async function measure(running: Running[]): Promise<Result[]> {
  // Skip the start-up (first scrapes create every series, the JIT compiles the hot paths),
  // then measure a steady window.
  await sleep(WARMUP_S * 1000);
  const start = await Promise.all(
    running.map(async (r) => [await metric(r.metricsUrl, r.samplesMetric), cpuSeconds(r.pid)]),
  );
  await sleep(SECONDS * 1000);
  return Promise.all(
    running.map(async (r, i) => {
      const samples = await metric(r.metricsUrl, r.samplesMetric);
      const res: Result = {
        name: r.name,
        samples: samples - start[i][0],
        cpu: cpuSeconds(r.pid) - start[i][1],
        rss: rssMiB(r.pid),
      };
      await r.finish?.(res);
      return res;
    }),
  );
}

const perM = (r: Result) => r.cpu / (r.samples / 1e6);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function printTable(results: Result[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad('', 18)}${pad('samples', 12)}${pad('CPU s', 10)}${pad('CPU s / M samples', 20)}RSS MiB`);
  for (const r of results) {
    console.log(
      `${pad(r.name, 18)}${pad(String(r.samples), 12)}${pad(r.cpu.toFixed(2), 10)}${pad(perM(r).toFixed(2), 20)}${r.rss.toFixed(0)}`,
    );
  }
  const lag = results.find((r) => r.lag)?.lag;
  if (lag)
    console.log(
      `Promdesk HTTP thread event-loop lag under this ingest: p99 ${lag[0].toFixed(1)} ms, max ${lag[1].toFixed(1)} ms`,
    );
}

async function main(): Promise<void> {
  const dir = tempDir('promdesk-bench-');
  const port0 = 20000 + Math.floor(Math.random() * 10000);
  const exporters = startExporters(port0);
  const cfg = join(dir.path, 'prometheus.yml');
  writeFileSync(cfg, config(port0));
  const servers: Server[] = [promdesk];
  const prometheus = which('prometheus');
  if (prometheus) servers.push(prometheusServer(prometheus));
  else console.log('prometheus is not installed: no peer figures (apt-get install prometheus)');
  const vm = which('victoria-metrics');
  if (vm) servers.push(victoriaServer(vm));
  else console.log('victoria-metrics is not installed: no figures for it (apt-get install victoria-metrics)');
  const rounds: Result[][] = [];
  try {
    await waitHttp(`http://127.0.0.1:${port0 + TARGETS - 1}/metrics`);
    console.log(
      `${TARGETS} targets × ${SERIES} series at 1 s, ${SECONDS} s measured after ${WARMUP_S} s warm-up, ` +
        `${ROUNDS} round(s), ${TOGETHER ? 'all servers at once' : 'one server at a time'}`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = join(dir.path, `round${round}`);
      let results: Result[];
      if (TOGETHER) {
        const running: Running[] = [];
        try {
          for (const s of servers) running.push(await s.start(dataDir, cfg));
          results = await measure(running);
        } finally {
          await Promise.all(running.map((r) => r.stop()));
        }
      } else {
        // Rotate the order so no server always runs first (or last) in the machine's drift.
        const order = servers.map((_, i) => servers[(i + round) % servers.length]);
        results = [];
        for (const s of order) {
          const r = await s.start(dataDir, cfg);
          try {
            results.push(...(await measure([r])));
          } finally {
            await r.stop();
          }
        }
        results.sort(
          (a, b) => servers.findIndex((s) => s.name === a.name) - servers.findIndex((s) => s.name === b.name),
        );
      }
      rounds.push(results);
      if (ROUNDS > 1) console.log(`\nround ${round + 1}`);
      console.log('');
      printTable(results);
    }
  } finally {
    exporters.kill();
    dir.remove();
  }
  const byName = (name: string) => rounds.map((r) => r.find((x) => x.name === name)!).filter(Boolean);
  if (ROUNDS > 1) {
    console.log(`\nmedian of ${ROUNDS} rounds, CPU s per M samples:`);
    for (const s of servers) {
      const rs = byName(s.name);
      console.log(
        `  ${s.name.padEnd(16)}${median(rs.map(perM)).toFixed(2)}  (${rs.map((r) => perM(r).toFixed(2)).join(', ')}), RSS ${median(rs.map((r) => r.rss)).toFixed(0)} MiB`,
      );
    }
  }
  for (const s of servers.slice(1)) {
    // The ratio of each round's pair, then their median: a round's pair shares its conditions.
    const ratios = rounds.map(
      (r) => perM(r.find((x) => x.name === 'Promdesk')!) / perM(r.find((x) => x.name === s.name)!),
    );
    const rss = rounds.map(
      (r) => r.find((x) => x.name === 'Promdesk')!.rss / r.find((x) => x.name === s.name)!.rss,
    );
    console.log(
      `ratio Promdesk / ${s.name}: ${median(ratios).toFixed(2)}× CPU per sample` +
        (ROUNDS > 1 ? ` (median; rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})` : '') +
        `, ${median(rss).toFixed(2)}× RSS`,
    );
  }
}

await main();
