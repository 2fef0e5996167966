// THE contract between the Node side (engine) and the renderer. Both transports (Electron IPC
// through the preload, WebSocket in `promdesk serve`) carry exactly these calls and events; the
// receiving side checks every payload against the schemas in api-schemas.ts.

import type { JsonMapping } from './json-mapping/json-mapping';
import type { SettingKey, Settings, SettingsPatch } from './settings';
import type { Dashboard, DashboardProvisioning, DashboardSummary, ImportReport } from './dashboards/model';
import type { NotificationEvent, SilenceInput, SilenceView } from './rules/model';
import type { RuleGroupInput, UiRulesState } from './rules/model';
import type { RulesStatus } from './rules/model';

/** A label set as Prometheus's JSON shows it (incl. `__name__` where there is one). */
export type LabelSet = Record<string, string>;

export type Auth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

/**
 * How a target is read: `prometheus` scrapes the text/OpenMetrics format, `json` scrapes JSON
 * and maps it with `json`, `tcp-stream` keeps a connection to a metrics-rs
 * metrics-exporter-tcp server (url tcp://host:port) and commits what it streamed every interval.
 */
export type TargetKind = 'prometheus' | 'json' | 'tcp-stream';

/** How a tcp-stream target keeps histogram records. */
export interface TcpStreamOptions {
  /** `buckets`: cumulative _bucket{le}, _sum, _count; `summary`: quantiles per interval, _sum, _count. */
  histogram: 'buckets' | 'summary';
  /** Upper bounds for `buckets` (default Prometheus's .005 ... 10). */
  buckets?: number[];
  /** Quantiles for `summary` (default 0.5, 0.9, 0.99). */
  quantiles?: number[];
}

/** What a user edits in the target editor (or what a scrape_config yields per target). */
export interface TargetInput {
  /** Absent = 'prometheus'. */
  kind?: TargetKind;
  /** For kind 'json': how the document becomes samples. */
  json?: JsonMapping;
  /** For kind 'tcp-stream'. */
  tcp?: TcpStreamOptions;
  /** http:// or https:// URL of the metrics endpoint (tcp://host:port for tcp-stream). */
  url: string;
  job: string;
  intervalMs: number;
  timeoutMs: number;
  /** Static labels added to every sample of the target. */
  labels: Record<string, string>;
  auth: Auth;
  honorLabels: boolean;
  honorTimestamps: boolean;
  tlsInsecureSkipVerify: boolean;
  /** relabel_configs as YAML (a list), run on the target's labels when it is added or changed. */
  relabelConfigs?: string;
  /** metric_relabel_configs as YAML (a list), run on each scraped series. */
  metricRelabelConfigs?: string;
}

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
  /** Config targets: the labels before relabel_configs (Prometheus's discoveredLabels). */
  discoveredLabels?: LabelSet;
  /** A UI target whose relabelConfigs changed where it is scraped: the URL scraped. */
  scrapeUrl?: string;
  health: TargetHealth;
  lastScrapeMs: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastSamples: number | null;
  /** What the UI should show beside the target, e.g. "http://x/metrics is also scraped by job a, b". */
  warnings: string[];
}

/** A config target that relabel_configs dropped, with its labels before relabeling. */
export interface DroppedTargetView {
  scrapePool: string;
  discoveredLabels: LabelSet;
}

/** What the relabel debugger runs: labels and rules typed in, a target, or a config job's rules. */
export type RelabelDebugRequest =
  /** `rules`: a YAML list of relabel_configs, checked as in prometheus.yml. */
  | { labels: LabelSet; rules: string }
  /** A target being edited (not saved yet): its labels from its URL, its relabelConfigs. */
  | { target: TargetInput }
  /** A target in the list: its discovered labels and its rules. */
  | { targetId: string }
  /** A config job's relabel_configs on these labels (a dropped target's discovered labels). */
  | { job: string; labels: LabelSet };

/** One rule's step: the labels after it and what it changed. */
export interface RelabelDebugStep {
  /** The rule as YAML (flow style), its defaults left out. */
  rule: string;
  action: string;
  /** null: the rule dropped the target. */
  labels: LabelSet | null;
  added: string[];
  changed: string[];
  removed: string[];
}

/** A rule list that does not check: which rule, where, and why. */
export interface RelabelRulesError {
  /** The rule's index, or null for the list as a whole (bad YAML). */
  rule: number | null;
  line: number;
  key: string;
  message: string;
}

export interface RelabelDebugResult {
  /** The labels the first rule sees (a job's defaults filled in). */
  labels: LabelSet;
  /** The rules run, as YAML. */
  rules: string;
  steps: RelabelDebugStep[];
  /** The index of the rule that dropped the target, or null. */
  droppedBy: number | null;
  /** What the target becomes; null when the rules do not check (see `error`). */
  outcome:
    | { kind: 'active'; labels: LabelSet; scrapeUrl: string }
    | { kind: 'dropped' }
    | { kind: 'failed'; error: string }
    | null;
  error: RelabelRulesError | null;
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

/** A raw fetch of an exposition endpoint for the Preview pane (fetched by the engine: no CORS). */
export interface FetchExpositionRequest {
  url: string;
  auth: Auth;
  /** Extra request headers, e.g. a custom Accept. */
  headers: Record<string, string>;
  timeoutMs: number;
  tlsInsecureSkipVerify: boolean;
}

export interface FetchExpositionResult {
  ok: boolean;
  /** Why the fetch failed (connection, status, size or time limits), or null. */
  error: string | null;
  status: number | null;
  contentType: string | null;
  /** The body as text (at most 10 MB, Prometheus's limit for raw fetches). */
  body: string;
  bytes: number;
  durationMs: number;
  /** When the engine fetched it (ms since the epoch), for rates between fetches. */
  fetchedAtMs: number;
}

/** Columnar series: timestamps in ms and values, as Float64Array (cheap to clone/send). */
export interface SeriesColumns {
  labels: LabelSet;
  timestamps: Float64Array;
  values: Float64Array;
}

export interface QueryRangeRequest {
  /** PromQL expression. */
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  /** A remote datasource's id; absent = the local store. */
  datasource?: string;
}

export interface QueryInstantRequest {
  query: string;
  timeMs: number;
  /** A remote datasource's id; absent = the local store. */
  datasource?: string;
}

/** An instant query's result: vectors as one-point series, matrices as series, or a value. */
export interface QueryInstantResult {
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  series: SeriesColumns[];
  /** For resultType scalar. */
  scalar: number | null;
  /** For resultType string. */
  string: string | null;
  warnings: string[];
}

/** Where a PromQL expression is wrong (character offsets), for underlining in the editor. */
export type QueryCheck = { ok: true } | { ok: false; message: string; start: number; end: number };

export interface QueryRangeResult {
  series: SeriesColumns[];
  warnings: string[];
}

export interface SubscribeRequest {
  subscriptionId: string;
  /**
   * A series selector, e.g. `node_load1{job="node"}`, whose new raw points are pushed; or any
   * expression, evaluated as new data comes in and its results pushed.
   */
  query: string;
  /**
   * A dashboard panel's grid: the expression is evaluated at each multiple of `stepMs` after
   * `afterMs` (the end of the range the panel already queried) once data up to it is in, at most
   * once per step, and pushed — the points a range query at that step gives.
   */
  stepMs?: number;
  afterMs?: number;
}

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
export type ApiEvent = SamplesEvent | TargetsEvent | NotificationEvent;

/**
 * A remote Prometheus-API server (Prometheus, VictoriaMetrics, Thanos, Mimir) that queries can
 * run against instead of the local store, as the user enters it. On update, an empty password
 * or token keeps the stored one (the renderer never sees secrets).
 */
export interface DatasourceInput {
  /** Absent: add a new datasource; present: update that one. */
  id?: string;
  name: string;
  /** Base URL of the API, e.g. http://prometheus.lan:9090 (…/api/v1/query is appended). */
  url: string;
  auth: Auth;
  tlsInsecureSkipVerify: boolean;
  timeoutMs: number;
}

/** Auth as shown to the renderer: whether a secret is stored, never the secret. */
export type DatasourceAuthView =
  | { type: 'none' }
  | { type: 'basic'; username: string; hasPassword: boolean }
  | { type: 'bearer'; hasToken: boolean };

export interface DatasourceView {
  id: string;
  name: string;
  url: string;
  auth: DatasourceAuthView;
  tlsInsecureSkipVerify: boolean;
  timeoutMs: number;
}

/** What a connection test found: the server's version where it tells one, or the error. */
export interface DatasourceTestResult {
  ok: boolean;
  error: string | null;
  /** From /api/v1/status/buildinfo, e.g. "2.42.0"; null when the server does not say. */
  version: string | null;
  durationMs: number;
}

/** One remote_write destination of the config as the status view shows it (no secrets). */
export interface RemoteWriteStatus {
  /** The config's `name`, or the URL when it has none. */
  name: string;
  /** The URL with any password masked. */
  url: string;
  /** ok; retrying: sends fail and are retried; failing: a batch was dropped or retries go on. */
  state: 'ok' | 'retrying' | 'failing';
  lastError: string | null;
  lastErrorMs: number | null;
  /** Counters since start, the same as promdesk_remote_write_samples_*_total on /metrics. */
  samplesSent: number;
  samplesFailed: number;
  samplesDropped: number;
  samplesRetried: number;
  /** The disk queue: samples and (uncompressed) bytes waiting, and how long the oldest has. */
  pendingSamples: number;
  pendingBytes: number;
  oldestPendingAgeMs: number | null;
  shards: number;
  minShards: number;
  maxShards: number;
  /** Time of the last send the receiver accepted. */
  lastSendMs: number | null;
}

export interface EngineInfo {
  version: string;
  mode: 'desktop' | 'serve';
  dataDir: string;
  configFile: string | null;
  /** Every scrape loop is stopped (setScrapingPaused), whatever each target's own paused flag says. */
  scrapingPaused: boolean;
  /**
   * The desktop app's HTTP API could not listen, e.g. "127.0.0.1:9099 is in use (is `promdesk
   * serve` running?)": the window offers another port. Absent while it listens or is off, and
   * under `promdesk serve` (which does not start without it).
   */
  httpListenError?: { error: string; port: number };
}

/** The Settings view's data: what is saved, the defaults, and what the flags or a restart change. */
export interface SettingsView {
  /** What <data dir>/settings.json holds, over the defaults. */
  settings: Settings;
  defaults: Settings;
  /** Keys a command-line flag sets: the flag wins over the saved value ("set by --key"). */
  overriddenByFlags: SettingKey[];
  /** A saved setting differs from what the engine started with and takes effect after a restart. */
  restartNeeded: boolean;
}

/** The config file (--config): what loaded, when, and what its last reload said. */
export interface ConfigStatus {
  file: string;
  /** When the config in force was read (the start, or the last reload that worked). */
  loadedMs: number;
  /** When the last reload was tried (null: none since the start). */
  lastReloadMs: number | null;
  /** The last reload worked; false: its error is in `error` and the previous config stays in force. */
  ok: boolean;
  error: string | null;
  /** The config in force's warnings ("file:line: key: what"), e.g. keys not acted on. */
  warnings: string[];
  /** --config.watch: a change to the file reloads it. */
  watching: boolean;
}

/** The time window (ms, inclusive) label calls look in. */
export interface LabelRange {
  startMs: number;
  endMs: number;
}

/** An exporter that answered on this machine's loopback (probeExporters). */
export interface FoundExporter {
  /** What a target scrapes: http://127.0.0.1:<port>/metrics (or [::1] where only IPv6 answers). */
  url: string;
  port: number;
  /** What it is, e.g. "node_exporter"; null when neither its /metrics nor its port says. */
  name: string | null;
  /** Where the name comes from: its `*_build_info`, go_build_info's module, family prefixes, or the port. */
  namedBy: 'build_info' | 'module' | 'prefix' | 'port' | null;
  version: string | null;
  /** The job name its target gets, e.g. "node". */
  job: string;
  /** Metric names in its /metrics. */
  families: number;
  /** The starter dashboard for it (the Host one for node_exporter), or null. */
  starterUid: string | null;
}

/** One push to POST /api/v1/otlp/v1/metrics as the Preview pane shows it (listenOtlp). */
export interface OtlpPushView {
  /** Increases by one per push recorded. */
  seq: number;
  receivedAtMs: number;
  /** The answer the pusher got: 200 stored, 400 refused (see error), 413 too large, 500 store failed. */
  status: number;
  error: string | null;
  contentType: string | null;
  /** The body's bytes as sent (compressed or not). */
  bytes: number;
  /** Series and data points the push translates to (exponential histogram points are not stored). */
  series: number;
  points: number;
  skippedPoints: number;
  /** The translated series as Prometheus text: TYPE and HELP per family, each series' last sample with its timestamp; '' for a refused push. */
  text: string;
  /** The text stops at the size limit, the rest of the series left out. */
  truncated: boolean;
}

/** Every call the renderer can make. Each returns a promise; errors reject with a message. */
export interface Api {
  info(): Promise<EngineInfo>;
  listTargets(): Promise<TargetView[]>;
  /** Config targets that relabel_configs dropped (Prometheus's droppedTargets). */
  listDroppedTargets(): Promise<DroppedTargetView[]>;
  addTarget(input: TargetInput): Promise<TargetView>;
  updateTarget(id: string, input: TargetInput): Promise<TargetView>;
  removeTarget(id: string): Promise<void>;
  setTargetPaused(id: string, paused: boolean): Promise<TargetView>;
  /** Stops (or restarts) every scrape loop; targets' own paused flags are left as they are. */
  setScrapingPaused(paused: boolean): Promise<EngineInfo>;
  testScrape(input: TargetInput): Promise<TestScrapeResult>;
  /** Each relabel rule's step on a label set or a target, and what the target becomes. */
  debugRelabel(req: RelabelDebugRequest): Promise<RelabelDebugResult>;
  /** Fetches an endpoint's raw exposition text for the Preview pane. */
  fetchExposition(req: FetchExpositionRequest): Promise<FetchExpositionResult>;
  /**
   * Label names, optionally restricted to series matching a selector and to series with samples
   * in `range` (a dashboard's, as Grafana sends start/end; absent = all); `datasource` absent = local.
   */
  labelNames(match?: string, datasource?: string, range?: LabelRange): Promise<string[]>;
  /** Values of one label (`__name__` for metric names), optionally restricted by a selector and range. */
  labelValues(name: string, match?: string, datasource?: string, range?: LabelRange): Promise<string[]>;
  queryRange(req: QueryRangeRequest): Promise<QueryRangeResult>;
  queryInstant(req: QueryInstantRequest): Promise<QueryInstantResult>;
  /** Parses and type-checks an expression without running it. */
  checkQuery(query: string): Promise<QueryCheck>;
  /** Remote Prometheus-API datasources (secrets left out). */
  listDatasources(): Promise<DatasourceView[]>;
  /** Adds (no id) or updates (id) a datasource. */
  putDatasource(input: DatasourceInput): Promise<DatasourceView>;
  removeDatasource(id: string): Promise<void>;
  /** Connects to a datasource as entered (saved or not) and reports its version or the error. */
  testDatasource(input: DatasourceInput): Promise<DatasourceTestResult>;
  /** The remote_write destinations of the config and how sending to each goes. */
  remoteWriteStatus(): Promise<RemoteWriteStatus[]>;
  /** The Settings view's settings (shared/settings.ts), kept in the data directory. */
  getSettings(): Promise<SettingsView>;
  /** Replaces the saved settings with these keys (each checked; an error names the key). */
  putSettings(settings: SettingsPatch): Promise<SettingsView>;
  /** Saved dashboards (<data dir>/dashboards), by title. */
  listDashboards(): Promise<DashboardSummary[]>;
  getDashboard(uid: string): Promise<Dashboard>;
  /** Saves a dashboard (checked: an error names the JSON path); an empty uid gets a new one. */
  putDashboard(dashboard: Dashboard): Promise<DashboardSummary>;
  /** Deletes a dashboard (undoDashboardChange brings it back). */
  deleteDashboard(uid: string): Promise<void>;
  /** A copy under a new uid, titled "<title> (copy)". */
  duplicateDashboard(uid: string): Promise<DashboardSummary>;
  /** Restores the version before the last change; a second call redoes it. */
  undoDashboardChange(uid: string): Promise<DashboardSummary>;
  starDashboard(uid: string, on: boolean): Promise<DashboardSummary>;
  /** Imports Grafana dashboard JSON (any classic schemaVersion from 12); the report lists what is not carried. */
  importDashboard(jsonText: string): Promise<ImportReport>;
  /** The dashboard as Grafana JSON text, for Grafana's import. */
  exportDashboard(uid: string): Promise<string>;
  /** The last provisioning run (--dashboards): the files imported and those that failed; null without one. */
  dashboardProvisioning(): Promise<DashboardProvisioning | null>;
  /** The config file's status; null when the engine runs without one. */
  configStatus(): Promise<ConfigStatus | null>;
  /** Reads the config file again, as SIGHUP does; an invalid one keeps the config in force. */
  reloadConfig(): Promise<{ ok: boolean; error: string | null }>;
  /** Silences (<data dir>/silences.json), expired ones for 5 days after they end. */
  listSilences(): Promise<SilenceView[]>;
  /** Adds (no id) or changes (id) a silence; an error names the field (a bad regex, no matcher, end before start). */
  putSilence(input: SilenceInput & { id?: string }): Promise<SilenceView>;
  /** Ends a silence now. */
  expireSilence(id: string): Promise<void>;
  /** A notification's "silence 1h / 1d": a silence of equality matchers on the alert's labels, from now. */
  silenceAlert(labels: LabelSet, durationMs: number): Promise<SilenceView>;
  /** "Mute all": a silence of every alert (alertname=~".+") for durationMs; expireSilence(id) unmutes. */
  muteAll(durationMs: number): Promise<SilenceView>;
  /** The rule groups made in the UI (a rule file in the data directory) and the starter rules. */
  getUiRules(): Promise<UiRulesState>;
  /** Creates or replaces the UI's rule group of this name; an error names the group, rule and field. */
  putRuleGroup(group: RuleGroupInput): Promise<UiRulesState>;
  deleteRuleGroup(name: string): Promise<UiRulesState>;
  /** The problems saving this group would meet (none: it saves), without saving it. */
  checkRuleGroup(group: RuleGroupInput): Promise<string[]>;
  /** Turns the starter home-lab rules on or off (kept in the data directory). */
  setStarterRules(enabled: boolean): Promise<UiRulesState>;
  /** Every rule group the engine evaluates (config, UI, starter): rules, health, errors and alerts. */
  getRules(): Promise<RulesStatus>;
  /** Exporters answering on this machine's loopback at the well-known ports, those already scraped left out. */
  probeExporters(): Promise<FoundExporter[]>;
  /** Listens for OTLP pushes for the Preview pane (for a minute after each call): the pushes after `afterSeq`. */
  listenOtlp(afterSeq: number): Promise<OtlpPushView[]>;
  subscribe(req: SubscribeRequest): Promise<void>;
  unsubscribe(subscriptionId: string): Promise<void>;
  /** Listen to pushed events; returns a function that stops listening. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** The request side of the Api as data: what the transports carry. */
export type ApiMethod = Exclude<keyof Api, 'onEvent'>;
export type ApiParams<M extends ApiMethod> = Parameters<Api[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<Api[M]>>;

// The one list of the Api's methods beside the interface. A record, so the compiler refuses a
// method missing here or one the interface does not have; everything else (the preload's bridge,
// the WebSocket client, the schemas, the session's dispatch) is derived from it or checked by
// a mapped type over ApiMethod.
const methods: { [M in ApiMethod]: true } = {
  info: true,
  listTargets: true,
  listDroppedTargets: true,
  addTarget: true,
  updateTarget: true,
  removeTarget: true,
  setTargetPaused: true,
  setScrapingPaused: true,
  testScrape: true,
  debugRelabel: true,
  fetchExposition: true,
  labelNames: true,
  labelValues: true,
  queryRange: true,
  queryInstant: true,
  checkQuery: true,
  listDatasources: true,
  putDatasource: true,
  removeDatasource: true,
  testDatasource: true,
  remoteWriteStatus: true,
  getSettings: true,
  putSettings: true,
  listDashboards: true,
  getDashboard: true,
  putDashboard: true,
  deleteDashboard: true,
  duplicateDashboard: true,
  undoDashboardChange: true,
  starDashboard: true,
  importDashboard: true,
  exportDashboard: true,
  dashboardProvisioning: true,
  configStatus: true,
  reloadConfig: true,
  listSilences: true,
  putSilence: true,
  expireSilence: true,
  silenceAlert: true,
  muteAll: true,
  getUiRules: true,
  putRuleGroup: true,
  deleteRuleGroup: true,
  checkRuleGroup: true,
  setStarterRules: true,
  getRules: true,
  probeExporters: true,
  listenOtlp: true,
  subscribe: true,
  unsubscribe: true,
};

/** Every request method of the Api, in declaration order. */
export const API_METHODS: readonly ApiMethod[] = Object.freeze(Object.keys(methods) as ApiMethod[]);

/** Whether `name` is an Api method (own names only: "constructor" or "__proto__" are none). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/**
 * An Api whose every method sends (method, params) through `call` — the one way a transport
 * (Electron IPC in the preload, the WebSocket client) becomes an Api.
 */
export function makeApiClient(
  call: (method: ApiMethod, params: unknown[]) => Promise<unknown>,
  onEvent: Api['onEvent'],
): Api {
  const api: Record<string, unknown> = { onEvent };
  for (const m of API_METHODS) api[m] = (...params: unknown[]) => call(m, params);
  return api as unknown as Api;
}

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

export const defaultDatasourceInput: DatasourceInput = {
  name: '',
  url: '',
  auth: { type: 'none' },
  tlsInsecureSkipVerify: false,
  timeoutMs: 30_000,
};

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
