// THE contract between the Node side (engine) and the renderer. Both transports (Electron IPC
// through the preload, WebSocket in `promdesk serve`) carry exactly these calls and events, and
// every payload that crosses a process boundary is checked against the zod schemas below.
import { z } from 'zod';

/** A label set as Prometheus's JSON shows it (incl. `__name__` where there is one). */
export type LabelSet = Record<string, string>;

export const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.object({ type: z.literal('bearer'), token: z.string() }),
]);
export type Auth = z.infer<typeof authSchema>;

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** What a user edits in the target editor (or what a scrape_config yields per target). */
export const targetInputSchema = z.object({
  url: z
    .string()
    .trim()
    .refine((u) => /^https?:\/\/[^/\s]+/.test(u), { message: 'must be an http:// or https:// URL' }),
  job: z.string().trim().min(1, 'job must not be empty'),
  intervalMs: z.number().int().min(100).max(86_400_000),
  timeoutMs: z.number().int().min(50).max(86_400_000),
  labels: z.record(z.string().regex(labelNameRe, 'label names are [a-zA-Z_][a-zA-Z0-9_]*'), z.string()),
  auth: authSchema,
  honorLabels: z.boolean(),
  honorTimestamps: z.boolean(),
  tlsInsecureSkipVerify: z.boolean(),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

export type TargetHealth = 'up' | 'down' | 'unknown';

/** A target as the Targets view shows it: its settings and its last scrape. */
export interface TargetView {
  id: string;
  /** 'config' targets come from --config and are read-only in the UI. */
  source: 'ui' | 'config';
  paused: boolean;
  input: TargetInput;
  /** The labels every sample of this target carries (job, instance, static labels). */
  targetLabels: LabelSet;
  health: TargetHealth;
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastSamples: number | null;
}

export interface ScrapedSample {
  labels: LabelSet;
  value: number;
  timestampMs: number | null;
}

export interface TestScrapeResult {
  ok: boolean;
  error: string | null;
  durationMs: number;
  contentType: string | null;
  bytes: number;
  totalSamples: number;
  /** The first samples (at most 200), labelled as they would be stored. */
  samples: ScrapedSample[];
}

/** Columnar series: timestamps in ms and values, as Float64Array (cheap to clone/send). */
export interface SeriesColumns {
  labels: LabelSet;
  timestamps: Float64Array;
  values: Float64Array;
}

export const queryRangeSchema = z.object({
  query: z.string().min(1, 'query must not be empty').max(100_000),
  startMs: z.number().finite(),
  endMs: z.number().finite(),
  stepMs: z.number().positive().finite(),
});
export type QueryRangeRequest = z.infer<typeof queryRangeSchema>;

export interface QueryRangeResult {
  series: SeriesColumns[];
  warnings: string[];
}

export const subscribeSchema = z.object({
  subscriptionId: z.string().min(1).max(100),
  /** A series selector, e.g. `node_load1{job="node"}`; new points of matching series are pushed. */
  query: z.string().min(1).max(100_000),
});
export type SubscribeRequest = z.infer<typeof subscribeSchema>;

export const matchSchema = z.object({ match: z.string().max(100_000).optional() });

/** Pushed from the engine: new points of the series a subscription shows. */
export interface SamplesEvent {
  type: 'samples';
  subscriptionId: string;
  series: SeriesColumns[];
}
/** Pushed from the engine whenever target state changes (after scrapes, edits). */
export interface TargetsEvent {
  type: 'targets';
  targets: TargetView[];
}
export type ApiEvent = SamplesEvent | TargetsEvent;

export interface EngineInfo {
  version: string;
  mode: 'desktop' | 'serve';
  dataDir: string;
  configFile: string | null;
}

/** Every call the renderer can make. Each returns a promise; errors reject with a message. */
export interface Api {
  info(): Promise<EngineInfo>;
  listTargets(): Promise<TargetView[]>;
  addTarget(input: TargetInput): Promise<TargetView>;
  updateTarget(id: string, input: TargetInput): Promise<TargetView>;
  removeTarget(id: string): Promise<void>;
  setTargetPaused(id: string, paused: boolean): Promise<TargetView>;
  testScrape(input: TargetInput): Promise<TestScrapeResult>;
  /** Label names, optionally restricted to series matching a selector. */
  labelNames(match?: string): Promise<string[]>;
  /** Values of one label (`__name__` for metric names), optionally restricted by a selector. */
  labelValues(name: string, match?: string): Promise<string[]>;
  queryRange(req: QueryRangeRequest): Promise<QueryRangeResult>;
  subscribe(req: SubscribeRequest): Promise<void>;
  unsubscribe(subscriptionId: string): Promise<void>;
  /** Listen to pushed events; returns a function that stops listening. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** The request side of the Api as data: what the transports carry. */
export type ApiMethod = Exclude<keyof Api, 'onEvent'>;
export type ApiParams<M extends ApiMethod> = Parameters<Api[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<Api[M]>>;

const idSchema = z.string().min(1).max(200);
/** Argument schemas per method: the receiving side validates before it dispatches. */
export const apiParamSchemas: { [M in ApiMethod]: z.ZodType<ApiParams<M>> } = {
  info: z.tuple([]),
  listTargets: z.tuple([]),
  addTarget: z.tuple([targetInputSchema]),
  updateTarget: z.tuple([idSchema, targetInputSchema]),
  removeTarget: z.tuple([idSchema]),
  setTargetPaused: z.tuple([idSchema, z.boolean()]),
  testScrape: z.tuple([targetInputSchema]),
  labelNames: z.union([z.tuple([]), z.tuple([z.string().max(100_000).optional()])]) as z.ZodType<
    [match?: string]
  >,
  labelValues: z.union([
    z.tuple([z.string().min(1).max(1000)]),
    z.tuple([z.string().min(1).max(1000), z.string().max(100_000).optional()]),
  ]) as z.ZodType<[name: string, match?: string]>,
  queryRange: z.tuple([queryRangeSchema]),
  subscribe: z.tuple([subscribeSchema]),
  unsubscribe: z.tuple([z.string().min(1).max(100)]),
};

export const apiMethods = Object.keys(apiParamSchemas) as ApiMethod[];

/** A request as it travels: an id to match the reply, the method and its arguments. */
export interface ApiRequestMessage {
  kind: 'request';
  id: number;
  method: ApiMethod;
  params: unknown[];
}
export type ApiReplyMessage =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };
export interface ApiEventMessage {
  kind: 'event';
  event: ApiEvent;
}
export type ApiMessage = ApiRequestMessage | ApiReplyMessage | ApiEventMessage;

export const apiRequestMessageSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.enum(apiMethods as [ApiMethod, ...ApiMethod[]]),
  params: z.array(z.unknown()),
});

/** Default target settings, like Prometheus's global defaults (1m interval, 10s timeout). */
export const defaultTargetInput: TargetInput = {
  url: '',
  job: '',
  intervalMs: 15_000,
  timeoutMs: 10_000,
  labels: {},
  auth: { type: 'none' },
  honorLabels: false,
  honorTimestamps: true,
  tlsInsecureSkipVerify: false,
};
