// Exposition parser throughput: samples/s and MB/s of the text parser and the OpenMetrics parser
// (strict, as the Preview uses it, and Prometheus-2.42 mode, as scrapes use it) on real exporter
// output and a generated 100k-series body, side by side in one run with npm's
// parse-prometheus-text-format and a bare "find the value, parseFloat it" loop (the ceiling), and
// the text parser as a scrape of an unchanged body uses it (the scrape cache's known series).
// Rates are per CPU-second of this process (one core), best of five blocks.
// Run: node --import tsx bench/parse.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MetaBlocks, parseOpenMetrics, parsePrometheusText } from '../shared/exposition';
import type { ExpositionVisitor } from '../shared/exposition';
import { SeriesTextCache } from '../electron/engine/scrape/series-text-cache';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.resolve(root, '..', 'shared', 'samples');

type PeerParser = (text: string) => { metrics: unknown[] }[];
const peer: PeerParser | null = (() => {
  try {
    return createRequire(import.meta.url)('parse-prometheus-text-format') as PeerParser;
  } catch {
    return null;
  }
})();

function generatedText(series: number): string {
  const lines: string[] = ['# HELP http_requests_total Requests.', '# TYPE http_requests_total counter'];
  for (let i = 0; i < series; i++) {
    lines.push(
      `http_requests_total{method="${i % 2 ? 'GET' : 'POST'}",code="${200 + (i % 5)}",path="/api/v1/item/${i}",instance="host-${i % 97}:9100"} ${i * 1.5} 1700000000000`,
    );
  }
  return asScraped(lines.join('\n') + '\n');
}

function generatedOpenMetrics(series: number): string {
  const lines: string[] = ['# HELP http_requests Requests.', '# TYPE http_requests counter'];
  for (let i = 0; i < series; i++) {
    lines.push(
      `http_requests_total{method="${i % 2 ? 'GET' : 'POST'}",code="${200 + (i % 5)}",path="/api/v1/item/${i}",instance="host-${i % 97}:9100"} ${i * 1.5} 1700000000.000`,
    );
  }
  return asScraped(lines.join('\n') + '\n# EOF\n');
}

/**
 * A generated body as a scrape gets it, decoded from bytes: one flat string like the files read
 * above. Built with `+` it is a cons string, whose every character read costs about a third more.
 */
function asScraped(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

/**
 * A text-format body as OpenMetrics: counters lose `_total` in TYPE / HELP (a counter whose
 * shortened name is another family's is dropped), untyped becomes unknown, other comments go,
 * `# EOF` ends it.
 */
function toOpenMetrics(text: string): string {
  const types = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1], m[2]);
  const dropped = new Set<string>();
  for (const [name, type] of types) {
    if (type === 'counter' && (!name.endsWith('_total') || types.has(name.slice(0, -6)))) dropped.add(name);
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
    if (m !== null) {
      if (dropped.has(m[2])) continue;
      const name = types.get(m[2]) === 'counter' ? m[2].slice(0, -6) : m[2];
      const rest = m[1] === 'TYPE' && m[3] === 'untyped' ? 'unknown' : (m[3] ?? '');
      out.push(`# ${m[1]} ${name} ${rest}`);
    } else if (!line.startsWith('#') && !dropped.has(/^[^{ ]+/.exec(line)?.[0] ?? '')) out.push(line);
  }
  return out.join('\n') + '\n# EOF\n';
}

function time(bytes: number, rounds: number, run: () => number): { samplesPerSec: number; mbPerSec: number } {
  let samples = 0;
  for (let i = 0; i < Math.max(3, rounds / 5); i++) run(); // warm up
  // CPU time of this process, not wall time: the figures hold on a busy shared machine too. The
  // rounds run in five blocks and the fastest block counts: other processes on a loaded machine
  // slow this one down too (caches, frequency), unevenly.
  const block = Math.max(1, Math.round(rounds / 5));
  let best = Infinity;
  for (let b = 0; b < 5; b++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < block; i++) samples = run();
    const used = process.cpuUsage(c0);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return { samplesPerSec: (samples * block) / best, mbPerSec: (bytes * block) / best / 1e6 };
}

function counting(parse: (visitor: ExpositionVisitor) => void): () => number {
  return () => {
    let n = 0;
    let sum = 0;
    parse({
      sample(_name, labels, value) {
        n++;
        sum += value + labels.length;
      },
    });
    return sum === -1 ? 0 : n;
  };
}

/**
 * The text parser as a scrape sees a target's body again: with the scrape cache's series texts
 * and HELP / TYPE runs from the body before, an unchanged line costs no label parsing and an
 * unchanged run of '#' lines no scanning (what ingest.ts does, without the labels and the store).
 */
function cachedRun(body: string): () => number {
  const texts = new SeriesTextCache<string[]>();
  const metaBlocks = new MetaBlocks();
  return () => {
    let n = 0;
    let sum = 0;
    texts.begin();
    parsePrometheusText(
      body,
      {
        sample(_name, labels, value, _ts, _line, seriesText) {
          n++;
          sum += value + labels.length;
          if (seriesText !== undefined && texts.lookup(seriesText) === undefined)
            texts.add(seriesText, labels);
        },
        known: (src, start) => texts.match(src, start),
        knownSample(value) {
          n++;
          sum += value + texts.takeMatched().length;
        },
        metaBlocks,
      },
      { utf8Names: false },
    );
    texts.complete();
    return sum === -1 ? 0 : n;
  };
}

function peerRun(body: string, parse: PeerParser): () => number {
  return () => {
    let n = 0;
    for (const f of parse(body)) n += f.metrics.length;
    return n;
  };
}

// The ceiling: per line, skip comments, take the text after the last space, parseFloat it.
function bareLoop(body: string): () => number {
  return () => {
    let n = 0;
    let sum = 0;
    let start = 0;
    while (start < body.length) {
      let end = body.indexOf('\n', start);
      if (end < 0) end = body.length;
      if (body.charCodeAt(start) !== 35 && end > start) {
        const sp = body.lastIndexOf(' ', end - 1);
        sum += parseFloat(body.slice(sp + 1, end));
        n++;
      }
      start = end + 1;
    }
    return sum === -1 ? 0 : n;
  };
}

interface Row {
  body: string;
  parser: string;
  mb: number;
  samplesPerSec: number;
  mbPerSec: number;
}
const rows: Row[] = [];

function measure(label: string, body: string, rounds: number, parser: string, run: () => number): void {
  const bytes = Buffer.byteLength(body);
  const r = time(bytes, rounds, run);
  rows.push({ body: label, parser, mb: bytes / 1e6, ...r });
}

const cases: [string, string, string, number][] = [];
for (const file of ['prometheus-server.prom', 'node_exporter.prom']) {
  const p = path.join(samplesDir, file);
  if (!existsSync(p)) {
    console.log(`(skipping ${file}: ${p} is absent)`);
    continue;
  }
  const text = readFileSync(p, 'utf8');
  cases.push([file, text, toOpenMetrics(text), 300]);
}
cases.push(['generated 100k series', generatedText(100_000), generatedOpenMetrics(100_000), 10]);

for (const [label, text, om, rounds] of cases) {
  measure(
    label,
    text,
    rounds,
    'text parser',
    counting((v) => parsePrometheusText(text, v)),
  );
  measure(label, text, rounds, 'text parser, scrape cache warm', cachedRun(text));
  if (peer !== null)
    measure(label, text, Math.max(2, rounds / 10), 'parse-prometheus-text-format', peerRun(text, peer));
  measure(label, text, rounds, 'bare loop (ceiling)', bareLoop(text));
  measure(
    `${label} (OpenMetrics)`,
    om,
    rounds,
    'OpenMetrics, strict',
    counting((v) => parseOpenMetrics(om, v)),
  );
  measure(
    `${label} (OpenMetrics)`,
    om,
    rounds,
    'OpenMetrics, scrape mode',
    counting((v) => parseOpenMetrics(om, v, { strict: false, utf8Names: false })),
  );
}
if (peer === null) console.log('(parse-prometheus-text-format is not installed: no peer column)');

// "vs bare": the share of the bare loop's rate on the same body in the same run, which holds
// on a loaded machine where the absolute rates do not (the OpenMetrics rows compare with the
// bare loop over the text form of the body).
console.log(
  `${'body'.padEnd(38)} ${'parser'.padEnd(30)} ${'MB'.padStart(6)} ${'M samples/s'.padStart(12)} ${'MB/s'.padStart(7)} ${'vs peer'.padStart(8)} ${'vs bare'.padStart(8)}`,
);
for (const r of rows) {
  const base = rows.find((p) => p.parser === 'parse-prometheus-text-format' && r.body.startsWith(p.body));
  const bare = rows.find((p) => p.parser === 'bare loop (ceiling)' && r.body.startsWith(p.body));
  const ratio = base !== undefined ? `${(r.samplesPerSec / base.samplesPerSec).toFixed(1)}×` : '';
  const share = bare !== undefined ? `${((100 * r.samplesPerSec) / bare.samplesPerSec).toFixed(0)}%` : '';
  console.log(
    `${r.body.padEnd(38)} ${r.parser.padEnd(30)} ${r.mb.toFixed(2).padStart(6)} ${(r.samplesPerSec / 1e6).toFixed(2).padStart(12)} ${r.mbPerSec.toFixed(0).padStart(7)} ${ratio.padStart(8)} ${share.padStart(8)}`,
  );
}
