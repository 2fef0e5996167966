// One client of the engine (a window, a WebSocket connection): it validates and dispatches the
// client's Api calls, holds its subscriptions, and sends it pushed events.
import type {
  ApiEvent,
  DatasourceInput,
  FetchExpositionRequest,
  ApiMethod,
  ApiParams,
  ApiResult,
  QueryInstantRequest,
  QueryRangeRequest,
  TargetInput,
} from '../../shared/api';
import { apiParamSchemas } from '../../shared/api-schemas';
import { MAX_SUBSCRIPTIONS } from '../../shared/session-limits';
import type { Engine } from './engine';
import type { CommittedSamples } from './store/types';
import { createSubscription, type Subscription } from './subscriptions';

/** A client of the engine (a window, a WebSocket): its subscriptions and where events go. */
export class ApiSession {
  private readonly subs = new Map<string, Subscription>();
  private targetsTimer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly send: (event: ApiEvent) => void,
  ) {}

  /** Validates the arguments and runs one Api call; throws Error with a user-facing message. */
  async call(method: ApiMethod, params: unknown[]): Promise<unknown> {
    // Own keys only: "constructor" or "__proto__" name no method.
    const schema = Object.hasOwn(apiParamSchemas, method) ? apiParamSchemas[method] : undefined;
    if (!schema) throw new Error(`unknown method "${String(method)}"`);
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `invalid arguments to ${method}: ${issue?.path.join('.') || '(args)'}: ${issue?.message}`,
      );
    }
    return this.dispatch(method, parsed.data as ApiParams<typeof method>);
  }

  private async dispatch<M extends ApiMethod>(method: M, p: ApiParams<M>): Promise<ApiResult<M>> {
    const e = this.engine;
    const args = p as unknown[];
    switch (method) {
      case 'info':
        return e.info() as ApiResult<M>;
      case 'listTargets':
        return e.listTargets() as ApiResult<M>;
      case 'addTarget':
        return e.addTarget(args[0] as TargetInput) as ApiResult<M>;
      case 'updateTarget':
        return (await e.updateTarget(args[0] as string, args[1] as TargetInput)) as ApiResult<M>;
      case 'removeTarget':
        return (await e.removeTarget(args[0] as string)) as ApiResult<M>;
      case 'setTargetPaused':
        return (await e.setTargetPaused(args[0] as string, args[1] as boolean)) as ApiResult<M>;
      case 'fetchExposition':
        return (await e.fetchExposition(args[0] as FetchExpositionRequest)) as ApiResult<M>;
      case 'testScrape':
        return (await e.testScrape(args[0] as TargetInput)) as ApiResult<M>;
      // A `datasource` id sends the call to that remote server instead of the local store.
      case 'labelNames': {
        const [match, ds] = args as [string | undefined, string | undefined];
        return (await (ds
          ? e.datasources.client(ds).labelNames(match)
          : e.labelNames(match))) as ApiResult<M>;
      }
      case 'labelValues': {
        const [name, match, ds] = args as [string, string | undefined, string | undefined];
        return (await (ds
          ? e.datasources.client(ds).labelValues(name, match)
          : e.labelValues(name, match))) as ApiResult<M>;
      }
      case 'queryInstant': {
        const req = args[0] as QueryInstantRequest;
        return (await (req.datasource
          ? e.datasources.client(req.datasource).queryInstant(req)
          : e.queryInstant(req))) as ApiResult<M>;
      }
      case 'checkQuery':
        return e.checkQuery(args[0] as string) as ApiResult<M>;
      case 'queryRange': {
        const req = args[0] as QueryRangeRequest;
        return (await (req.datasource
          ? e.datasources.client(req.datasource).queryRange(req)
          : e.queryRange(req))) as ApiResult<M>;
      }
      case 'listDatasources':
        return e.datasources.list() as ApiResult<M>;
      case 'putDatasource':
        return e.datasources.put(args[0] as DatasourceInput) as ApiResult<M>;
      case 'removeDatasource':
        return e.datasources.remove(args[0] as string) as ApiResult<M>;
      case 'testDatasource':
        return (await e.datasources.test(args[0] as DatasourceInput)) as ApiResult<M>;
      case 'remoteWriteStatus':
        return e.remoteWriteOut.status() as ApiResult<M>;
      case 'subscribe': {
        const { subscriptionId, query } = args[0] as { subscriptionId: string; query: string };
        // Each subscription is evaluated on every commit, in the engine's thread: bounded.
        if (!this.subs.has(subscriptionId) && this.subs.size >= MAX_SUBSCRIPTIONS) {
          throw new Error(
            `subscribe: this session already has ${MAX_SUBSCRIPTIONS} subscriptions, the most it may hold; unsubscribe some first`,
          );
        }
        this.subs.set(subscriptionId, createSubscription(query, this.engine.query));
        return undefined as ApiResult<M>;
      }
      case 'unsubscribe':
        this.subs.delete(args[0] as string);
        return undefined as ApiResult<M>;
    }
    throw new Error(`unknown method "${String(method)}"`);
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

  close(): void {
    this.closed = true;
    this.subs.clear();
    if (this.targetsTimer) clearTimeout(this.targetsTimer);
  }
}
