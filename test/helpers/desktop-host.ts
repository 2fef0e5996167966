// The desktop's engine host as main runs it (a child process speaking host-protocol.ts over one
// RpcPeer), under plain Node: test/helpers/desktop-host-entry.mjs gives it a parent port.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { RpcPeer } from '../../shared/rpc/peer';
import type {
  HostEvents,
  HostMethod,
  HostParams,
  HostResult,
  HostTopic,
} from '../../electron/host/host-protocol';

const ENTRY = join(process.cwd(), 'test', 'helpers', 'desktop-host-entry.mjs');

export interface DesktopHost {
  proc: ChildProcess;
  peer: RpcPeer;
  /** Every event so far, in order. */
  events: { topic: HostTopic; event: unknown }[];
  call<M extends HostMethod>(method: M, ...params: HostParams<M>): Promise<HostResult<M>>;
  /** The first event of `topic` (since `from`, an index into events) that `pred` accepts. */
  next<T extends HostTopic>(
    topic: T,
    pred?: (e: HostEvents[T]) => boolean,
    opts?: { from?: number; timeoutMs?: number },
  ): Promise<HostEvents[T]>;
  exited: Promise<number | null>;
  output(): string;
  /** shutdown, then the exit code; SIGKILL after `boundMs` (then null). */
  stop(boundMs?: number): Promise<number | null>;
}

export function startDesktopHost(argv: string[]): DesktopHost {
  const proc = fork(ENTRY, argv, { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const events: DesktopHost['events'] = [];
  const waiters = new Set<() => void>();
  const peer = new RpcPeer(
    { send: (msg) => void (proc.connected && proc.send(msg)) },
    {
      name: 'the engine host',
      onEvent: (event, _scope, topic) => {
        events.push({ topic: topic as HostTopic, event });
        for (const w of waiters) w();
      },
    },
  );
  proc.on('message', (m) => peer.receive(m));
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => {
      peer.close(`the engine host exited (code ${code})`);
      for (const w of waiters) w();
      resolve(code);
    }),
  );
  const host: DesktopHost = {
    proc,
    peer,
    events,
    call: (method, ...params) => peer.call(method, params),
    next: (topic, pred = () => true, { from = 0, timeoutMs = 30_000 } = {}) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.slice(from).find((e) => e.topic === topic && pred(e.event as never));
          if (hit) {
            done();
            resolve(hit.event as never);
          } else if (proc.exitCode !== null || proc.signalCode !== null) {
            done();
            reject(new Error(`the engine host exited before a "${topic}" event:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no "${topic}" event within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    exited,
    output: () => out,
    stop: async (boundMs = 15_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      const kill = setTimeout(() => proc.kill('SIGKILL'), boundMs);
      await host.call('shutdown').catch(() => {});
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
  return host;
}
