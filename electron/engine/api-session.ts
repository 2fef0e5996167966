// One client of the engine (a window, a WebSocket connection): it validates and dispatches the
// client's Api calls, holds its subscriptions, and sends it pushed events.
import type { ApiEvent, ApiMethod, ApiParams, ApiResult } from '../../shared/api';
import type { NotificationEvent } from '../../shared/rules/model';
import { apiParamSchemas, describeInvalidArgs } from '../../shared/api-schemas';
import { MAX_SUBSCRIPTIONS } from '../../shared/session-limits';
import type { EngineApi } from './engine-api';
import type { CommittedSamples } from './store/types';
import { createSubscription, type Subscription } from './subscriptions';

/** One handler per Api method: the compiler refuses a table that misses one. */
type ApiHandlers = { [M in ApiMethod]: (...params: ApiParams<M>) => Promise<ApiResult<M>> };

/** A client of the engine (a window, a WebSocket): its subscriptions and where events go. */
export class ApiSession {
  private readonly subs = new Map<string, Subscription>();
  private targetsTimer: NodeJS.Timeout | null = null;
  private readonly handlers: ApiHandlers;
  closed = false;

  constructor(
    private readonly engine: EngineApi,
    private readonly send: (event: ApiEvent) => void,
  ) {
    this.handlers = this.handlerTable();
  }

  /** Validates the arguments and runs one Api call; throws Error with a user-facing message. */
  async call(method: ApiMethod, params: unknown[]): Promise<unknown> {
    // Own keys only: "constructor" or "__proto__" name no method.
    const schema = Object.hasOwn(apiParamSchemas, method) ? apiParamSchemas[method] : undefined;
    if (!schema) throw new Error(`unknown method "${String(method)}"`);
    const parsed = schema.safeParse(params);
    if (!parsed.success) throw new Error(describeInvalidArgs(method, parsed.error));
    const handler = this.handlers[method] as (...p: unknown[]) => Promise<unknown>;
    return handler(...(parsed.data as unknown[]));
  }

  private handlerTable(): ApiHandlers {
    const e = this.engine;
    // A `datasource` id sends a read to that remote server instead of the local store.
    const remote = (ds: string | undefined) => (ds ? e.datasources.client(ds) : null);
    return {
      info: async () => e.info(),
      listTargets: async () => e.listTargets(),
      listDroppedTargets: async () => e.droppedTargets(),
      addTarget: async (input) => e.addTarget(input),
      updateTarget: (id, input) => e.updateTarget(id, input),
      removeTarget: (id) => e.removeTarget(id),
      setTargetPaused: (id, paused) => e.setTargetPaused(id, paused),
      setScrapingPaused: (paused) => e.setScrapingPaused(paused),
      testScrape: (input) => e.testScrape(input),
      debugRelabel: async (req) => e.debugRelabel(req),
      fetchExposition: (req) => e.fetchExposition(req),
      labelNames: async (match, ds, range) => {
        const r = remote(ds);
        return r ? r.labelNames(match, range) : e.labelNames(match, range);
      },
      labelValues: async (name, match, ds, range) => {
        const r = remote(ds);
        return r ? r.labelValues(name, match, range) : e.labelValues(name, match, range);
      },
      queryRange: async (req) => {
        const r = remote(req.datasource);
        return r ? r.queryRange(req) : e.queryRange(req);
      },
      queryInstant: async (req) => {
        const r = remote(req.datasource);
        return r ? r.queryInstant(req) : e.queryInstant(req);
      },
      checkQuery: async (query) => e.checkQuery(query),
      listDatasources: async () => e.datasources.list(),
      putDatasource: async (input) => e.datasources.put(input),
      removeDatasource: async (id) => e.datasources.remove(id),
      testDatasource: (input) => e.datasources.test(input),
      remoteWriteStatus: async () => e.remoteWriteStatus(),
      getSettings: async () => e.getSettings(),
      putSettings: async (settings) => e.putSettings(settings),
      listDashboards: async () => e.dashboards.list(),
      getDashboard: async (uid) => e.dashboards.get(uid),
      putDashboard: async (dashboard) => e.dashboards.put(dashboard),
      deleteDashboard: async (uid) => e.dashboards.delete(uid),
      duplicateDashboard: async (uid) => e.dashboards.duplicate(uid),
      undoDashboardChange: async (uid) => e.dashboards.undo(uid),
      starDashboard: async (uid, on) => e.dashboards.star(uid, on),
      importDashboard: async (jsonText) => e.dashboards.import(jsonText),
      exportDashboard: async (uid) => e.dashboards.export(uid),
      dashboardProvisioning: async () => e.dashboards.provisioning(),
      configStatus: async () => e.configStatus(),
      reloadConfig: async () => e.reloadConfig(),
      listSilences: async () => e.silences.list(),
      putSilence: async (input) => e.silences.put(input),
      expireSilence: async (id) => e.silences.expire(id),
      silenceAlert: async (labels, durationMs) => e.silences.silenceAlert(labels, durationMs),
      muteAll: async (durationMs) => e.silences.muteAll(durationMs),
      getUiRules: async () => e.uiRules.state(),
      putRuleGroup: async (group) => e.uiRules.put(group),
      deleteRuleGroup: async (name) => e.uiRules.delete(name),
      checkRuleGroup: async (group) => e.uiRules.problems(group),
      setStarterRules: async (enabled) => e.uiRules.setStarters(enabled),
      getRules: async () => e.rules.status(),
      probeExporters: () => e.probeExporters(),
      listenOtlp: async (afterSeq) => e.listenOtlp(afterSeq),
      subscribe: async ({ subscriptionId, query, stepMs, afterMs }) => {
        // Each subscription is evaluated on every commit, in the engine's thread: bounded.
        if (!this.subs.has(subscriptionId) && this.subs.size >= MAX_SUBSCRIPTIONS) {
          throw new Error(
            `subscribe: this session already has ${MAX_SUBSCRIPTIONS} subscriptions, the most it may hold; unsubscribe some first`,
          );
        }
        const grid = stepMs !== undefined && afterMs !== undefined ? { stepMs, afterMs } : undefined;
        this.subs.set(subscriptionId, createSubscription(query, e.query, grid));
      },
      unsubscribe: async (subscriptionId) => {
        this.subs.delete(subscriptionId);
      },
    };
  }

  /** @internal new samples were committed: push what each subscription shows of them. */
  deliver(samples: CommittedSamples): void {
    for (const [subscriptionId, sub] of this.subs) {
      const series = sub.deliver(samples);
      if (series && series.length > 0) this.send({ type: 'samples', subscriptionId, series });
    }
  }

  /** @internal targets changed: send the list, at most every 250 ms. */
  targetsChanged(): void {
    if (this.targetsTimer || this.closed) return;
    this.targetsTimer = setTimeout(() => {
      this.targetsTimer = null;
      if (!this.closed) this.send({ type: 'targets', targets: this.engine.listTargets() });
    }, 250);
    this.targetsTimer.unref?.();
  }

  /** @internal a notification for this client (a window, the desktop shell, a browser tab). */
  push(event: NotificationEvent): void {
    if (!this.closed) this.send(event);
  }

  close(): void {
    this.closed = true;
    this.subs.clear();
    if (this.targetsTimer) clearTimeout(this.targetsTimer);
  }
}
