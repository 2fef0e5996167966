// Main's end of the engine host link against a real RpcPeer playing the host, over a stand-in for
// Electron's UtilityProcess that copies each message (structuredClone) and delivers it later, as
// a process boundary does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { RpcPeer } from '../../../shared/rpc/peer';
import { HostLink, isHostStatus, type HostHandlers } from '../../../electron/desktop/host-link';
import type { HostStatus, StartupFailure } from '../../../electron/host/host-protocol';

const status: HostStatus = {
  targetsUp: 1,
  targetsDown: 0,
  targetsUnknown: 2,
  scrapingPaused: false,
  http: { url: 'http://127.0.0.1:9099' },
  dataDir: '/d',
};

class FakeUtilityProcess extends EventEmitter {
  killed = 0;
  host: RpcPeer;
  constructor(handle: (method: string, params: unknown[]) => unknown) {
    super();
    this.host = new RpcPeer(
      { send: (msg) => setImmediate(() => this.emit('message', structuredClone(msg))) },
      { handle, name: 'main' },
    );
  }
  postMessage(message: unknown): void {
    const copy = structuredClone(message);
    setImmediate(() => this.host.receive(copy));
  }
  kill(): boolean {
    this.killed++;
    setImmediate(() => this.emit('exit', 9));
    return true;
  }
}

function recorder() {
  const seen: string[] = [];
  const handlers: HostHandlers = {
    status: (s, first) => seen.push(`${first ? 'ready' : 'status'}:${s.targetsUp}`),
    fatal: (f) => seen.push(`fatal:${f.name}:${f.title}`),
    apiEvent: (w, e) => seen.push(`event:${w}:${(e as { type: string }).type}`),
    log: (m) => seen.push(`log:${m}`),
    exit: (code) => seen.push(`exit:${code}`),
  };
  return { seen, handlers };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

test('calls reach the host with their params; its errors come back with their name', async () => {
  const calls: unknown[] = [];
  const proc = new FakeUtilityProcess((method, params) => {
    calls.push([method, params]);
    if (method === 'status') return status;
    if (method === 'api' && params[1] === 'broken') {
      const e = new Error('addTarget: intervalMs: the interval must be at most 24h');
      e.name = 'ApiError';
      throw e;
    }
    return { echoed: params };
  });
  const { handlers } = recorder();
  const link = new HostLink(proc, handlers);
  assert.deepEqual(await link.call('status'), status);
  assert.deepEqual(await link.call('api', 3, 'listTargets', []), { echoed: [3, 'listTargets', []] });
  await assert.rejects(link.call('api', 3, 'broken' as never, []), {
    name: 'ApiError',
    message: 'addTarget: intervalMs: the interval must be at most 24h',
  });
  assert.deepEqual(calls[0], ['status', []]);
});

test("the host's events reach main by topic; malformed ones are logged, not thrown", async () => {
  const proc = new FakeUtilityProcess(() => null);
  const { seen, handlers } = recorder();
  new HostLink(proc, handlers);
  proc.host.emit(status, { topic: 'ready' });
  proc.host.emit({ ...status, targetsUp: 5 }, { topic: 'status' });
  proc.host.emit({ windowId: 2, event: { type: 'targets', targets: [] } }, { topic: 'api-event' });
  proc.host.emit({ message: 'config reloaded' }, { topic: 'log' });
  const failure: StartupFailure = {
    name: 'DataDirLockedError',
    title: 'The data directory is in use',
    message: 'm',
    hint: 'h',
  };
  proc.host.emit(failure, { topic: 'fatal' });
  proc.host.emit({ targetsUp: 'x' }, { topic: 'status' });
  proc.host.emit({ windowId: 'w', event: {} }, { topic: 'api-event' });
  proc.host.emit(1, { topic: 'nonsense' });
  proc.host.emit(null, { topic: 'fatal' });
  while (seen.length < 9) await tick();
  proc.emit('message', { kind: 'bogus' });
  proc.emit('message', 'not even an object');
  await tick();
  assert.deepEqual(seen.slice(0, 5), [
    'ready:1',
    'status:5',
    'event:2:targets',
    'log:config reloaded',
    'fatal:DataDirLockedError:The data directory is in use',
  ]);
  assert.deepEqual(seen.slice(5, 9), [
    "log:the engine host sent a malformed 'status' event",
    "log:the engine host sent a malformed 'api-event' event",
    'log:the engine host sent an event with an unknown topic "nonsense"',
    'fatal:Error:Promdesk could not start',
  ]);
  assert.equal(seen.length, 11, seen.join('\n'));
  assert.match(seen[9], /^log:malformed message/);
});

test('when the host exits, waiting calls fail with what happened and later ones at once', async () => {
  const proc = new FakeUtilityProcess(() => new Promise(() => {}));
  const { seen, handlers } = recorder();
  const link = new HostLink(proc, handlers);
  const waiting = link.call('api', 1, 'info', []);
  await tick();
  proc.emit('exit', 1);
  await assert.rejects(waiting, { name: 'RpcClosedError', message: 'the engine host stopped (exit code 1)' });
  await assert.rejects(link.call('status'), { name: 'RpcClosedError' });
  assert.equal(link.running, false);
  assert.deepEqual(seen, ['exit:1']);
  assert.deepEqual(await link.shutdown(), { outcome: 'closed', ms: 0 });
});

test('shutdown waits for the host to close and exit; a host that hangs is killed at the bound', async () => {
  const clean = new FakeUtilityProcess((method) => {
    if (method === 'shutdown') setTimeout(() => clean.emit('exit', 0), 20);
    return undefined;
  });
  const a = new HostLink(clean, recorder().handlers);
  const r = await a.shutdown(2000);
  assert.equal(r.outcome, 'closed');
  assert.equal(clean.killed, 0);

  const stuck = new FakeUtilityProcess(() => new Promise(() => {}));
  const b = new HostLink(stuck, recorder().handlers);
  const started = Date.now();
  const r2 = await b.shutdown(150);
  assert.equal(r2.outcome, 'timed-out');
  assert.ok(Date.now() - started < 1500);
  assert.equal(stuck.killed, 1);
});

test('isHostStatus accepts the three http states and nothing else', () => {
  assert.equal(isHostStatus(status), true);
  assert.equal(isHostStatus({ ...status, http: null }), true);
  assert.equal(isHostStatus({ ...status, http: { error: 'in use', port: 9099 } }), true);
  assert.equal(isHostStatus({ ...status, http: { error: 'in use' } }), false);
  assert.equal(isHostStatus({ ...status, targetsDown: -1 }), false);
  assert.equal(isHostStatus({ ...status, scrapingPaused: 'no' }), false);
  assert.equal(isHostStatus(null), false);
});
