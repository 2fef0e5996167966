// Pick series and watch them live. The selector and range live in the URL hash (shareable).
import { useEffect, useRef, useState } from 'react';
import { LiveChart } from '../charts/LiveChart';
import { RangePicker } from '../components/RangePicker';
import { useLabelValues } from '../hooks/useLabelValues';
import { useZoomableRange } from '../hooks/useZoomableRange';
import { rememberGraphHash } from '../lib/graph-memory';
import { formatHash } from '../lib/route';
import { buildSelector, isValidMetricName, parseSelector, type SelectorParts } from '../lib/selector';
import { rangeFromParam, rangeToParam } from '../lib/time-range';
import { guessUnit, metricNameOf } from '../lib/units';
import { SeriesPicker } from './SeriesPicker';

const unitNames = {
  seconds: 'seconds',
  bytes: 'bytes (IEC)',
  ratio: 'ratio → %',
  percent: 'percent',
  none: '',
};

export function GraphView({ params }: { params: URLSearchParams }) {
  const initialQuery = params.get('q') ?? '';
  const [parts, setParts] = useState<SelectorParts>(
    () => parseSelector(initialQuery) ?? { metric: '', matchers: [] },
  );
  const [query, setQuery] = useState(initialQuery);
  const { range, setRange, zoom, reset, canReset } = useZoomableRange(
    rangeFromParam(params.get('range')) ?? { kind: 'relative', durationMs: 3_600_000 },
  );
  const metricNames = useLabelValues('__name__');

  // Picker edits reach the chart after a short pause (typing does not resubscribe per key).
  const firstParts = useRef(parts);
  useEffect(() => {
    if (parts === firstParts.current) return; // the query from the URL is already showing
    // A filter still being typed (no value yet) waits; `label=""` can be typed as raw text.
    const sel = buildSelector({ ...parts, matchers: parts.matchers.filter((m) => m.value !== '') });
    const usable = (parts.metric === '' || isValidMetricName(parts.metric)) && sel !== '';
    if (!usable) return;
    const t = setTimeout(() => setQuery(sel), 400);
    return () => clearTimeout(t);
  }, [parts]);

  useEffect(() => {
    const hash = formatHash('graph', { q: query, range: rangeToParam(range) });
    if (location.hash !== hash) history.replaceState(null, '', hash);
    rememberGraphHash(hash);
  }, [query, range]);

  const unit = guessUnit(metricNameOf(query));

  return (
    <div className="view graph">
      <header className="view-header">
        <h1>Graph</h1>
        <div className="spacer" />
        <RangePicker range={range} onChange={setRange} onResume={canReset ? reset : undefined} />
      </header>
      <SeriesPicker
        parts={parts}
        onChange={setParts}
        onRawCommit={(text) => setQuery(text.trim())}
        metricNames={metricNames.values}
      />
      {query ? (
        <section className="card graph-card">
          <header className="panel-header">
            <code className="query-text">{query}</code>
            <span className="panel-sub">
              {unitNames[unit] && `unit: ${unitNames[unit]} · `}drag to zoom, double-click to reset
            </span>
          </header>
          <LiveChart query={query} range={range} height={380} onZoom={zoom} onResetZoom={reset} />
        </section>
      ) : (
        <div className="card graph-empty">
          <p>Pick a metric to graph it live.</p>
          {metricNames.values.length > 0 && (
            <div className="chips">
              {metricNames.values.slice(0, 24).map((n) => (
                <button
                  key={n}
                  type="button"
                  className="chip"
                  onClick={() => {
                    setParts({ metric: n, matchers: [] });
                    setQuery(n);
                  }}
                >
                  {n}
                </button>
              ))}
            </div>
          )}
          {metricNames.error && <p className="field-error">{metricNames.error}</p>}
        </div>
      )}
    </div>
  );
}
