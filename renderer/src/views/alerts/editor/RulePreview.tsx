// The rule editor's preview: the expression over the last hours (one point per evaluation: the
// step is the group's interval) with, for an alerting rule, the spans in which it would have been
// pending and firing shaded behind the series (shared/rules/preview.ts runs the rule's state
// machine over the result), a list of those spans, and the annotations rendered for the last
// alert before anything is saved.
import { useEffect, useMemo, useState } from 'react';
import type { SeriesColumns } from '../../../../../shared/api';
import { parseDuration } from '../../../../../shared/duration';
import { previewAlert, type AlertPreview } from '../../../../../shared/rules/preview';
import type { RuleInput } from '../../../../../shared/rules/model';
import { useApi } from '../../../api-context';
import { LiveChart } from '../../../charts/LiveChart';
import type { TimeBand } from '../../../charts/time-bands';
import { ErrorNote } from '../../../components/ErrorNote';
import { errorMessage } from '../../../lib/error-message';
import { formatTimestamp } from '../../../lib/format';
import { TemplatePreview } from './TemplatePreview';

const RANGES: [string, number][] = [
  ['1h', 3_600_000],
  ['3h', 3 * 3_600_000],
  ['6h', 6 * 3_600_000],
  ['12h', 12 * 3_600_000],
  ['24h', 24 * 3_600_000],
];
/** The global evaluation interval when the group has none (Prometheus's default). */
const DEFAULT_INTERVAL_MS = 60_000;
const MAX_STEPS = 11_000;
const BAND_COLOR = { pending: '#e0a800', firing: '#d62728' } as const;

interface Result {
  series: SeriesColumns[];
  window: { startMs: number; endMs: number; stepMs: number };
}

/** The evaluation grid: steps of the interval ending at the last one before now. */
function grid(rangeMs: number, intervalMs: number, now: number) {
  const stepMs = Math.max(intervalMs, Math.ceil(rangeMs / MAX_STEPS / 1000) * 1000);
  const endMs = Math.floor(now / stepMs) * stepMs;
  return { startMs: endMs - Math.floor(rangeMs / stepMs) * stepMs, endMs, stepMs };
}

const durationMs = (text: string) => (text === '' ? 0 : parseDuration(text));

export function RulePreview({ rule, interval, run }: { rule: RuleInput; interval: string; run: number }) {
  const api = useApi();
  const [rangeMs, setRangeMs] = useState(3 * 3_600_000);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const intervalMs = (interval === '' ? DEFAULT_INTERVAL_MS : parseDuration(interval)) || DEFAULT_INTERVAL_MS;
  const expr = rule.expr.trim();

  // Runs when asked (the Preview button, Enter in the expression) and when the range changes.
  useEffect(() => {
    if (expr === '') {
      setResult(null);
      return;
    }
    let live = true;
    const window = grid(rangeMs, intervalMs, Date.now());
    setLoading(true);
    api
      .queryRange({ query: expr, ...window })
      .then(
        (r) => {
          if (!live) return;
          setResult({ series: r.series, window });
          setError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setResult(null);
          setError(errorMessage(e));
        },
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the text is read when `run` changes, not per key
  }, [api, run, rangeMs, intervalMs]);

  const forMs = durationMs(rule.for);
  const keepMs = durationMs(rule.keepFiringFor);
  const preview: AlertPreview | null = useMemo(() => {
    if (!result || rule.kind !== 'alert' || forMs === null || keepMs === null) return null;
    return previewAlert(result.series, result.window, forMs, keepMs);
  }, [result, rule.kind, forMs, keepMs]);
  const bands: TimeBand[] = useMemo(
    () => (preview?.bands ?? []).map((b) => ({ ...b, color: BAND_COLOR[b.state] })),
    [preview],
  );
  const range = useMemo(
    () =>
      result
        ? ({ kind: 'absolute', startMs: result.window.startMs, endMs: result.window.endMs } as const)
        : ({ kind: 'relative', durationMs: rangeMs } as const),
    [result, rangeMs],
  );
  const last =
    preview?.series.find((s) => s.states[s.states.length - 1] !== 'inactive') ?? preview?.series[0];
  const lastSeries = last && result?.series.find((s) => sameLabels(s.labels, last.labels));

  return (
    <section className="card rule-preview" aria-label="Preview">
      <header className="group-header">
        <h2>Preview</h2>
        <span className="muted small">
          one evaluation every {result ? `${result.window.stepMs / 1000}s` : `${intervalMs / 1000}s`}
        </span>
        <div className="spacer" />
        <div className="segmented" role="group" aria-label="Preview range">
          {RANGES.map(([label, ms]) => (
            <button
              key={label}
              type="button"
              className={ms === rangeMs ? 'on' : undefined}
              aria-pressed={ms === rangeMs}
              onClick={() => setRangeMs(ms)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <ErrorNote error={error} />
      {expr === '' && <p className="hint">Type an expression to see it over the last hours.</p>}
      {loading && <p className="muted small">Evaluating…</p>}
      {result && (
        <LiveChart
          query={expr}
          series={result.series}
          range={range}
          height={220}
          timeBands={bands}
          legendLimit={8}
        />
      )}
      {result && result.series.length === 0 && (
        <p className="hint">The expression returns nothing over this range.</p>
      )}
      {preview && <BandList preview={preview} />}
      {rule.kind === 'alert' && (forMs === null || keepMs === null) && (
        <p className="hint">Fix the durations to see when the alert would fire.</p>
      )}
      {rule.kind === 'alert' && last && lastSeries && result && (
        <TemplatePreview
          rule={rule}
          labels={lastSeries.labels}
          value={lastSeries.values[lastSeries.values.length - 1]}
          timeMs={lastSeries.timestamps[lastSeries.timestamps.length - 1]}
        />
      )}
    </section>
  );
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).filter((k) => k !== '__name__');
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function labelText(labels: Record<string, string>): string {
  const body = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ');
  return `{${body}}`;
}

function BandList({ preview }: { preview: AlertPreview }) {
  const firing = preview.series.filter((s) => s.bands.some((b) => b.state === 'firing')).length;
  const pending = preview.series.length - firing;
  return (
    <div className="alert-preview" data-firing={firing} data-pending={pending}>
      {preview.error && <ErrorNote error={`the rule would fail: ${preview.error}`} />}
      <p className="small">
        {preview.series.length === 0
          ? 'It would not have been pending or firing over this range.'
          : `${firing} alert${firing === 1 ? '' : 's'} would have fired, ${pending} only been pending.`}
      </p>
      {preview.series.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>Alert labels</th>
              <th>State</th>
              <th>From</th>
              <th>To</th>
            </tr>
          </thead>
          <tbody>
            {preview.series.slice(0, 20).flatMap((s) =>
              s.bands.map((b) => (
                <tr key={`${labelText(s.labels)}-${b.startMs}`} className={`band-${b.state}`}>
                  <td className="mono small">{labelText(s.labels)}</td>
                  <td>
                    <span className={`badge alert-state-${b.state}`}>{b.state}</span>
                  </td>
                  <td>{formatTimestamp(b.startMs)}</td>
                  <td>{formatTimestamp(b.endMs)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
