// remote_write requests with known samples, remembering which the server acknowledged (204),
// and a check that every acknowledged sample is still there (read back through the query API).
import { encodeWriteRequest } from './proto-write';
import { snappyEncode } from './snappy-encode';

export interface AckedWriterOptions {
  metric: string;
  series: number;
  /** Samples per series in one request, 1 s apart. */
  samples: number;
  startMs: number;
}

export interface CheckResult {
  acknowledged: number;
  present: number;
  lost: number;
  /** The first few missing samples, as series@t. */
  examples: string[];
}

export class AckedWriter {
  private seq = 0;
  /** Request numbers answered 204. */
  readonly acked: number[] = [];
  /** Replies other than 204, in order. */
  readonly refused: { status: number; body: string }[] = [];

  constructor(readonly opts: AckedWriterOptions) {}

  private tOf(seq: number, j: number): number {
    return this.opts.startMs + (seq * this.opts.samples + j) * 1000;
  }

  /** Sends the next request; its samples count as acknowledged only on 204. */
  async send(base: string): Promise<{ status: number; body: string }> {
    const seq = this.seq++;
    const { metric, series, samples } = this.opts;
    const body = snappyEncode(
      encodeWriteRequest(
        Array.from({ length: series }, (_, i) => ({
          labels: [
            ['__name__', metric],
            ['i', String(i)],
          ] as [string, string][],
          samples: Array.from({ length: samples }, (_, j) => ({ t: this.tOf(seq, j), v: seq * samples + j })),
        })),
      ),
    );
    let status = 0;
    let text: string;
    try {
      const r = await fetch(`${base}/api/v1/write`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
        body,
      });
      status = r.status;
      text = await r.text();
    } catch (err) {
      text = (err as Error).message;
    }
    if (status === 204) this.acked.push(seq);
    else this.refused.push({ status, body: text });
    return { status, body: text };
  }

  /**
   * Reads the series back and counts the acknowledged samples present and missing: of the
   * acknowledged requests acked[from, to), in one query per `slice` requests.
   */
  async check(base: string, from = 0, to = this.acked.length, slice = 500): Promise<CheckResult> {
    const total: CheckResult = { acknowledged: 0, present: 0, lost: 0, examples: [] };
    for (let i = from; i < to; i += slice) {
      const part = await this.checkSlice(base, this.acked.slice(i, Math.min(to, i + slice)));
      total.acknowledged += part.acknowledged;
      total.present += part.present;
      total.lost += part.lost;
      total.examples.push(...part.examples.slice(0, 5 - total.examples.length));
    }
    return total;
  }

  private async checkSlice(base: string, seqs: number[]): Promise<CheckResult> {
    const { metric, series, samples } = this.opts;
    const acknowledged = seqs.length * samples * series;
    if (seqs.length === 0) return { acknowledged, present: 0, lost: 0, examples: [] };
    const first = this.tOf(seqs[0], 0);
    const last = this.tOf(seqs[seqs.length - 1], samples - 1);
    const u = new URL('/api/v1/query', base);
    u.searchParams.set('query', `${metric}[${Math.ceil((last - first) / 1000) + 1}s]`);
    u.searchParams.set('time', String(last / 1000));
    const r = await fetch(u);
    const reply = (await r.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    if (reply.status !== 'success') throw new Error(`query failed: ${reply.error}`);
    const have = new Map<string, Map<number, number>>();
    for (const s of reply.data!.result) {
      have.set(s.metric.i, new Map(s.values.map(([t, v]) => [Math.round(t * 1000), Number(v)])));
    }
    let present = 0;
    const examples: string[] = [];
    for (let i = 0; i < series; i++) {
      const got = have.get(String(i));
      for (const seq of seqs) {
        for (let j = 0; j < samples; j++) {
          const t = this.tOf(seq, j);
          if (got?.get(t) === seq * samples + j) present++;
          else if (examples.length < 5) examples.push(`${metric}{i="${i}"}@${t}`);
        }
      }
    }
    return { acknowledged, present, lost: acknowledged - present, examples };
  }
}
