// "Test scrape" of a tcp-stream target: a stream never ends, so the editor's preview connects,
// listens for a bounded time (the target's timeout or 2 s, whichever is shorter; metadata comes
// first, then each recorded metric), folds the events as the target's loop would (same
// StreamFeed, same histogram settings) and returns the samples one commit would store, labelled
// with the target labels. Written nowhere. Refused connections, silence, garbage and oversized
// length prefixes end the test with an error naming the endpoint.
import net from 'node:net';
import type { ScrapedSample, TestScrapeResult } from '../../../shared/api';
import { tcpTestListenMs } from '../../../shared/tcp-stream-listen';
import type { Clock } from '../scrape/clock';
import { mutateSampleLabels } from '../scrape/ingest';
import { targetLabelsOf, type TargetSpec } from '../scrape/target-spec';
import { StreamFeed, badDataMessage, socketErrorMessage, streamEndpoint } from './stream-feed';

/** As many samples as a test scrape shows (TestScrapeResult.samples). */
const MAX_SHOWN = 200;

export interface TcpStreamTestOptions {
  /** Overrides the listening window (tests). */
  listenMs?: number;
}

export async function testTcpStream(
  spec: TargetSpec,
  clock: Clock,
  opts: TcpStreamTestOptions = {},
): Promise<TestScrapeResult> {
  const start = clock.now();
  const input = spec.input;
  const listenMs = opts.listenMs ?? tcpTestListenMs(input.timeoutMs);
  const samples: ScrapedSample[] = [];
  let total = 0;
  let bytes = 0;
  const result = (error: string | null): TestScrapeResult => ({
    ok: error === null,
    error,
    durationMs: clock.now() - start,
    contentType: null,
    bytes,
    totalSamples: total,
    samples,
  });

  let endpoint: { host: string; port: number };
  try {
    endpoint = streamEndpoint(input.url);
  } catch {
    return result(`"${input.url}" is not a tcp://host:port URL`);
  }
  const { host, port } = endpoint;
  const where = `${host}:${port}`;
  const window = `${listenMs / 1000} s`;
  const feed = new StreamFeed(input.tcp);

  // Listen until the window ends, the connection fails, or the data is not an Event stream.
  let error = await new Promise<string | null>((resolve) => {
    let connected = false;
    let done = false;
    const sock = net.connect({ host, port });
    const finish = (e: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(e);
    };
    const timer = setTimeout(
      () => finish(connected ? null : `connecting to ${where} timed out after ${window}`),
      listenMs,
    );
    sock.on('connect', () => (connected = true));
    sock.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      try {
        feed.push(chunk);
      } catch (err) {
        finish(badDataMessage(host, port, err as Error));
      }
    });
    sock.on('error', (err: NodeJS.ErrnoException) => finish(socketErrorMessage(host, port, err)));
    sock.on('close', () => finish(`connection closed by ${where} after ${(clock.now() - start) / 1000} s`));
  });

  if (error === null && feed.seen.metrics === 0) {
    error =
      feed.seen.metadata === 0
        ? `no data from ${where} within ${window} (connected, but nothing arrived; is it a ` +
          `metrics-exporter-tcp server?)`
        : `no metrics from ${where} within ${window}: ${feed.seen.metadata} metadata events, ` +
          `but nothing was recorded (the exporter sends a metric only when the app records it)`;
  }

  // One commit's worth of samples, labelled as the loop's ingest labels them.
  const labelOpts = {
    targetLabels: targetLabelsOf(spec),
    honorLabels: input.honorLabels,
    honorTimestamps: false,
    sampleLimit: 0,
  };
  try {
    feed.agg.emit((name, flat, value) => {
      total++;
      if (samples.length < MAX_SHOWN) {
        samples.push({ labels: mutateSampleLabels(name, flat, labelOpts), value, timestampMs: null });
      }
    });
  } catch (err) {
    error ??= (err as Error).message;
  }
  return result(error);
}
