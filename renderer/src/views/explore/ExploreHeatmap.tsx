// Explore's heatmap, offered beside the graph when the query's result is classic histogram buckets
// (every series carries a numeric `le`), as VictoriaMetrics' vmui does: the range queried at a
// step that keeps cells visible, drawn by the dashboards' HeatmapViz with Grafana's defaults and
// the bounds in the unit the bucket metric's name gives.
import { useEffect, useState } from 'react';
import type { SeriesColumns } from '../../../../shared/api';
import { isBucketResult } from '../../../../shared/dashboards/heatmap/le-buckets';
import { heatmapOptions } from '../../../../shared/dashboards/heatmap/options';
import { useApi } from '../../api-context';
import { chooseStepMs, resolveRange, type TimeRange } from '../../lib/time-range';
import { HeatmapViz } from '../dashboards/viz/HeatmapViz';

export interface BucketResult {
  query: string;
  series: SeriesColumns[];
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** About this many columns of cells across the range. */
const COLUMNS = 240;
/** A query that names a _bucket metric or the le label: only those can give histogram buckets. */
const MAY_BE_BUCKETS = /_bucket\b|\ble\b/;
/** How often a live (relative) range is queried again. */
const REFRESH_MS = 10_000;

/** The query's range result when it is histogram buckets, else null (also while loading or on error). */
export function useBucketResult(
  query: string,
  range: TimeRange,
  datasource: string | undefined,
  runId: number,
): BucketResult | null {
  const api = useApi();
  const [result, setResult] = useState<BucketResult | null>(null);
  const rangeKey = JSON.stringify(range);
  useEffect(() => {
    // Only a query that can return buckets is asked twice (once by the graph, once here).
    if (!MAY_BE_BUCKETS.test(query)) return setResult(null);
    let stale = false;
    const load = () => {
      const { startMs, endMs } = resolveRange(range, Date.now());
      const stepMs = chooseStepMs(endMs - startMs, COLUMNS);
      api.queryRange({ query, startMs, endMs, stepMs, datasource }).then(
        (r) => {
          if (!stale)
            setResult(isBucketResult(r.series) ? { query, series: r.series, startMs, endMs, stepMs } : null);
        },
        () => {
          if (!stale) setResult(null);
        },
      );
    };
    load();
    const timer = range.kind === 'relative' ? setInterval(load, REFRESH_MS) : undefined;
    return () => {
      stale = true;
      clearInterval(timer);
    };
    // rangeKey stands for the range's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, query, rangeKey, datasource, runId]);
  return result;
}

const DEFAULTS = heatmapOptions(undefined);

export function ExploreHeatmap({ result, height }: { result: BucketResult; height: number }) {
  return (
    <div className="explore-heatmap" style={{ height }} data-testid="explore-heatmap">
      <HeatmapViz
        series={result.series}
        options={DEFAULTS}
        query={result.query}
        startMs={result.startMs}
        endMs={result.endMs}
        stepMs={result.stepMs}
      />
    </div>
  );
}
