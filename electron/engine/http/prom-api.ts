// The Prometheus HTTP API (/api/v1/...) over the engine, in Prometheus's exact JSON shapes, so
// Grafana, promtool and any Prometheus client can use Promdesk as a datasource.
import type { LabelSet, TargetView } from '../../../shared/api';
import type { EngineHttpView } from '../engine-api';
import { resolutionError } from '../resolution-limit';
import {
  InvalidQueryError,
  PromQLParseError,
  QueryExecutionError,
  QueryTimeoutError,
  parseExpr,
  parseSeriesSelector,
  type Expr,
  type QueryResult,
} from '../query';
import { prettyExpr } from '../query/printer';
import { encodeResultJson } from './result-json';
import type { Matcher } from '../store/types';
import { formatDuration } from '../../../shared/duration';
import { VERSION } from '../version';
import { ApiError, badData } from './api-error';
import { MAX_TIME_MS, MIN_TIME_MS, type Params } from './params';
import { alertsJson, rulesJson } from './rules-api';

export interface ApiReply {
  status: number;
  body: unknown;
  /** The body already serialized (big query results skip JSON.stringify). */
  json?: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function success(data: unknown, warnings: string[] = []): ApiReply {
  return {
    status: 200,
    body: warnings.length ? { status: 'success', data, warnings } : { status: 'success', data },
  };
}

export function failure(err: unknown): ApiReply {
  const e = toApiError(err);
  return { status: e.status, body: { status: 'error', errorType: e.type, error: e.message } };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof PromQLParseError || err instanceof InvalidQueryError)
    return new ApiError('bad_data', err.message);
  if (err instanceof QueryTimeoutError) return new ApiError('timeout', err.message);
  if (err instanceof QueryExecutionError) return new ApiError('execution', err.message);
  // V8's own limits, reached by what the request asked for, not by a fault of the server.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new ApiError('bad_data', 'request nests too deeply to process');
  }
  if (err instanceof RangeError && /invalid (string|array) length/i.test(err.message)) {
    return new ApiError('execution', 'query result too large to send: narrow the query or its time range');
  }
  return new ApiError('internal', (err as Error)?.message ?? String(err));
}

type Handler = (engine: EngineHttpView, p: Params, pathParams: string[]) => ApiReply;

const routes: { re: RegExp; methods: string[]; handler: Handler }[] = [
  { re: /^\/api\/v1\/query$/, methods: ['GET', 'POST'], handler: query },
  { re: /^\/api\/v1\/query_range$/, methods: ['GET', 'POST'], handler: queryRange },
  { re: /^\/api\/v1\/series$/, methods: ['GET', 'POST'], handler: series },
  { re: /^\/api\/v1\/labels$/, methods: ['GET', 'POST'], handler: labels },
  { re: /^\/api\/v1\/label\/([^/]+)\/values$/, methods: ['GET'], handler: labelValues },
  { re: /^\/api\/v1\/targets$/, methods: ['GET'], handler: targets },
  { re: /^\/api\/v1\/status\/buildinfo$/, methods: ['GET'], handler: buildinfo },
  { re: /^\/api\/v1\/status\/flags$/, methods: ['GET'], handler: flags },
  { re: /^\/api\/v1\/status\/config$/, methods: ['GET'], handler: config },
  { re: /^\/api\/v1\/status\/runtimeinfo$/, methods: ['GET'], handler: runtimeinfo },
  { re: /^\/api\/v1\/status\/tsdb$/, methods: ['GET'], handler: tsdbStatus },
  { re: /^\/api\/v1\/metadata$/, methods: ['GET'], handler: metadata },
  { re: /^\/api\/v1\/format_query$/, methods: ['GET', 'POST'], handler: formatQuery },
  { re: /^\/api\/v1\/query_exemplars$/, methods: ['GET', 'POST'], handler: queryExemplars },
  {
    re: /^\/api\/v1\/rules$/,
    methods: ['GET'],
    handler: (e, p) => success(rulesJson(e.rules.status(), p.get('type'))),
  },
  { re: /^\/api\/v1\/alerts$/, methods: ['GET'], handler: (e) => success(alertsJson(e.rules.status())) },
  { re: /^\/api\/v1\/alertmanagers$/, methods: ['GET'], handler: alertmanagers },
];

/** Routes one /api/v1 request; null when the path is not an API path. */
export function handleApi(
  engine: EngineHttpView,
  method: string,
  path: string,
  params: Params,
): ApiReply | null {
  if (!path.startsWith('/api/v1/')) return null;
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    if (!r.methods.includes(method)) {
      return {
        status: 405,
        body: { status: 'error', errorType: 'bad_data', error: `method ${method} not allowed` },
      };
    }
    try {
      return r.handler(engine, params, m.slice(1).map(decodeURIComponent));
    } catch (err) {
      return failure(err);
    }
  }
  return {
    status: 404,
    body: { status: 'error', errorType: 'not_found', error: `unknown API endpoint ${path}` },
  };
}

/** The `query` parameter parsed; parse errors read `invalid parameter "query": ...` as in Prometheus. */
function queryParam(p: Params): Expr {
  try {
    return parseExpr(p.get('query') ?? '');
  } catch (err) {
    if (err instanceof PromQLParseError) throw badData(`invalid parameter "query": ${err.message}`);
    throw err;
  }
}

/** A per-request `timeout`: it shortens --query.timeout for this query, as in Prometheus. */
function requestTimeout(p: Params): number | undefined {
  return p.duration('timeout') ?? undefined;
}

function query(engine: EngineHttpView, p: Params): ApiReply {
  const t = p.time('time', Date.now(), true);
  const timeout = requestTimeout(p);
  const expr = queryParam(p);
  const res = engine.query.instantExpr(expr, t, timeout);
  return resultReply(res);
}

function queryRange(engine: EngineHttpView, p: Params): ApiReply {
  const start = p.time('start', NaN);
  const end = p.time('end', NaN);
  if (Number.isNaN(start)) throw badData('invalid parameter "start": cannot parse "" to a valid timestamp');
  if (Number.isNaN(end)) throw badData('invalid parameter "end": cannot parse "" to a valid timestamp');
  if (end < start) throw badData('invalid parameter "end": end timestamp must not be before start time');
  const step = p.duration('step');
  if (step === null) throw badData('invalid parameter "step": cannot parse "" to a valid duration');
  if (step <= 0) {
    throw badData(
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  const tooMany = resolutionError(start, end, step);
  if (tooMany) throw badData(tooMany);
  const timeout = requestTimeout(p);
  const expr = queryParam(p);
  const res = engine.query.rangeExpr(expr, start, end, step, timeout);
  return resultReply(res);
}

function resultReply(res: QueryResult): ApiReply {
  const data = encodeResultJson(res);
  const warnings = res.warnings.length ? `,"warnings":${JSON.stringify(res.warnings)}` : '';
  return { status: 200, body: null, json: `{"status":"success","data":${data}${warnings}}` };
}

function matcherSets(p: Params, required: boolean): Matcher[][] {
  const raw = p.getAll('match[]');
  if (required && raw.length === 0) throw badData('no match[] parameter provided');
  return raw.map((s) => {
    try {
      return parseSeriesSelector(s);
    } catch (err) {
      // Prometheus names the parameter for /series only.
      throw badData(`${required ? 'invalid parameter "match[]": ' : ''}${(err as Error).message}`);
    }
  });
}

function series(engine: EngineHttpView, p: Params): ApiReply {
  const sets = matcherSets(p, true);
  const start = p.time('start', MIN_TIME_MS, true);
  const end = p.time('end', MAX_TIME_MS, true);
  const out = engine.store.series(sets, start, end).map(sortLabels);
  return success(out);
}

function labels(engine: EngineHttpView, p: Params): ApiReply {
  const start = p.time('start', MIN_TIME_MS, true);
  const end = p.time('end', MAX_TIME_MS, true);
  return success(engine.store.labelNames(matcherSets(p, false), start, end));
}

function labelValues(engine: EngineHttpView, p: Params, [name]: string[]): ApiReply {
  if (!LABEL_NAME.test(name)) throw badData(`invalid label name: "${name}"`);
  const start = p.time('start', MIN_TIME_MS, true);
  const end = p.time('end', MAX_TIME_MS, true);
  return success(engine.store.labelValues(name, matcherSets(p, false), start, end));
}

/** As Prometheus 2.42: active targets sorted by pool, dropped ones with their discovered labels. */
function targets(engine: EngineHttpView, p: Params): ApiReply {
  const state = (p.get('state') ?? '').toLowerCase();
  const pool = p.get('scrapePool') ?? '';
  const showActive = state === '' || state === 'any' || state === 'active';
  const showDropped = state === '' || state === 'any' || state === 'dropped';
  const inPool = (name: string) => pool === '' || name === pool;
  const active = !showActive
    ? []
    : engine
        .listTargets()
        .filter((t) => !t.paused && inPool(t.input.job))
        .sort((a, b) => (a.input.job < b.input.job ? -1 : a.input.job > b.input.job ? 1 : 0))
        .map((t) => ({
          discoveredLabels: t.discoveredLabels ?? discoveredOf(t),
          labels: t.targetLabels,
          scrapePool: t.input.job,
          scrapeUrl: t.scrapeUrl ?? t.input.url,
          globalUrl: t.scrapeUrl ?? t.input.url,
          lastError: t.lastError ?? '',
          lastScrape:
            t.lastScrapeMs === null ? '0001-01-01T00:00:00Z' : new Date(t.lastScrapeMs).toISOString(),
          lastScrapeDuration: (t.lastDurationMs ?? 0) / 1000,
          health: t.health,
          scrapeInterval: formatDuration(t.input.intervalMs),
          scrapeTimeout: formatDuration(t.input.timeoutMs),
        }));
  const dropped = !showDropped
    ? []
    : engine
        .droppedTargets()
        .filter((t) => inPool(t.scrapePool))
        .map((t) => ({ discoveredLabels: t.discoveredLabels }));
  return success({ activeTargets: active, droppedTargets: dropped });
}

/** A UI target's labels as a discovered target would have had them. */
function discoveredOf(t: TargetView): LabelSet {
  const url = new URL(t.input.url);
  return {
    __address__: url.host,
    __metrics_path__: url.pathname,
    __scheme__: url.protocol.replace(':', ''),
    __scrape_interval__: formatDuration(t.input.intervalMs),
    __scrape_timeout__: formatDuration(t.input.timeoutMs),
    job: t.input.job,
  };
}

function buildinfo(): ApiReply {
  return success({
    version: VERSION,
    revision: '',
    branch: '',
    buildUser: 'promdesk',
    buildDate: '',
    goVersion: `node ${process.versions.node}`,
  });
}

function flags(engine: EngineHttpView): ApiReply {
  const info = engine.info();
  const q = engine.query.settings;
  return success({
    'config.file': info.configFile ?? '',
    'query.compat': q.compat === '3' ? '3' : '2',
    'query.lookback-delta': formatDuration(q.lookbackDeltaMs),
    'query.max-samples': String(q.maxSamples),
    'query.timeout': formatDuration(q.timeoutMs),
    'storage.tsdb.path': info.dataDir,
  });
}

function runtimeinfo(engine: EngineHttpView): ApiReply {
  return success({
    startTime: new Date(engine.startedAtMs).toISOString(),
    CWD: process.cwd(),
    reloadConfigSuccess: true,
    lastConfigTime: new Date(engine.startedAtMs).toISOString().replace(/\.\d+Z$/, 'Z'),
    corruptionCount: 0,
    goroutineCount: 0,
    GOMAXPROCS: 1,
    GOGC: '',
    GODEBUG: '',
    storageRetention: '',
  });
}

/** A useful subset of Prometheus's TSDB status: series and label cardinalities, top 10 each. */
function tsdbStatus(engine: EngineHttpView): ApiReply {
  const all = engine.store.series(
    [[{ name: '__name__', type: '=~', value: '.+' }]],
    MIN_TIME_MS,
    MAX_TIME_MS,
  );
  const byName = new Map<string, number>();
  const values = new Map<string, Set<string>>();
  const pairs = new Map<string, number>();
  let numPairs = 0;
  for (const ls of all) {
    for (const k in ls) {
      const v = ls[k];
      if (k === '__name__') byName.set(v, (byName.get(v) ?? 0) + 1);
      let set = values.get(k);
      if (!set) values.set(k, (set = new Set()));
      if (!set.has(v)) {
        set.add(v);
        numPairs++;
      }
      const pair = `${k}=${v}`;
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
  }
  const top = (m: Iterable<[string, number]>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([name, value]) => ({ name, value }));
  return success({
    headStats: { numSeries: all.length, numLabelPairs: numPairs, chunkCount: 0, minTime: 0, maxTime: 0 },
    seriesCountByMetricName: top(byName),
    labelValueCountByLabelName: top([...values].map(([k, set]): [string, number] => [k, set.size])),
    memoryInBytesByLabelName: top(
      [...values].map(([k, set]): [string, number] => [k, [...set].reduce((n, v) => n + v.length, 0)]),
    ),
    seriesCountByLabelValuePair: top(pairs),
  });
}

/** Metric metadata (HELP, TYPE, UNIT) learned from scrapes: { name: [{type, help, unit}] }. */
function metadata(engine: EngineHttpView, p: Params): ApiReply {
  const limit = intParam(p, 'limit');
  const metric = p.get('metric');
  const out: Record<string, { type: string; help: string; unit: string }[]> = {};
  let n = 0;
  for (const [name, entries] of engine.metadata.list()) {
    if (metric && name !== metric) continue;
    if (limit !== null && limit >= 0 && n >= limit) break;
    out[name] = entries;
    n++;
  }
  return success(out);
}

function intParam(p: Params, name: string): number | null {
  const raw = p.get(name);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badData(`invalid parameter "${name}": cannot parse "${raw}" to an integer`);
  return n;
}

function formatQuery(_engine: EngineHttpView, p: Params): ApiReply {
  return success(prettyExpr(queryParam(p)));
}

/** Promdesk stores no exemplars yet: a valid query gets an empty list, like a TSDB without any. */
function queryExemplars(_engine: EngineHttpView, p: Params): ApiReply {
  p.time('start', MIN_TIME_MS, true);
  p.time('end', MAX_TIME_MS, true);
  queryParam(p);
  return success([]);
}

/** Prometheus's shape: each Alertmanager as {url}, those relabel_configs dropped apart. */
function alertmanagers(engine: EngineHttpView): ApiReply {
  const s = engine.alertmanagers.status();
  return success({
    activeAlertmanagers: s.active.map((url) => ({ url })),
    droppedAlertmanagers: s.dropped.map((url) => ({ url })),
  });
}

function config(engine: EngineHttpView): ApiReply {
  return success({ yaml: engine.configYaml() });
}

function sortLabels(l: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k];
  return out;
}
