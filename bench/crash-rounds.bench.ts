// kill -9 under heavy ingest, round after round: `promdesk serve` scrapes T targets × S series
// every second while W remote_write clients send as fast as it answers; at a random moment
// (2–6 s in) it is killed with SIGKILL and started again on the same data. After each restart:
// every sample of every request answered 204 is there, and a scraped series holds at least the
// samples the query API showed just before the kill. Prints each round and the totals.
//   node --import tsx bench/crash-rounds.bench.ts [--rounds 50] [--targets 10] [--series 2000]
//     [--writers 2]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort } from '../test/helpers/peers';
import { startServeProcess, type ServeProcess } from '../test/helpers/serve-process';
import { startExporterProcess, scrapeConfig } from '../test/helpers/exporter-process';
import { AckedWriter } from '../test/helpers/acked-writes';
import { tempDir } from '../test/helpers/tmp';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '50' },
    targets: { type: 'string', default: '10' },
    series: { type: 'string', default: '2000' },
    writers: { type: 'string', default: '2' },
  },
});
const ROUNDS = Number(values.rounds);
const TARGETS = Number(values.targets);
const SERIES = Number(values.series);
const WRITERS = Number(values.writers);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Samples of one scraped series over the last day, as the query API shows them now. */
async function probe(base: string): Promise<number> {
  const u = new URL('/api/v1/query', base);
  u.searchParams.set('query', 'count_over_time(load_series{t="0",i="0"}[1d])');
  const r = (await (await fetch(u)).json()) as { data?: { result: { value: [number, string] }[] } };
  return Number(r.data?.result[0]?.value[1] ?? 0);
}

async function main(): Promise<void> {
  const dir = tempDir('promdesk-crash-');
  const data = join(dir.path, 'data');
  const port0 = await freePort();
  const exporters = startExporterProcess(port0, TARGETS, SERIES);
  const cfg = join(dir.path, 'p.yml');
  writeFileSync(cfg, scrapeConfig(port0, TARGETS));
  const running = new Set<ServeProcess>();
  let serve = await startServeProcess(data, cfg, running);
  const start = Date.now() - 30 * 24 * 3600_000 + 3600_000;
  const writers = Array.from(
    { length: WRITERS },
    (_, w) => new AckedWriter({ metric: `crash_acked_${w}`, series: 50, samples: 20, startMs: start }),
  );
  // The writers keep sending through kills and restarts; refused or cut requests are not acked.
  let writing = true;
  const loops = writers.map(async (w) => {
    while (writing) {
      const r = await w.send(serve.base);
      if (r.status !== 204) await sleep(20);
    }
  });
  let lost = 0;
  let scrapeDrops = 0;
  let tornReplays = 0;
  let prevSeen = 0;
  const restartMs: number[] = [];
  console.log(
    `kill -9 rounds: ${TARGETS} targets × ${SERIES} series scraped every 1 s, ` +
      `${WRITERS} remote_write clients (50 series × 20 samples a request)`,
  );
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const acked0 = writers.map((w) => w.acked.length);
      await sleep(2000 + Math.random() * 4000);
      let seen = 0;
      for (let i = 0; i < 40; i++) {
        seen = await probe(serve.base);
        if (seen > prevSeen) break;
        await sleep(250);
      }
      const ackedAtKill = writers.map((w) => w.acked.length);
      serve.proc.kill('SIGKILL');
      await new Promise((r) => serve.proc.once('exit', r));
      running.delete(serve);
      const t0 = Date.now();
      serve = await startServeProcess(data, cfg, running);
      restartMs.push(Date.now() - t0);
      if (/replay stopped/.test(serve.output())) tornReplays++;
      let roundAcked = 0;
      let roundLost = 0;
      const examples: string[] = [];
      for (let w = 0; w < WRITERS; w++) {
        const c = await writers[w].check(serve.base, acked0[w], ackedAtKill[w]);
        roundAcked += c.acknowledged;
        roundLost += c.lost;
        examples.push(...c.examples);
      }
      const after = await probe(serve.base);
      if (after < seen) scrapeDrops++;
      lost += roundLost;
      console.log(
        `round ${round}: ${roundAcked} remote_write samples acknowledged, ${roundLost} lost; ` +
          `scraped series ${seen} samples before kill, ${after} after restart (${restartMs.at(-1)} ms)` +
          (roundLost ? `; missing e.g. ${examples.slice(0, 3).join(', ')}` : ''),
      );
      prevSeen = seen;
    }
    writing = false;
    await Promise.all(loops);
    // Everything again at the end: later rounds (checkpoints, replays) must not lose earlier ones.
    let all = 0;
    let allLost = 0;
    for (const w of writers) {
      const c = await w.check(serve.base);
      all += c.acknowledged;
      allLost += c.lost;
    }
    const sorted = [...restartMs].sort((a, b) => a - b);
    const aside = readdirSync(data).filter((f) => f.includes('.damaged-')).length;
    console.log(
      `rounds ${ROUNDS}, acknowledged lost ${lost} (per round), ${allLost} of ${all} at the end; ` +
        `scraped series dropped below what was visible: ${scrapeDrops} rounds; ` +
        `replays that stopped at an unfinished write: ${tornReplays} (damaged-* files set aside: ${aside}); ` +
        `restart median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
    );
    if (lost > 0 || allLost > 0 || scrapeDrops > 0) process.exitCode = 1;
  } finally {
    writing = false;
    for (const s of running) await s.stop();
    exporters.kill();
    dir.remove();
  }
}

await main();
