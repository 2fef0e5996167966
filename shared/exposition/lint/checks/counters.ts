// Counter values: a counter only goes up from zero, so a negative value is a bug.
import { finding } from '../finding';
import type { LintFinding } from '../types';
import type { Check } from './check';

export const checkCounterValues: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    if (fam.type !== 'counter') continue;
    for (const { sample, suffix } of fam.samples) {
      if (suffix === '_created' || !(sample.value < 0)) continue;
      out.push(
        finding(
          'negative-counter',
          'error',
          sample.line,
          fam.name,
          `${sample.name}: counter value ${sample.value} is negative`,
          'counters start at 0 and only increase; use a gauge for values that can go down',
        ),
      );
    }
  }
  return out;
};
