// The exporter Preview pane: fetch a URL through the engine (or paste text), see its families,
// series, lint findings and raw text, and with auto-refresh what changed between fetches.
// Parsing, linting and diffing run in a worker; every list is virtualized.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OtlpPushView } from '../../../shared/api';
import type { LintFinding } from '../../../shared/exposition/lint/types';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { errorMessage } from '../lib/error-message';
import { createAnalyzer, type Analyzer } from '../lib/preview-analyzer';
import type { PreviewAnalysis } from '../lib/preview-analyze';
import {
  clampRefreshSeconds,
  fetchRequest,
  targetFromPreview,
  type FormatChoice,
  type PreviewFetchForm,
} from '../lib/preview-request';
import { formatHash } from '../lib/route';
import { FamiliesTable } from './preview/FamiliesTable';
import { FindingsList } from './preview/FindingsList';
import { RawText } from './preview/RawText';
import { ResultSummary, type FetchMeta } from './preview/ResultSummary';
import { SeriesTable } from './preview/SeriesTable';
import { PasteSource, UrlSource, type SourceKind } from './preview/SourceForm';
import { OtlpListen } from './preview/OtlpListen';
import type { ScrollRequest } from './preview/VirtualRows';

type Tab = 'families' | 'series' | 'findings' | 'raw';

interface Shown {
  body: string;
  analysis: PreviewAnalysis;
  fetched: FetchMeta | null;
}

export function PreviewView({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const [source, setSource] = useState<SourceKind | 'otlp'>(() => {
    const s = params.get('source');
    return s === 'paste' || s === 'otlp' ? s : 'url';
  });
  const [form, setForm] = useState<PreviewFetchForm>(() => ({
    url: params.get('url') ?? '',
    auth: { type: 'none' },
    headers: '',
    timeoutSeconds: 10,
    tlsInsecureSkipVerify: false,
  }));
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [pasted, setPasted] = useState('');
  const [auto, setAuto] = useState(false);
  const [every, setEvery] = useState(2);
  const [busy, setBusy] = useState(false);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [tab, setTab] = useState<Tab>('families');
  const [family, setFamily] = useState<string | null>(null);
  const [jump, setJump] = useState<ScrollRequest | null>(null);
  const [makingTarget, setMakingTarget] = useState(false);
  const [fetches, setFetches] = useState(0);

  const analyzer = useRef<Analyzer | null>(null);
  useEffect(() => {
    const a = createAnalyzer();
    analyzer.current = a;
    return () => a.dispose();
  }, []);

  // Results arrive out of order when a fetch is slow; only the newest request's counts.
  const seq = useRef(0);
  const lastSource = useRef('');
  const analyze = useCallback(
    async (
      body: string,
      contentType: string | null,
      fetchedAtMs: number | null,
      sourceKey: string,
      fetched: FetchMeta | null,
    ) => {
      const a = analyzer.current;
      if (!a) return;
      const mine = ++seq.current;
      const reset = sourceKey !== lastSource.current;
      lastSource.current = sourceKey;
      const analysis = await a.analyze({ body, format, contentType, fetchedAtMs, reset });
      if (mine === seq.current) setShown({ body, analysis, fetched });
    },
    [format],
  );

  const fetchOnce = async () => {
    const r = fetchRequest(form);
    if ('error' in r) {
      setFetchError(r.error);
      return;
    }
    setBusy(true);
    try {
      const res = await api.fetchExposition(r.req);
      if (!res.ok) setFetchError(`Fetching ${r.req.url} failed: ${res.error}`);
      else {
        setFetchError(null);
        const { body, ...meta } = res;
        await analyze(body, res.contentType, res.fetchedAtMs, `url ${r.req.url} ${format}`, meta);
        if (params.get('url') !== r.req.url)
          history.replaceState(null, '', formatHash('preview', { url: r.req.url }));
      }
    } catch (e) {
      setFetchError(errorMessage(e));
    } finally {
      setBusy(false);
      setFetches((n) => n + 1);
    }
  };
  const fetchRef = useRef(fetchOnce);
  fetchRef.current = fetchOnce;

  // A shared `#/preview?url=...` link fetches on open.
  useEffect(() => {
    if (params.get('url') && source === 'url') void fetchRef.current();
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Auto-refresh: the next fetch starts `every` seconds after the last one ended (never two at once).
  useEffect(() => {
    if (!auto || source !== 'url') return;
    const t = setTimeout(() => void fetchRef.current(), clampRefreshSeconds(every) * 1000);
    return () => clearTimeout(t);
  }, [auto, every, fetches, source]);

  // Pasted text is analysed as it changes, debounced (a 2 MB paste must not re-parse per keystroke).
  useEffect(() => {
    if (source !== 'paste') return;
    const t = setTimeout(() => void analyze(pasted, null, null, `paste ${format}`, null), 250);
    return () => clearTimeout(t);
  }, [pasted, source, format, analyze]);

  // An OTLP push's translation is shown as a scrape is, with what changed since the push before.
  const showPush = useCallback(
    (p: OtlpPushView) => void analyze(p.text, 'text/plain; version=0.0.4', p.receivedAtMs, 'otlp', null),
    [analyze],
  );

  const makeTarget = async (job: string) => {
    setMakingTarget(true);
    try {
      const input = targetFromPreview(form, job);
      const existing = (await api.listTargets()).find((t) => t.input.url === input.url);
      if (!existing) await api.addTarget(input);
      location.hash = '#/targets';
    } catch (e) {
      setFetchError(`Make scrape target: ${errorMessage(e)}`);
    } finally {
      setMakingTarget(false);
    }
  };

  const a = shown?.analysis ?? null;
  const findingsByLine = useMemo(() => {
    const m = new Map<number, LintFinding[]>();
    for (const f of a?.findings ?? []) {
      if (f.line === null) continue;
      const l = m.get(f.line);
      if (l) l.push(f);
      else m.set(f.line, [f]);
    }
    return m;
  }, [a]);
  const showLine = (line: number) => {
    setTab('raw');
    setJump({ row: line - 1, nonce: Date.now() });
  };
  const openFamily = (name: string | null) => {
    setFamily(name);
    setTab('series');
  };

  const tabs: { id: Tab; label: string; count: number | null }[] = a
    ? [
        { id: 'families', label: 'Families', count: a.families.length },
        { id: 'series', label: 'Series', count: a.series.length },
        { id: 'findings', label: 'Findings', count: a.findings.length + (a.error ? 1 : 0) },
        { id: 'raw', label: 'Raw text', count: a.lineStarts.length },
      ]
    : [];

  return (
    <div className="view preview">
      <header className="view-header">
        <h1>Preview</h1>
        <div className="segmented" role="group" aria-label="Source">
          <button type="button" className={source === 'url' ? 'on' : ''} onClick={() => setSource('url')}>
            URL
          </button>
          <button type="button" className={source === 'paste' ? 'on' : ''} onClick={() => setSource('paste')}>
            Paste text
          </button>
          <button
            type="button"
            className={source === 'otlp' ? 'on' : ''}
            onClick={() => {
              setSource('otlp');
              setShown(null);
            }}
          >
            Listen for OTLP
          </button>
        </div>
        <span className="hint">Lint an exporter&apos;s /metrics and watch its series change.</span>
      </header>
      {source === 'url' ? (
        <UrlSource
          form={form}
          onForm={setForm}
          format={format}
          onFormat={setFormat}
          busy={busy}
          onFetch={() => void fetchOnce()}
          auto={auto}
          onAuto={setAuto}
          every={every}
          onEvery={setEvery}
          onMakeTarget={(job) => void makeTarget(job)}
          makingTarget={makingTarget}
        />
      ) : source === 'paste' ? (
        <PasteSource text={pasted} onText={setPasted} format={format} onFormat={setFormat} />
      ) : (
        <OtlpListen onShow={showPush} />
      )}
      <ErrorNote error={fetchError} onDismiss={() => setFetchError(null)} />
      {!a && !fetchError && source !== 'otlp' && (
        <div className="card preview-empty">
          <p className="hint">
            {source === 'url'
              ? 'Enter the URL of a /metrics endpoint: the engine fetches it (no CORS), with auth and headers if needed.'
              : 'Paste a Prometheus text or OpenMetrics body.'}
          </p>
        </div>
      )}
      {a && shown && (
        <section className="card preview-result">
          <ResultSummary a={a} fetched={shown.fetched} />
          {a.error && (
            <div className="parse-error" role="alert">
              <strong>
                Parse error at line {a.error.line}, column {a.error.column}:
              </strong>{' '}
              {a.error.message}
              <button type="button" className="btn btn-small" onClick={() => showLine(a.error!.line)}>
                Show line
              </button>
            </div>
          )}
          <div className="tabs" role="tablist">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'on' : ''}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.count !== null && <span className="tab-count">{t.count}</span>}
              </button>
            ))}
          </div>
          {tab === 'families' && <FamiliesTable families={a.families} onOpen={openFamily} />}
          {tab === 'series' && (
            <SeriesTable
              series={a.series}
              family={family}
              onFamily={setFamily}
              findingsByLine={findingsByLine}
              onLine={showLine}
            />
          )}
          {tab === 'findings' && (
            <FindingsList
              findings={
                a.error
                  ? [
                      {
                        code: 'parse-error',
                        severity: 'error',
                        line: a.error.line,
                        family: null,
                        message: `column ${a.error.column}: ${a.error.message}`,
                        hint: 'the scrape fails at this line; nothing after it is read',
                      },
                      ...a.findings,
                    ]
                  : a.findings
              }
              onLine={showLine}
            />
          )}
          {tab === 'raw' && (
            <RawText
              body={shown.body}
              lineStarts={a.lineStarts}
              maxLineLength={a.maxLineLength}
              findingsByLine={findingsByLine}
              error={a.error}
              scrollTo={jump}
            />
          )}
        </section>
      )}
    </div>
  );
}
