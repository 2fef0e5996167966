// OpenMetrics info and stateset families: an info sample is always 1, a stateset sample is 0
// or 1 and names its state in a label called like the family. Text-format gauges named `_info`
// follow the same convention.
import { finding } from '../finding';
import { labelValue } from '../model';
import type { LintFinding } from '../types';
import type { Check } from './check';

export const checkInfoAndStateset: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const infoLike = fam.type === 'info' || (fam.type === 'gauge' && fam.name.endsWith('_info'));
    if (infoLike) {
      const bad = fam.samples.find((r) => r.sample.value !== 1);
      if (bad !== undefined) {
        out.push(
          finding(
            'info-value-not-one',
            fam.type === 'info' ? 'error' : 'warning',
            bad.sample.line,
            fam.name,
            `${bad.sample.name}: info metrics have the value 1, not ${bad.sample.value}`,
            'put the information in labels and always expose 1',
          ),
        );
      }
    }
    if (fam.type !== 'stateset') continue;
    for (const { sample } of fam.samples) {
      if (sample.value !== 0 && sample.value !== 1) {
        out.push(
          finding(
            'stateset-value-not-boolean',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: stateset values are 0 or 1, not ${sample.value}`,
            'expose 1 for the states that hold and 0 for the others',
          ),
        );
      }
      if (labelValue(sample.labels, fam.name) === undefined) {
        out.push(
          finding(
            'stateset-missing-state-label',
            'error',
            sample.line,
            fam.name,
            `${sample.name}: stateset sample without a "${fam.name}" label naming its state`,
            `write ${fam.name}{${fam.name}="state"} 1`,
          ),
        );
      }
    }
  }
  return out;
};
