// How many shards a remote needs, decided every reshard interval from what happened in it (a
// simple, bounded cousin of Prometheus's calculateDesiredShards): the time successful sends took
// per sample, times the samples to send next (what arrived plus the backlog), spread over one
// interval of wall time. No change while sends fail (more shards do not help a refusing
// receiver) and none within ±30 % of the current count, so the count does not flap.

export interface ReshardInput {
  current: number;
  min: number;
  max: number;
  intervalMs: number;
  /** Samples queued during the interval. */
  samplesIn: number;
  /** Samples the receiver accepted during the interval. */
  samplesOut: number;
  /** Wall time of those successful sends, summed over shards. */
  sendMs: number;
  /** Samples waiting in the queue now. */
  pending: number;
  /** A send failed (was retried or dropped) during the interval. */
  failed: boolean;
}

const TOLERANCE = 0.3;

export function desiredShards(i: ReshardInput): number {
  const clamp = (n: number) => Math.max(i.min, Math.min(i.max, n));
  if (i.failed) return clamp(i.current);
  if (i.samplesOut === 0) return i.pending > 0 ? clamp(i.current) : i.min;
  const msPerSample = i.sendMs / i.samplesOut;
  const desired = ((i.samplesIn + i.pending) * msPerSample) / i.intervalMs;
  if (desired >= i.current * (1 - TOLERANCE) && desired <= i.current * (1 + TOLERANCE))
    return clamp(i.current);
  return clamp(Math.ceil(desired));
}
