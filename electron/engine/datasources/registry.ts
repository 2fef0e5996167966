// The remote datasources a user added: kept (with their secrets) in the store's settings table,
// listed to the renderer without secrets, each with a client that keeps its connections alive.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import type { DatasourceInput, DatasourceTestResult, DatasourceView } from '../../../shared/api';
import { datasourceInputSchema } from '../../../shared/api-schemas';
import { specOf, viewOf, type DatasourceSpec } from './datasource-spec';
import { RemotePromClient } from './prom-client';
import { createAgent } from './remote-request';

export const DATASOURCES_SETTING_KEY = 'datasources.v1';

/** Query replies above this are refused (a matrix of 11,000 points × 1,000 series is ~400 MB). */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;

export interface SettingsStore {
  getSetting(key: string): string | undefined;
  putSetting(key: string, value: string): void;
}

export interface RegistryOptions {
  log: (msg: string) => void;
  maxBodyBytes?: number;
  nowMs?: () => number;
}

interface Live {
  client: RemotePromClient;
  agent: http.Agent;
}

const storedListSchema = z.array(z.unknown());

export class DatasourceRegistry {
  private readonly specs = new Map<string, DatasourceSpec>();
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly opts: RegistryOptions,
  ) {
    this.load();
  }

  private load(): void {
    const raw = this.settings.getSetting(DATASOURCES_SETTING_KEY);
    if (!raw) return;
    let list: unknown[];
    try {
      list = storedListSchema.parse(JSON.parse(raw));
    } catch {
      this.opts.log('stored datasources are unreadable; starting with none');
      return;
    }
    for (const item of list) {
      const parsed = datasourceInputSchema.safeParse(item);
      if (!parsed.success || !parsed.data.id) {
        this.opts.log(
          `a stored datasource is invalid and was skipped: ${parsed.error?.issues[0]?.message ?? 'no id'}`,
        );
        continue;
      }
      this.specs.set(parsed.data.id, specOf(parsed.data.id, parsed.data));
    }
  }

  private persist(): void {
    this.settings.putSetting(DATASOURCES_SETTING_KEY, JSON.stringify([...this.specs.values()]));
  }

  list(): DatasourceView[] {
    return [...this.specs.values()].map(viewOf).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Adds (no id) or updates a datasource; names are unique, ignoring case. */
  put(input: DatasourceInput): DatasourceView {
    const previous = input.id === undefined ? undefined : this.specs.get(input.id);
    if (input.id !== undefined && !previous) throw new Error(`no datasource with id "${input.id}"`);
    const id = previous?.id ?? 'ds-' + randomUUID();
    const spec = specOf(id, input, previous);
    for (const other of this.specs.values()) {
      if (other.id !== id && other.name.toLowerCase() === spec.name.toLowerCase())
        throw new Error(`a datasource named "${other.name}" exists already`);
    }
    this.specs.set(id, spec);
    this.drop(id);
    this.persist();
    return viewOf(spec);
  }

  remove(id: string): void {
    if (!this.specs.delete(id)) throw new Error(`no datasource with id "${id}"`);
    this.drop(id);
    this.persist();
  }

  /** The client of a saved datasource. */
  client(id: string): RemotePromClient {
    let l = this.live.get(id);
    if (!l) {
      const spec = this.specs.get(id);
      if (!spec) throw new Error(`no datasource with id "${id}" (it may have been removed)`);
      l = this.newClient(spec);
      this.live.set(id, l);
    }
    return l.client;
  }

  /**
   * Runs `1` as an instant query (proves URL, auth and API), then asks the build info for the
   * version (optional: VictoriaMetrics leaves it empty, some proxies do not pass it through).
   */
  async test(input: DatasourceInput): Promise<DatasourceTestResult> {
    const previous = input.id === undefined ? undefined : this.specs.get(input.id);
    const { client, agent } = this.newClient(specOf(input.id ?? 'test', input, previous));
    const started = performance.now();
    const now = this.opts.nowMs ?? Date.now;
    try {
      await client.queryInstant({ query: '1', timeMs: now() });
      const version = await client.buildVersion().catch(() => null);
      return { ok: true, error: null, version, durationMs: performance.now() - started };
    } catch (err) {
      return {
        ok: false,
        error: (err as Error).message,
        version: null,
        durationMs: performance.now() - started,
      };
    } finally {
      agent.destroy();
    }
  }

  private newClient(spec: DatasourceSpec): Live {
    const agent = createAgent(spec.url.startsWith('https:'), spec.tlsInsecureSkipVerify);
    const client = new RemotePromClient(spec, agent, {
      maxBodyBytes: this.opts.maxBodyBytes ?? DEFAULT_MAX_REPLY_BYTES,
      nowMs: this.opts.nowMs,
    });
    return { client, agent };
  }

  private drop(id: string): void {
    this.live.get(id)?.agent.destroy();
    this.live.delete(id);
  }

  close(): void {
    for (const id of [...this.live.keys()]) this.drop(id);
  }
}
