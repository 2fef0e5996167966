// Rule output into the engine's store through its normal commit path: one commit per rule's batch,
// handed to onCommit (the engine's `appended`: sessions, remote_write) like a scrape's. Samples
// the head refuses (out of order, a different value at the same time) are counted, not fatal.
import type { Appender, CommittedSamples } from '../store/types';
import type { RuleAppendable } from './types';

export function storeOut(
  appender: () => Appender,
  onCommit: (committed: CommittedSamples) => void,
  log: (msg: string) => void,
): RuleAppendable {
  return {
    appendBatch(samples) {
      if (samples.length === 0) return 0;
      const app = appender();
      let refused = 0;
      for (const s of samples) {
        const outcome = s.stale ? app.appendStale(s.labels, s.t) : app.append(s.labels, s.t, s.v);
        if (outcome !== 'ok') refused++;
      }
      try {
        onCommit(app.commit().committed);
      } catch (err) {
        log(`rules: storing rule output failed: ${(err as Error).message}`);
        return samples.length;
      }
      return refused;
    },
  };
}
