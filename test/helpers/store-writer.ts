// Child process for durability tests: appends scrapes to a ChunkStore forever, printing the index
// of each scrape once its commit has returned. The parent SIGKILLs it at a random moment.
//   node --import tsx test/helpers/store-writer.ts <file> <series> <maxChunkSamples> <checkpointSamples>
import { ChunkStore } from '../../electron/engine/store/chunk-store';

const [file, seriesArg, chunkArg, checkpointArg] = process.argv.slice(2);
const series = Number(seriesArg);
const store = new ChunkStore(file, {
  maxChunkSamples: Number(chunkArg),
  checkpointSamples: Number(checkpointArg),
});
// Continue after what an earlier run committed.
const have = store.select([{ name: '__name__', type: '=', value: 'dur' }], -Infinity, Infinity);
let i = have.length ? have[0].t.length : 0;
for (;;) {
  const app = store.appender();
  for (let s = 0; s < series; s++) {
    const labels = { __name__: 'dur', s: String(s) };
    if (i % 97 === 13 && s === 0) app.appendStale(labels, i * 1000);
    else app.append(labels, i * 1000, i * 0.25 + s);
  }
  app.commit();
  process.stdout.write(`${i}\n`);
  i++;
}
