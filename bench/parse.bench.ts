// Exposition parser throughput: samples/s and MB/s on real exporter output and a generated
// 100k-series body, beside a bare "find the value, parseFloat it" loop as the floor to compare.
// Run: node --import tsx bench/parse.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePrometheusText } from '../shared/exposition';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.resolve(root, '..', 'shared', 'samples');

function generated(series: number): string {
  const lines: string[] = ['# HELP http_requests_total Requests.', '# TYPE http_requests_total counter'];
  for (let i = 0; i < series; i++) {
    lines.push(
      `http_requests_total{method="${i % 2 ? 'GET' : 'POST'}",code="${200 + (i % 5)}",path="/api/v1/item/${i}",instance="host-${i % 97}:9100"} ${i * 1.5} 1700000000000`,
    );
  }
  return lines.join('\n') + '\n';
}

function time(body: string, rounds: number, run: () => number): { samplesPerSec: number; mbPerSec: number } {
  let samples = 0;
  for (let i = 0; i < Math.max(3, rounds / 5); i++) run(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) samples = run();
  const s = (performance.now() - t0) / 1000;
  return { samplesPerSec: (samples * rounds) / s, mbPerSec: (body.length * rounds) / s / 1e6 };
}

function parser(body: string): () => number {
  return () => {
    let n = 0;
    let sum = 0;
    parsePrometheusText(body, {
      sample(_name, labels, value) {
        n++;
        sum += value + labels.length;
      },
    });
    return sum === -1 ? 0 : n;
  };
}

// The floor: per line, skip comments, take the text after the last space, parseFloat it.
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

const bodies: [string, string, number][] = [];
for (const file of ['prometheus-server.prom', 'node_exporter.prom']) {
  const p = path.join(samplesDir, file);
  if (existsSync(p)) bodies.push([file, readFileSync(p, 'utf8'), 300]);
  else console.log(`(skipping ${file}: ${p} is absent)`);
}
bodies.push(['generated 100k series', generated(100_000), 10]);

for (const [name, body, rounds] of bodies) {
  const ours = time(body, rounds, parser(body));
  const floor = time(body, rounds, bareLoop(body));
  console.log(
    `${name.padEnd(24)} ${(body.length / 1e6).toFixed(2)} MB  parser ${(ours.samplesPerSec / 1e6).toFixed(2)} M samples/s ` +
      `${ours.mbPerSec.toFixed(0)} MB/s   bare loop ${(floor.samplesPerSec / 1e6).toFixed(2)} M/s`,
  );
}
