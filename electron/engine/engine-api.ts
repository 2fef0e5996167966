// What the engine offers to the code beside it, as interfaces: Api sessions and the HTTP layer
// depend on these, never on engine.ts (which creates the sessions), so neither can reach into
// the engine's internals and no import cycle runs through them.
import type {
  ConfigStatus,
  EngineInfo,
  FoundExporter,
  OtlpPushView,
  FetchExpositionRequest,
  FetchExpositionResult,
  LabelRange,
  QueryCheck,
  QueryInstantRequest,
  QueryInstantResult,
  QueryRangeRequest,
  QueryRangeResult,
  RelabelDebugRequest,
  RelabelDebugResult,
  RemoteWriteStatus,
  SettingsView,
  TargetInput,
  TargetView,
  TestScrapeResult,
} from '../../shared/api';
import type { DatasourceRegistry } from './datasources/registry';
import type { DashboardStore } from './dashboards/dashboard-store';
import type { MetadataCache } from './metadata';
import type { QueryEngine } from './query';
import type { SeriesStore } from './store/open-store';
import type { DroppedTarget } from './targets';
import type { SettingsPatch } from '../../shared/settings';
import type { RulesStatus } from '../../shared/rules/model';
import type { Silences } from './notify/silences';
import type { AlertmanagersStatus } from './notify/alertmanager/notifier';
import type { UiRuleStore } from './rules/ui-rules';

/** What an Api session dispatches to: the engine's side of every Api method. */
export interface EngineApi {
  /** Subscriptions evaluate their selectors with it. */
  readonly query: QueryEngine;
  /** Remote Prometheus-API servers; a call with a datasource id goes to one of them. */
  readonly datasources: Pick<DatasourceRegistry, 'list' | 'put' | 'remove' | 'test' | 'client'>;
  /** Saved dashboards in the data directory. */
  readonly dashboards: Pick<
    DashboardStore,
    'list' | 'get' | 'put' | 'delete' | 'duplicate' | 'undo' | 'star' | 'import' | 'export' | 'provisioning'
  >;
  /** Silences and "mute all" (<data dir>/silences.json). */
  readonly silences: Pick<Silences, 'list' | 'put' | 'expire' | 'silenceAlert' | 'muteAll'>;
  /** Rule groups made in the UI and the starter set. */
  readonly uiRules: Pick<UiRuleStore, 'state' | 'put' | 'delete' | 'problems' | 'setStarters'>;
  /** Rule groups, their rules' health and their alerts. */
  readonly rules: { status(): RulesStatus };
  info(): EngineInfo;
  listTargets(): TargetView[];
  droppedTargets(): DroppedTarget[];
  addTarget(input: TargetInput): TargetView;
  updateTarget(id: string, input: TargetInput): Promise<TargetView>;
  removeTarget(id: string): Promise<void>;
  setTargetPaused(id: string, paused: boolean): Promise<TargetView>;
  setScrapingPaused(paused: boolean): Promise<EngineInfo>;
  testScrape(input: TargetInput): Promise<TestScrapeResult>;
  debugRelabel(req: RelabelDebugRequest): RelabelDebugResult;
  fetchExposition(req: FetchExpositionRequest): Promise<FetchExpositionResult>;
  labelNames(match?: string, range?: LabelRange): string[];
  labelValues(name: string, match?: string, range?: LabelRange): string[];
  queryRange(req: QueryRangeRequest): QueryRangeResult;
  queryInstant(req: QueryInstantRequest): QueryInstantResult;
  checkQuery(query: string): QueryCheck;
  remoteWriteStatus(): RemoteWriteStatus[];
  getSettings(): SettingsView;
  putSettings(settings: SettingsPatch): SettingsView;
  configStatus(): ConfigStatus | null;
  reloadConfig(): { ok: boolean; error: string | null };
  probeExporters(): Promise<FoundExporter[]>;
  listenOtlp(afterSeq: number): OtlpPushView[];
}

/** What Promdesk's own /metrics reads. */
export interface EngineMetricsView {
  readonly store: Pick<SeriesStore, 'stats' | 'damage' | 'fileBytes'>;
  /** Scrapes run and failed since start. */
  readonly counters: { readonly scrapes: number; readonly scrapeFailures: number };
  readonly dnsLookups: number;
  /** dns_sd_configs' lookups and the failed ones. */
  readonly dnsSd: { readonly queries: number; readonly failures: number };
  readonly startedAtMs: number;
  /** Each ingest path renders its own figures. */
  readonly remoteWriteIn: { renderMetrics(): string };
  readonly remoteWriteOut: { renderMetrics(): string };
  readonly pushes: { renderMetrics(): string };
  readonly otlpIn: { renderMetrics(): string };
  /** Promdesk's own notification channels. */
  readonly notifier: { renderMetrics(): string };
  readonly alertmanagers: { renderMetrics(): string };
  /** The config file's last reload (or its load at start). */
  readonly reloads: { readonly lastOk: boolean; readonly lastSuccessMs: number };
  /** promdesk_rule_* figures. */
  readonly rules: { renderMetrics(): string };
  info(): EngineInfo;
  listTargets(): TargetView[];
}

/** What the Prometheus HTTP API (/api/v1/...) reads. */
export interface EngineHttpView {
  readonly query: QueryEngine;
  readonly store: Pick<SeriesStore, 'series' | 'labelNames' | 'labelValues'>;
  /** TYPE/HELP/UNIT learned from scrapes. */
  readonly metadata: Pick<MetadataCache, 'list'>;
  readonly startedAtMs: number;
  info(): EngineInfo;
  listTargets(): TargetView[];
  /** Config targets that relabel_configs dropped. */
  droppedTargets(): DroppedTarget[];
  /** The config file's text as loaded ('' without one). */
  configYaml(): string;
  /** /api/v1/alertmanagers. */
  readonly alertmanagers: { status(): AlertmanagersStatus };
  /** Rule groups and their alerts (/api/v1/rules, /api/v1/alerts). */
  readonly rules: { status(): RulesStatus };
}
