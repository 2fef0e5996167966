// A TemplateClient over a fixed list of series, for unit tests of variable resolution: label
// values and names are answered from the series that match the selector (parsed by the engine's
// own PromQL parser), and every call is recorded so tests can check what a chain asked.
import type { LabelSet } from '../../shared/api';
import type { InstantResult, TemplateClient } from '../../shared/dashboards/templating/variable-query';
import { parseSeriesSelector } from '../../electron/engine/query';
import { matchesValue } from '../../electron/engine/query/regex';

export interface FakeTemplateClient extends TemplateClient {
  calls: string[];
}

export function fakeTemplateClient(
  series: LabelSet[],
  instant?: (expr: string) => InstantResult,
): FakeTemplateClient {
  const calls: string[] = [];
  const select = (match: string | undefined): LabelSet[] => {
    if (!match) return series;
    const ms = parseSeriesSelector(match);
    return series.filter((s) => ms.every((m) => matchesValue(m, s[m.name] ?? '')));
  };
  const uniqSorted = (xs: string[]) => [...new Set(xs)].sort();
  return {
    calls,
    async labelValues(label, match) {
      calls.push(`values ${label} ${match ?? ''}`.trim());
      return uniqSorted(
        select(match).flatMap((s) => (s[label] !== undefined && s[label] !== '' ? [s[label]] : [])),
      );
    },
    async labelNames(match) {
      calls.push(`names ${match ?? ''}`.trim());
      return uniqSorted(select(match).flatMap((s) => Object.keys(s)));
    },
    async queryInstant(expr) {
      calls.push(`query ${expr}`);
      if (!instant) throw new Error('no instant queries in this fake');
      return instant(expr);
    },
  };
}
