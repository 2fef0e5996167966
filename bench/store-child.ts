// Child process for bench/store.bench.ts, so each measurement has its own RSS and a real kill -9.
//   select <v1|v2> <dir> <series> <hours>  ingest, close, reopen, time select of everything
//   fill <dir> <samples>                    ingest into v2 then print "ready" and wait (to be killed)
//   reopen <dir>                            open v2, report open time / WAL replayed / RSS
import { join } from 'node:path';
import { ChunkStore } from '../electron/engine/store/chunk-store';
import { SqliteStore } from '../test/helpers/sqlite-store';
import { nodeMix, scrapeTimes } from '../test/helpers/node-mix';

type Store = SqliteStore | ChunkStore;
const [mode, ...args] = process.argv.slice(2);
const mib = () => Math.round(process.memoryUsage().rss / 1048576);
const T0 = 1_700_000_000_000;

function ingest(store: Store, series: number, scrapes: number, perCommit = 1): void {
  const mix = nodeMix(series);
  const ts = scrapeTimes(T0, scrapes);
  for (let i = 0; i < scrapes; i += perCommit) {
    const app = store.appender();
    for (let j = i; j < Math.min(scrapes, i + perCommit); j++)
      for (const s of mix) app.append(s.labels, ts[j], s.next());
    app.commit();
  }
}

if (mode === 'select') {
  const [impl, dir, seriesArg, hoursArg] = args;
  const open = (): Store =>
    impl === 'v1' ? new SqliteStore(join(dir, 'v1.db')) : new ChunkStore(join(dir, 'v2.db'));
  const scrapes = (Number(hoursArg) * 3600) / 15;
  let store = open();
  const t = performance.now();
  ingest(store, Number(seriesArg), scrapes, 10); // batched: the ingest is setup here
  const ingestS = (performance.now() - t) / 1000;
  store.close();
  store = open();
  const times: number[] = [];
  let samples = 0;
  for (let r = 0; r < 5; r++) {
    const q = performance.now();
    const sel = store.select([{ name: 'job', type: '=', value: 'node' }], T0, T0 + scrapes * 15_000);
    times.push(performance.now() - q);
    samples = sel.reduce((n, s) => n + s.t.length, 0);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ingestS, selectMs: times[2], samples, rssMiB: mib() }));
  store.close();
} else if (mode === 'fill') {
  const [dir, samplesArg] = args;
  const series = 2000;
  const store = new ChunkStore(join(dir, 'v2.db'));
  // Stop just short of the next head checkpoint (every 1M samples): the worst case, ~1M to replay.
  ingest(store, series, Math.ceil(Number(samplesArg) / series) - 10, 10);
  console.log(JSON.stringify({ ready: true, rssMiB: mib(), samples: store.stats.samplesAppended }));
  setInterval(() => {}, 1000);
} else if (mode === 'reopen') {
  const [dir] = args;
  const t = performance.now();
  const store = new ChunkStore(join(dir, 'v2.db'));
  const openMs = performance.now() - t;
  console.log(
    JSON.stringify({
      openMs,
      walReplayed: store.stats.walReplayed,
      series: store.stats.series,
      rssMiB: mib(),
    }),
  );
  store.close();
}
