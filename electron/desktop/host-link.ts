// Main's end of the engine host connection (host-protocol.ts): one RpcPeer over the
// utilityProcess, typed calls, and the host's events checked and handed to main by topic. Plain
// Node: tested against a real RpcPeer standing in for the host.
import type { ApiEvent } from '../../shared/api';
import { RpcPeer } from '../../shared/rpc/peer';
import { portChannel } from '../../shared/rpc/port-channel';
import {
  HOST_SHUTDOWN_BOUND_MS,
  type HostMethod,
  type HostParams,
  type HostResult,
  type HostStatus,
  type StartupFailure,
} from '../host/host-protocol';
import { shutdownWithin, type ShutdownOutcome } from './quit';
import { readStartupFailure } from './startup-page';

/** The slice of Electron's UtilityProcess the link uses. */
export interface HostProcess {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface HostHandlers {
  /** The engine is open ('ready'), or its status changed ('status'). */
  status(status: HostStatus, first: boolean): void;
  fatal(failure: StartupFailure): void;
  apiEvent(windowId: number, event: ApiEvent): void;
  log(message: string): void;
  /** The process is gone (after a fatal, a shutdown, a crash or a kill). */
  exit(code: number): void;
}

/** Calls that only touch the host's own state answer at once; Api calls have their own limits. */
const CONTROL_TIMEOUT_MS = 10_000;

export function isHostStatus(v: unknown): v is HostStatus {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const count = (k: string) => Number.isSafeInteger(s[k]) && (s[k] as number) >= 0;
  return (
    count('targetsUp') &&
    count('targetsDown') &&
    count('targetsUnknown') &&
    typeof s.scrapingPaused === 'boolean' &&
    typeof s.dataDir === 'string' &&
    (s.http === null ||
      (typeof s.http === 'object' &&
        (typeof (s.http as { url?: unknown }).url === 'string' ||
          (typeof (s.http as { error?: unknown }).error === 'string' &&
            typeof (s.http as { port?: unknown }).port === 'number'))))
  );
}

export class HostLink {
  private readonly peer: RpcPeer;
  private exited = false;

  constructor(
    private readonly proc: HostProcess,
    handlers: HostHandlers,
  ) {
    this.peer = new RpcPeer(portChannel(proc), {
      name: 'the engine host',
      onEvent: (event, _scope, topic) => this.dispatch(handlers, event, topic),
      onProblem: (problem) => handlers.log(problem),
    });
    proc.on('message', (message) => this.peer.receive(message));
    proc.on('exit', (code) => {
      this.exited = true;
      this.peer.close(`the engine host stopped (exit code ${code})`);
      handlers.exit(code);
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  call<M extends HostMethod>(method: M, ...params: HostParams<M>): Promise<HostResult<M>> {
    const timeoutMs = method === 'api' || method === 'shutdown' ? 0 : CONTROL_TIMEOUT_MS;
    return this.peer.call<HostResult<M>>(method, params, { timeoutMs });
  }

  /** Asks the host to close its store and waits, at most `boundMs`; then kills it. */
  async shutdown(boundMs = HOST_SHUTDOWN_BOUND_MS): Promise<ShutdownOutcome> {
    if (this.exited) return { outcome: 'closed', ms: 0 };
    const gone = new Promise<void>((resolve) => this.proc.on('exit', () => resolve()));
    return shutdownWithin({
      // Closed is when the process is gone, not just when it replied.
      shutdown: async () => {
        await this.call('shutdown');
        if (!this.exited) await gone;
      },
      kill: () => void this.proc.kill(),
      boundMs,
    });
  }

  private dispatch(h: HostHandlers, event: unknown, topic: string | undefined): void {
    switch (topic) {
      case 'ready':
      case 'status':
        if (isHostStatus(event)) h.status(event, topic === 'ready');
        else h.log(`the engine host sent a malformed '${topic}' event`);
        return;
      case 'fatal':
        h.fatal(readStartupFailure(event));
        return;
      case 'api-event': {
        const e = event as { windowId?: unknown; event?: unknown } | null;
        if (e && Number.isSafeInteger(e.windowId) && typeof e.event === 'object' && e.event !== null)
          h.apiEvent(e.windowId as number, e.event as ApiEvent);
        else h.log("the engine host sent a malformed 'api-event' event");
        return;
      }
      case 'log': {
        const m = (event as { message?: unknown } | null)?.message;
        h.log(typeof m === 'string' ? m : String(m));
        return;
      }
      default:
        h.log(`the engine host sent an event with an unknown topic ${JSON.stringify(topic)}`);
    }
  }
}
