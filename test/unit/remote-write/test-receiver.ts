// A real local HTTP remote-write receiver for the sender's tests: decodes each request, records
// its samples, and answers with the status, headers and delay the test chooses per request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWriteRequest, snappyDecode } from '../../helpers/remote-write-decode';
import { SampleBatch } from '../../../electron/engine/store/sample-batch';
import type { StoredSeries } from '../../../electron/engine/store/types';
import { DEFAULT_QUEUE, type RemoteWriteConfig } from '../../../electron/engine/remote-write/sender-config';

export interface ReceivedRequest {
  at: number;
  headers: http.IncomingHttpHeaders;
  status: number;
  /** [metric name, t, v] */
  samples: [string, number, number][];
  /** The full label sets, flat name/value pairs per series. */
  labels: string[][];
}

export interface Receiver {
  url: string;
  /** Status to answer with for request number n (1-based). */
  status: (n: number) => number;
  /** Extra reply headers for request number n. */
  headers: (n: number) => Record<string, string>;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const rec: Receiver = {
    url: '',
    status: () => 200,
    headers: () => ({}),
    delayMs: 0,
    requests: [],
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const wr = decodeWriteRequest(snappyDecode(Buffer.concat(chunks), 1 << 24));
      const samples: [string, number, number][] = [];
      for (const s of wr.series) {
        const name = s.labels[s.labels.indexOf('__name__') + 1];
        s.t.forEach((t, i) => samples.push([name, t, s.v[i]]));
      }
      const n = rec.requests.length + 1;
      const status = rec.status(n);
      const headers = rec.headers(n);
      rec.requests.push({
        at: Date.now(),
        headers: req.headers,
        status,
        samples,
        labels: wr.series.map((s) => [...s.labels]),
      });
      const answer = () => res.writeHead(status, headers).end(status >= 300 ? 'nope' : '');
      if (rec.delayMs > 0) setTimeout(answer, rec.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`;
  rec.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return rec;
}

export function config(url: string, over: Partial<RemoteWriteConfig> = {}): RemoteWriteConfig {
  return {
    url,
    name: null,
    remoteTimeoutMs: 2000,
    basicAuth: null,
    bearerToken: null,
    writeRelabel: [],
    queue: { ...DEFAULT_QUEUE, maxShards: 1, batchSendDeadlineMs: 20, minBackoffMs: 20, maxBackoffMs: 80 },
    ...over,
  };
}

export interface TestSample {
  series: StoredSeries;
  t: number;
  v: number;
}

/** A sample of series `name` (the series id derives from the name, so equal names share one). */
export function sample(name: string, t: number, v = t): TestSample {
  let id = 0;
  for (const ch of name) id = (id * 131 + ch.charCodeAt(0)) % 1_000_000_007;
  return { series: { id, labels: { __name__: name, job: 'j' } }, t, v };
}

/** A committed batch of these samples, as the store hands it to the sender. */
export function batch(samples: TestSample[]): SampleBatch<StoredSeries> {
  const b = new SampleBatch<StoredSeries>();
  for (const s of samples) b.push(s.series, s.t, s.v, false);
  return b;
}

export async function until(what: string, fn: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const received = (rec: Receiver) =>
  rec.requests.filter((r) => r.status < 300).flatMap((r) => r.samples);
