// The Prometheus HTTP API (/api/v1/...) over the engine, in Prometheus's exact JSON shapes, so
// Grafana, promtool and any Prometheus client can use Promdesk as a datasource.
import type { LabelSet } from '../../../shared/api';
import { formatGoFloat } from '../../../shared/format/go-float';
import type { Engine } from '../engine';
import {
  PromQLParseError,
  QueryExecutionError,
  QueryTimeoutError,
  parseSeriesSelector,
  type QueryResult,
} from '../query';
import type { Matcher } from '../store/types';
import { formatDuration } from '../../../shared/duration';
import { VERSION } from '../version';
import { ApiError, badData } from './api-error';
import { MAX_TIME_MS, MIN_TIME_MS, type Params } from './params';

export interface ApiReply {
  status: number;
  body: unknown;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_POINTS = 11_000;

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
  if (err instanceof PromQLParseError) return new ApiError('bad_data', err.message);
  if (err instanceof QueryTimeoutError) return new ApiError('timeout', err.message);
  if (err instanceof QueryExecutionError) return new ApiError('execution', err.message);
  return new ApiError('internal', (err as Error)?.message ?? String(err));
}

type Handler = (engine: Engine, p: Params, pathParams: string[]) => ApiReply;

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
  { re: /^\/api\/v1\/metadata$/, methods: ['GET'], handler: () => success({}) },
];

/** Routes one /api/v1 request; null when the path is not an API path. */
export function handleApi(engine: Engine, method: string, path: string, params: Params): ApiReply | null {
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

function query(engine: Engine, p: Params): ApiReply {
  const q = p.get('query');
  if (q === null) throw badData('invalid parameter "query": query must not be empty');
  const t = p.time('time', Date.now());
  const res = engine.query.instant(q, t);
  return success(encodeResult(res), res.warnings);
}

function queryRange(engine: Engine, p: Params): ApiReply {
  const q = p.get('query');
  if (q === null) throw badData('invalid parameter "query": query must not be empty');
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
  if ((end - start) / step > MAX_POINTS) {
    throw badData(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  const res = engine.query.range(q, start, end, step);
  return success(encodeResult(res), res.warnings);
}

function matcherSets(p: Params, required: boolean): Matcher[][] {
  const raw = p.getAll('match[]');
  if (required && raw.length === 0) throw badData('no match[] parameter provided');
  return raw.map((s) => {
    try {
      return parseSeriesSelector(s);
    } catch (err) {
      throw badData((err as Error).message);
    }
  });
}

function series(engine: Engine, p: Params): ApiReply {
  const sets = matcherSets(p, true);
  const start = p.time('start', MIN_TIME_MS);
  const end = p.time('end', MAX_TIME_MS);
  const out = engine.store.series(sets, start, end).map(sortLabels);
  return success(out);
}

function labels(engine: Engine, p: Params): ApiReply {
  const start = p.time('start', MIN_TIME_MS);
  const end = p.time('end', MAX_TIME_MS);
  return success(engine.store.labelNames(matcherSets(p, false), start, end));
}

function labelValues(engine: Engine, p: Params, [name]: string[]): ApiReply {
  if (!LABEL_NAME.test(name)) throw badData(`invalid label name: "${name}"`);
  const start = p.time('start', MIN_TIME_MS);
  const end = p.time('end', MAX_TIME_MS);
  return success(engine.store.labelValues(name, matcherSets(p, false), start, end));
}

function targets(engine: Engine, p: Params): ApiReply {
  const state = p.get('state') ?? 'any';
  const active =
    state === 'dropped'
      ? []
      : engine
          .listTargets()
          .filter((t) => !t.paused)
          .map((t) => {
            const url = new URL(t.input.url);
            return {
              discoveredLabels: {
                __address__: url.host,
                __metrics_path__: url.pathname,
                __scheme__: url.protocol.replace(':', ''),
                __scrape_interval__: formatDuration(t.input.intervalMs),
                __scrape_timeout__: formatDuration(t.input.timeoutMs),
                job: t.input.job,
              },
              labels: t.targetLabels,
              scrapePool: t.input.job,
              scrapeUrl: t.input.url,
              globalUrl: t.input.url,
              lastError: t.lastError ?? '',
              lastScrape:
                t.lastScrapeMs === null ? '0001-01-01T00:00:00Z' : new Date(t.lastScrapeMs).toISOString(),
              lastScrapeDuration: (t.lastDurationMs ?? 0) / 1000,
              health: t.health,
              scrapeInterval: formatDuration(t.input.intervalMs),
              scrapeTimeout: formatDuration(t.input.timeoutMs),
            };
          });
  return success({ activeTargets: state === 'dropped' ? [] : active, droppedTargets: [] });
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

function flags(engine: Engine): ApiReply {
  const info = engine.info();
  return success({
    'storage.tsdb.path': info.dataDir,
    'config.file': info.configFile ?? '',
    'query.lookback-delta': '5m',
  });
}

function config(engine: Engine): ApiReply {
  return success({ yaml: engine.configYaml() });
}

function sortLabels(l: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k];
  return out;
}

/** A query result in Prometheus's JSON: values as [unix seconds, "string"]. */
export function encodeResult(res: QueryResult): unknown {
  switch (res.resultType) {
    case 'vector':
      return {
        resultType: 'vector',
        result: res.result.map((s) => ({
          metric: sortLabels(s.labels),
          value: [s.t / 1000, formatGoFloat(s.v)],
        })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: res.result.map((s) => {
          const values: [number, string][] = new Array(s.t.length);
          for (let i = 0; i < s.t.length; i++) values[i] = [s.t[i] / 1000, formatGoFloat(s.v[i])];
          return { metric: sortLabels(s.labels), values };
        }),
      };
    case 'scalar':
      return { resultType: 'scalar', result: [res.t / 1000, formatGoFloat(res.v)] };
    case 'string':
      return { resultType: 'string', result: [res.t / 1000, res.v] };
  }
}
