// Generators for fuzzing the Api's request path: well-formed calls of every method with one part
// replaced by something hostile, wholly random parameter lists, and method names that are not
// methods. Every URL they can produce points at a closed port on 127.0.0.1, so no call that
// passes validation reaches past this machine.
import fc from 'fast-check';
import { API_METHODS, type ApiMethod } from '../../shared/api';

const URLS = [
  'http://127.0.0.1:1/metrics',
  'https://127.0.0.1:1/x?y=1',
  'http://localhost:1',
  'tcp://127.0.0.1:1',
  'http://[::1]:1/',
  'http://',
  'ftp://127.0.0.1/',
  '',
  ' ',
  'http://127.0.0.1:1/%zz',
  'http://127.0.0.1:99999',
];

const QUERIES = [
  'up',
  'rate(x[5m])',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[1m]))',
  'histogram_quantile(0.9, rate(h_bucket[5m]))',
  'label_replace(up, "a", "$1", "job", "(.*)")',
  'x offset 1h @ 100',
  'max_over_time(up[10m:1m])',
  '{__name__=~"a.*",job!=""}',
  'vector(1) + on() group_left vector(2)',
  '1/0',
  '',
  '(',
  '{',
  'x{',
  'sum(',
  '"\\',
  '{x=~"("}',
  'topk(1e9, up)',
  'count_values("a", up)',
  'quantile(NaN, up)',
  'absent_over_time(x[1y])',
];

/** Values that break assumptions: wrong types, extremes, prototype keys, deep and long ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -1,
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 1,
    0.5,
    '',
    'x',
    '__proto__',
    'constructor',
    'toString',
    [],
    {},
    [[[[[]]]]],
    { type: 'basic' },
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  ),
  fc.constantFrom(...URLS),
  fc.constantFrom(...QUERIES),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 3, maxKeys: 4 }),
  fc.nat({ max: 6 }).map((k) => 'a'.repeat(10 ** k)),
);

/** relabel_configs as typed: good, bad in each way the checks name, and not YAML at all. */
const relabelRules = fc.oneof(
  fc.constantFrom(
    '',
    '- {action: drop, source_labels: [a], regex: x}',
    '- {action: hashmod, modulus: 0, target_label: h}',
    '- regex: "("',
    '- action: nope',
    'a: [',
    '- ~',
    '- &a [*a]',
  ),
  fc.string({ maxLength: 40 }),
);
const target = fc.record({
  kind: fc.constantFrom(undefined, 'prometheus', 'json', 'tcp-stream'),
  url: fc.constantFrom(...URLS),
  job: fc.constantFrom('a', 'b', ''),
  intervalMs: fc.constantFrom(1000, 100, 99, 86_400_000),
  timeoutMs: fc.constantFrom(500, 50, 49),
  labels: fc.constantFrom({}, { env: 'x' }, { 'bad-name': 'x' }),
  auth: fc.constantFrom(
    { type: 'none' },
    { type: 'basic', username: 'u', password: 'p' },
    { type: 'bearer', token: 't' },
  ),
  honorLabels: fc.boolean(),
  honorTimestamps: fc.boolean(),
  tlsInsecureSkipVerify: fc.boolean(),
  json: fc.constantFrom(undefined, { preset: 'nope' }, { metrics: [{ name: 'm', path: '$.a' }] }),
  tcp: fc.constantFrom(undefined, { histogram: 'buckets' }, { histogram: 'summary', quantiles: [2] }),
  relabelConfigs: fc.option(relabelRules, { nil: undefined }),
  metricRelabelConfigs: fc.option(relabelRules, { nil: undefined }),
});
const datasource = fc.record({
  id: fc.constantFrom(undefined, 'ds1', ''),
  name: fc.constantFrom('d', ''),
  url: fc.constantFrom(...URLS),
  auth: fc.constantFrom({ type: 'none' }, { type: 'bearer', token: 't' }),
  tlsInsecureSkipVerify: fc.boolean(),
  timeoutMs: fc.constantFrom(1000, 100, 600_000),
});
const time = fc.oneof(
  fc.integer({ min: -1e12, max: 4e12 }),
  fc.constantFrom(0, 1.5, -8.64e15, 8.64e15, 1e300),
);
const step = fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constantFrom(1e-300, 0.001, 1e300));
const query = fc.oneof(fc.constantFrom(...QUERIES), fc.string({ maxLength: 40 }));
const id = fc.constantFrom('t1', 'ds1', '', 'x'.repeat(201), '__proto__');

const dashboardUid = fc.constantFrom('d1', 'd1-copy', '', '../d1', '__proto__', 'x'.repeat(41));
const dashboard = fc.record({
  uid: dashboardUid,
  title: fc.constantFrom('D', ''),
  panels: fc.constantFrom(
    [],
    [{ id: 1, type: 'stat', title: 'S', gridPos: { x: 0, y: 0, w: 6, h: 4 } }],
    [{ id: 1, type: 'row', title: 'R', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [{}] }],
  ),
  templating: fc.constantFrom({ list: [] }, { list: [{ type: 'query', name: 'job' }] }),
});
const dashboardJson = fc.oneof(
  dashboard.map((d) => JSON.stringify(d)),
  fc.constantFrom(
    'not json',
    '{}',
    '{"title":"L","schemaVersion":12,"rows":[{"panels":[{"type":"graph","seriesOverrides":[{"alias":"/a/"}]}]}]}',
    '{"apiVersion":"dashboard.grafana.app/v2alpha1","spec":{"elements":{}}}',
  ),
);

const ruleGroup = fc.record({
  name: fc.constantFrom('lab', '', 'promdesk', '__proto__'),
  interval: fc.constantFrom('', '1m', 'soon', '0'),
  rules: fc.array(
    fc.record({
      kind: fc.constantFrom('alert', 'record'),
      name: fc.constantFrom('Down', 'job:up:sum', '', 'bad name'),
      expr: query,
      for: fc.constantFrom('', '5m', 'x'),
      keepFiringFor: fc.constantFrom('', '1h'),
      labels: fc.constantFrom({}, { severity: 'page' }, { 'bad-name': 'x' }, { t: '{{ $value' }),
      annotations: fc.constantFrom({}, { summary: '{{ $labels.instance }}' }, { s: '{{ .Bad' }),
    }),
    { maxLength: 3 },
  ),
});

/** Well-formed arguments (mostly) of each method, as the UI would send them. */
const validArgs: { [M in ApiMethod]: fc.Arbitrary<unknown[]> } = {
  info: fc.constant([]),
  listTargets: fc.constant([]),
  listDroppedTargets: fc.constant([]),
  addTarget: fc.tuple(target),
  updateTarget: fc.tuple(id, target),
  removeTarget: fc.tuple(id),
  setTargetPaused: fc.tuple(id, fc.boolean()),
  setScrapingPaused: fc.tuple(fc.boolean()),
  testScrape: fc.tuple(target),
  debugRelabel: fc.tuple(
    fc.oneof(
      fc.record({
        labels: fc.constantFrom({}, { __address__: 'a:1' }, { 'bad-name': 'x' }),
        rules: relabelRules,
      }),
      fc.record({ target }),
      fc.record({ targetId: id }),
      fc.record({ job: fc.constantFrom('a', ''), labels: fc.constantFrom({}, { __address__: 'a:1' }) }),
    ),
  ),
  fetchExposition: fc.tuple(
    fc.record({
      url: fc.constantFrom(...URLS),
      auth: fc.constantFrom({ type: 'none' }),
      headers: fc.constantFrom({}, { Accept: 'text/plain' }, { 'bad header': 'x' }),
      timeoutMs: fc.constantFrom(50, 1000),
      tlsInsecureSkipVerify: fc.boolean(),
    }),
  ),
  labelNames: fc.oneof(
    fc.constant([] as unknown[]),
    fc.tuple(fc.option(query)),
    fc.tuple(fc.option(query), fc.option(id)),
  ),
  labelValues: fc.tuple(fc.constantFrom('job', '__name__', '', 'x'), fc.option(query), fc.option(id)),
  queryRange: fc.tuple(
    fc.record({
      query,
      startMs: time,
      endMs: time,
      stepMs: step,
      datasource: fc.constantFrom(undefined, 'ds1'),
    }),
  ),
  queryInstant: fc.tuple(
    fc.record({ query, timeMs: time, datasource: fc.constantFrom(undefined, 'ds1', 'nope') }),
  ),
  checkQuery: fc.tuple(query),
  listDatasources: fc.constant([]),
  putDatasource: fc.tuple(datasource),
  removeDatasource: fc.tuple(id),
  testDatasource: fc.tuple(datasource),
  remoteWriteStatus: fc.constant([]),
  getSettings: fc.constant([]),
  putSettings: fc.tuple(
    fc.constantFrom({}, { 'query.timeout': '1m' }, { 'query.timeout': 'x' }, { colour: 'red' }, { http: 1 }),
  ),
  listDashboards: fc.constant([]),
  getDashboard: fc.tuple(dashboardUid),
  putDashboard: fc.tuple(dashboard),
  deleteDashboard: fc.tuple(dashboardUid),
  duplicateDashboard: fc.tuple(dashboardUid),
  undoDashboardChange: fc.tuple(dashboardUid),
  starDashboard: fc.tuple(dashboardUid, fc.boolean()),
  importDashboard: fc.tuple(dashboardJson),
  exportDashboard: fc.tuple(dashboardUid),
  dashboardProvisioning: fc.tuple(),
  configStatus: fc.constant([]),
  reloadConfig: fc.constant([]),
  listSilences: fc.constant([]),
  putSilence: fc.tuple(
    fc.record({
      id: fc.constantFrom(undefined, 'nope', ''),
      matchers: fc.array(
        fc.record({
          name: fc.constantFrom('alertname', 'job', '', '1x', '__name__'),
          value: fc.constantFrom('A', '', '.*', '.+', '(', 'a|b', '\\'),
          isRegex: fc.boolean(),
          isEqual: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      startsAtMs: time,
      endsAtMs: time,
      createdBy: fc.constantFrom('', 'me'),
      comment: fc.constantFrom('', 'x'),
    }),
  ),
  expireSilence: fc.tuple(fc.constantFrom('nope', '', 'x'.repeat(300))),
  silenceAlert: fc.tuple(
    fc.constantFrom({ alertname: 'A' }, {}, { '1x': 'a' }, { alertname: 'A', job: '' }),
    fc.constantFrom(3_600_000, 0, -1, 1.5, 86_400_000, 1e20),
  ),
  muteAll: fc.tuple(fc.constantFrom(3_600_000, 0, 59_999, NaN)),
  getUiRules: fc.constant([]),
  putRuleGroup: fc.tuple(ruleGroup),
  deleteRuleGroup: fc.tuple(fc.constantFrom('lab', '', 'nope', '__proto__')),
  checkRuleGroup: fc.tuple(ruleGroup),
  setStarterRules: fc.tuple(fc.boolean()),
  getRules: fc.constant([]),
  probeExporters: fc.constant([]),
  listenOtlp: fc.tuple(fc.constantFrom(0, 3, -1, 1.5, 2 ** 60, NaN)),
  subscribe: fc.tuple(fc.record({ subscriptionId: fc.constantFrom('s1', 's2', ''), query })),
  unsubscribe: fc.tuple(fc.constantFrom('s1', 's2', '')),
};

/** Replaces, drops or adds one part somewhere inside `v` (a fresh copy; `v` is untouched). */
function mutate(v: unknown, path: number[], replacement: unknown, how: number): unknown {
  if (typeof v !== 'object' || v === null) return replacement;
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  if (path.length === 0 || entries.length === 0) {
    if (how === 0) return replacement;
    if (Array.isArray(v)) return how === 1 ? [...v, replacement] : v.slice(0, -1);
    return how === 1 ? { ...v, extra: replacement } : Object.fromEntries(entries.slice(1));
  }
  const [at, ...rest] = path;
  const k = at % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...v] : { ...v };
  (copy as Record<string, unknown>)[entries[k][0]] = mutate(entries[k][1], rest, replacement, how);
  return copy;
}

export interface FuzzCall {
  method: string;
  params: unknown;
}

/** A call: valid, valid with one part made hostile, random params, or a method that is none. */
export const apiCall: fc.Arbitrary<FuzzCall> = fc.oneof(
  fc.constantFrom(...API_METHODS).chain((method) => validArgs[method].map((params) => ({ method, params }))),
  fc
    .tuple(
      fc.constantFrom(...API_METHODS),
      fc.array(fc.nat(), { maxLength: 4 }),
      hostileValue,
      fc.nat({ max: 2 }),
    )
    .chain(([method, path, replacement, how]) =>
      validArgs[method].map((params) => ({ method, params: mutate(params, path, replacement, how) })),
    ),
  fc.record({ method: fc.constantFrom(...API_METHODS), params: fc.array(hostileValue, { maxLength: 4 }) }),
  fc.record({
    method: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'INFO'),
      fc.string({ maxLength: 12 }),
    ),
    params: fc.oneof(fc.array(hostileValue, { maxLength: 3 }), hostileValue),
  }),
);
