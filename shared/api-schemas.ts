// Validation of everything that crosses a process boundary into the engine (IPC, WebSocket):
// zod schemas for the Api's arguments. Kept apart from shared/api.ts so the renderer bundle,
// which only needs the types, does not carry zod.
import { z } from 'zod';
import { API_METHODS } from './api';
import type {
  ApiMethod,
  ApiParams,
  Auth,
  DatasourceInput,
  FetchExpositionRequest,
  LabelRange,
  QueryInstantRequest,
  QueryRangeRequest,
  RelabelDebugRequest,
  SubscribeRequest,
  TargetInput,
  TcpStreamOptions,
} from './api';
import type { JsonMapping, JsonMetricRule } from './json-mapping/json-mapping';
import { checkJsonMapping } from './json-mapping/json-mapping';
import { settingsPatchSchema } from './settings';
import type { Dashboard } from './dashboards/model';
import type { SilenceInput, SilenceMatcher } from './rules/model';
import { ruleGroupInputSchema } from './rules/rule-input-schema';

export const authSchema: z.ZodType<Auth> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.object({ type: z.literal('bearer'), token: z.string() }),
]);

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const jsonMetricRuleSchema: z.ZodType<JsonMetricRule> = z.object({
  name: z.string().min(1).max(500),
  path: z.string().min(1).max(2000),
  type: z.enum(['gauge', 'counter', 'untyped']).optional(),
  help: z.string().max(2000).optional(),
  labels: z.record(z.string(), z.string().max(2000)).optional(),
  transform: z
    .object({
      enum: z.record(z.string(), z.number().finite()).optional(),
      scale: z.number().finite().optional(),
      offset: z.number().finite().optional(),
    })
    .optional(),
  optional: z.boolean().optional(),
});

/** A JSON target's mapping; presets, paths, names and labels are checked too. */
export const jsonMappingSchema: z.ZodType<JsonMapping> = z
  .object({
    preset: z.string().min(1).max(100).optional(),
    prefix: z.string().max(200).optional(),
    metrics: z.array(jsonMetricRuleSchema).max(10_000).optional(),
  })
  .superRefine((m, ctx) => {
    const problem = checkJsonMapping(m);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const tcpStreamOptionsSchema: z.ZodType<TcpStreamOptions> = z.object({
  histogram: z.enum(['buckets', 'summary']),
  buckets: z.array(z.number().finite()).min(1).max(1000).optional(),
  quantiles: z.array(z.number().min(0).max(1)).min(1).max(100).optional(),
});

/** A target's interval and timeout are at most a day (Prometheus has no limit; a day is plenty). */
export const MAX_TARGET_DURATION_MS = 86_400_000;

/** A duration in ms whose messages a person reads, naming the field: "the interval must be at most 24h". */
function durationMs(what: string, [minMs, minText]: [number, string]) {
  return z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .min(minMs, `${what} must be at least ${minText}`)
    .max(MAX_TARGET_DURATION_MS, `${what} must be at most 24h`);
}

/** The longest relabel rule list a target or the debugger may carry. */
const MAX_RULES_CHARS = 100_000;

export const targetInputSchema: z.ZodType<TargetInput> = z
  .object({
    kind: z.enum(['prometheus', 'json', 'tcp-stream']).optional(),
    json: jsonMappingSchema.optional(),
    tcp: tcpStreamOptionsSchema.optional(),
    url: z.string().trim(),
    job: z.string().trim().min(1, 'job must not be empty'),
    intervalMs: durationMs('the interval', [100, '100ms']),
    timeoutMs: durationMs('the timeout', [50, '50ms']),
    labels: z.record(z.string().regex(labelNameRe, 'label names are [a-zA-Z_][a-zA-Z0-9_]*'), z.string()),
    auth: authSchema,
    honorLabels: z.boolean(),
    honorTimestamps: z.boolean(),
    tlsInsecureSkipVerify: z.boolean(),
    // YAML lists, checked by the engine as prometheus.yml's (an error names the rule and line).
    relabelConfigs: z
      .string()
      .max(MAX_RULES_CHARS, 'relabelConfigs is longer than 100,000 characters')
      .optional(),
    metricRelabelConfigs: z
      .string()
      .max(MAX_RULES_CHARS, 'metricRelabelConfigs is longer than 100,000 characters')
      .optional(),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'tcp-stream') {
      if (!/^tcp:\/\/[^/\s]+:\d+\/?$/.test(t.url)) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be tcp://host:port' });
      }
    } else if (!/^https?:\/\/[^/\s]+/.test(t.url)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an http:// or https:// URL' });
    }
    if (t.kind === 'json' && !t.json) {
      ctx.addIssue({
        code: 'custom',
        path: ['json'],
        message: 'a JSON target needs a mapping (preset or metrics)',
      });
    }
  });

const idSchema = z.string().min(1).max(200);
/** The longest PromQL expression or selector a call may carry. */
const MAX_QUERY_CHARS = 100_000;

// Timestamps stay where every ms is a distinct double (JavaScript Date's range, inside
// Prometheus's), and a step must move them: past 2^53, or with a step below the double's
// resolution, `t += step` stands still and a query would spin until its timeout.
export const MAX_TIMESTAMP_MS = 8.64e15;
const timestampMs = z
  .number()
  .finite()
  .min(-MAX_TIMESTAMP_MS, 'must be a time after year -271821')
  .max(MAX_TIMESTAMP_MS, 'must be a time before year 275760');

export const queryRangeSchema: z.ZodType<QueryRangeRequest> = z
  .object({
    query: z.string().min(1, 'query must not be empty').max(MAX_QUERY_CHARS),
    startMs: timestampMs,
    endMs: timestampMs,
    stepMs: z.number().positive().finite(),
    datasource: idSchema.optional(),
  })
  .refine((r) => r.stepMs >= Math.max(Math.abs(r.startMs), Math.abs(r.endMs)) * 2 * Number.EPSILON, {
    path: ['stepMs'],
    message: 'step is too small to advance timestamps this large',
  });

export const queryInstantSchema: z.ZodType<QueryInstantRequest> = z.object({
  query: z.string().min(1, 'query must not be empty').max(MAX_QUERY_CHARS),
  timeMs: timestampMs,
  datasource: idSchema.optional(),
});

/** A remote datasource as entered; an empty secret on update means "keep the stored one". */
export const datasourceInputSchema: z.ZodType<DatasourceInput> = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^/\s]+/.test(u), { message: 'must be an http:// or https:// URL' }),
  auth: authSchema,
  tlsInsecureSkipVerify: z.boolean(),
  timeoutMs: z.number().int().min(100).max(600_000),
});

export const subscribeSchema: z.ZodType<SubscribeRequest> = z
  .object({
    subscriptionId: z.string().min(1).max(100),
    query: z.string().min(1).max(MAX_QUERY_CHARS),
    // At least 100 ms (the engine evaluates once per step), at most a day.
    stepMs: z.number().finite().min(100, 'step must be at least 100 ms').max(86_400_000).optional(),
    afterMs: timestampMs.optional(),
  })
  .refine((r) => (r.stepMs === undefined) === (r.afterMs === undefined), {
    path: ['afterMs'],
    message: 'stepMs and afterMs go together',
  });

export const fetchExpositionSchema: z.ZodType<FetchExpositionRequest> = z.object({
  url: z
    .string()
    .trim()
    .refine((u) => /^https?:\/\/[^/\s]+/.test(u), { message: 'must be an http:// or https:// URL' }),
  auth: authSchema,
  headers: z.record(
    z.string().regex(/^[A-Za-z0-9-]+$/, 'header names are letters, digits and -'),
    z.string().max(8192),
  ),
  timeoutMs: z.number().int().min(50).max(120_000),
  tlsInsecureSkipVerify: z.boolean(),
});

// Optional arguments before a datasource id arrive as null over the WebSocket (JSON has no
// undefined in arrays): null means absent.
const matchArg = z
  .string()
  .max(MAX_QUERY_CHARS)
  .nullish()
  .transform((v) => v ?? undefined);
const datasourceArg = idSchema.nullish().transform((v) => v ?? undefined);
/** Arguments as given: the optional tail a tuple fills with undefined is left off again. */
function withoutUndefinedTail<T extends unknown[]>(args: T): T {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return args.slice(0, n) as T;
}
const labelRangeArg = z
  .object({ startMs: z.number().finite(), endMs: z.number().finite() })
  .refine((r) => r.endMs >= r.startMs, { message: 'endMs must not be before startMs' })
  .nullish()
  .transform((v) => v ?? undefined);

// A dashboard's shape is checked by the engine's validator, which names the JSON path of what is
// wrong ("panels[3].gridPos.w: must be a number"); here only that it is an object.
const dashboardUid = z.string().min(1).max(100);
const dashboardSchema = z.record(z.string(), z.unknown()) as unknown as z.ZodType<Dashboard>;
/** Grafana JSON text: Node Exporter Full is 0.5 MB; the WebSocket carries at most 16 MB. */
const MAX_DASHBOARD_JSON_CHARS = 10 * 1024 * 1024;

const silenceMatcherSchema: z.ZodType<SilenceMatcher> = z.object({
  name: z.string().max(1000),
  value: z.string().max(10_000),
  isRegex: z.boolean(),
  isEqual: z.boolean(),
});

/** A silence as entered: the shapes here; the engine checks the regexes and names the field. */
const silenceInputSchema: z.ZodType<SilenceInput & { id?: string }> = z.object({
  id: idSchema.optional(),
  matchers: z.array(silenceMatcherSchema).max(100, 'a silence has at most 100 matchers'),
  startsAtMs: timestampMs,
  endsAtMs: timestampMs,
  createdBy: z.string().max(1000),
  comment: z.string().max(10_000),
});

/** How long a silence from a notification or "mute all" lasts: a minute to a year. */
const silenceDurationMs = z
  .number({ error: 'the duration must be a number of milliseconds' })
  .int('the duration must be a whole number of milliseconds')
  .min(60_000, 'the duration must be at least 1m')
  .max(366 * 86_400_000, 'the duration must be at most a year');

/** A label set typed into the relabel debugger: any names (the rules may fix them), bounded. */
const debugLabelsSchema = z
  .record(z.string().max(1000), z.string().max(10_000))
  .refine((l) => Object.keys(l).length <= 1000, 'at most 1000 labels');
const debugRequestShapes = {
  rules: z.object({ labels: debugLabelsSchema, rules: z.string().max(MAX_RULES_CHARS) }).strict(),
  target: z.object({ target: targetInputSchema }).strict(),
  targetId: z.object({ targetId: idSchema }).strict(),
  job: z.object({ job: z.string().min(1).max(1000), labels: debugLabelsSchema }).strict(),
};
/**
 * One of the shapes, told by its key, so that an error names the field at fault ("rules: expected
 * string") rather than a union's "Invalid input".
 */
const relabelDebugRequestSchema = z.unknown().transform((v, ctx) => {
  const key = (Object.keys(debugRequestShapes) as (keyof typeof debugRequestShapes)[]).find(
    (k) => typeof v === 'object' && v !== null && Object.hasOwn(v, k),
  );
  if (key === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected {labels, rules}, {target}, {targetId} or {job, labels}',
    });
    return z.NEVER;
  }
  const r = debugRequestShapes[key].safeParse(v);
  if (r.success) return r.data;
  for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  return z.NEVER;
}) as unknown as z.ZodType<RelabelDebugRequest>;

/** Argument schemas per method: the receiving side validates before it dispatches. */
export const apiParamSchemas: { [M in ApiMethod]: z.ZodType<ApiParams<M>> } = {
  info: z.tuple([]),
  listTargets: z.tuple([]),
  listDroppedTargets: z.tuple([]),
  addTarget: z.tuple([targetInputSchema]),
  updateTarget: z.tuple([idSchema, targetInputSchema]),
  removeTarget: z.tuple([idSchema]),
  setTargetPaused: z.tuple([idSchema, z.boolean()]),
  setScrapingPaused: z.tuple([z.boolean()]),
  testScrape: z.tuple([targetInputSchema]),
  debugRelabel: z.tuple([relabelDebugRequestSchema]),
  fetchExposition: z.tuple([fetchExpositionSchema]),
  // One tuple with an optional tail (each argument may be left out or null), so a bad argument is
  // named by its place ("2.startMs: expected number") rather than a union's "Invalid input".
  labelNames: z
    .tuple([matchArg, datasourceArg, labelRangeArg])
    .transform(withoutUndefinedTail) as unknown as z.ZodType<
    [match?: string, datasource?: string, range?: LabelRange]
  >,
  labelValues: z
    .tuple([z.string().min(1).max(1000), matchArg, datasourceArg, labelRangeArg])
    .transform(withoutUndefinedTail) as unknown as z.ZodType<
    [name: string, match?: string, datasource?: string, range?: LabelRange]
  >,
  queryRange: z.tuple([queryRangeSchema]),
  queryInstant: z.tuple([queryInstantSchema]),
  checkQuery: z.tuple([z.string().max(MAX_QUERY_CHARS)]),
  listDatasources: z.tuple([]),
  putDatasource: z.tuple([datasourceInputSchema]),
  removeDatasource: z.tuple([idSchema]),
  testDatasource: z.tuple([datasourceInputSchema]),
  remoteWriteStatus: z.tuple([]),
  getSettings: z.tuple([]),
  putSettings: z.tuple([settingsPatchSchema]),
  listDashboards: z.tuple([]),
  getDashboard: z.tuple([dashboardUid]),
  putDashboard: z.tuple([dashboardSchema]),
  deleteDashboard: z.tuple([dashboardUid]),
  duplicateDashboard: z.tuple([dashboardUid]),
  undoDashboardChange: z.tuple([dashboardUid]),
  starDashboard: z.tuple([dashboardUid, z.boolean()]),
  importDashboard: z.tuple([z.string().max(MAX_DASHBOARD_JSON_CHARS, 'the JSON is larger than 10 MB')]),
  exportDashboard: z.tuple([dashboardUid]),
  dashboardProvisioning: z.tuple([]),
  configStatus: z.tuple([]),
  reloadConfig: z.tuple([]),
  listSilences: z.tuple([]),
  putSilence: z.tuple([silenceInputSchema]),
  expireSilence: z.tuple([idSchema]),
  silenceAlert: z.tuple([
    z.record(z.string().regex(labelNameRe, 'label names are [a-zA-Z_][a-zA-Z0-9_]*'), z.string().max(10_000)),
    silenceDurationMs,
  ]),
  muteAll: z.tuple([silenceDurationMs]),
  getUiRules: z.tuple([]),
  putRuleGroup: z.tuple([ruleGroupInputSchema]),
  deleteRuleGroup: z.tuple([z.string().max(1000)]),
  checkRuleGroup: z.tuple([ruleGroupInputSchema]),
  setStarterRules: z.tuple([z.boolean()]),
  getRules: z.tuple([]),
  probeExporters: z.tuple([]),
  listenOtlp: z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]),
  subscribe: z.tuple([subscribeSchema]),
  unsubscribe: z.tuple([z.string().min(1).max(100)]),
};

const apiMethods = API_METHODS as [ApiMethod, ...ApiMethod[]];

/**
 * A refused call's message, for a person: the method, the field (without the argument's index
 * when the argument is an object) and what is wrong, e.g. "addTarget: intervalMs: the interval
 * must be at most 24h".
 */
export function describeInvalidArgs(method: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${method}: invalid arguments`;
  const path = issue.path.map(String);
  let message = issue.message;
  // An unknown key is named itself: `putSettings: "colour": no such field`.
  if (issue.code === 'unrecognized_keys') {
    path.push(issue.keys.map((k) => `"${k}"`).join(', '));
    message = 'no such field';
  }
  const isIndex = /^\d+$/.test(path[0] ?? '');
  const field =
    path.length === 0
      ? ''
      : path.length === 1 && isIndex
        ? `argument ${Number(path[0]) + 1}`
        : (isIndex ? path.slice(1) : path).join('.');
  return `${method}: ${field ? field + ': ' : ''}${message}`;
}

export const apiRequestMessageSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.enum(apiMethods),
  params: z.array(z.unknown()),
});
