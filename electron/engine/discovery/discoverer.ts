// One discovery source of a job (a file_sd or http_sd block): its current target groups, the last
// good ones per file or URL when a refresh fails, and that failure's error until a refresh works.
import type { TargetGroup } from '../targets';

export interface Discoverer {
  /** The groups found so far (the last good ones of a failing source). */
  groups(): readonly TargetGroup[];
  /** What the last refresh could not read, one message per source; empty when all went well. */
  errors(): readonly string[];
  /** Begins refreshing (timer, file watch); `changed` is called when groups or errors change. */
  start(changed: () => void): void;
  stop(): void;
}
