// Two RpcPeers wired back to back: each message is structured-cloned and delivered on a later
// turn, as a real port would. Calls, errors with their names, timeouts, cancellation, events,
// closing, and input that is not an RpcMessage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { RpcPeer, withTransfer, type RpcPeerOptions } from '../../../shared/rpc/peer';
import type { RpcMessage } from '../../../shared/rpc/messages';
import { RpcClosedError, RpcError, RpcTimeoutError } from '../../../shared/rpc/errors';

interface Wire {
  a: RpcPeer;
  b: RpcPeer;
  /** Every message each side sent, in order. */
  fromA: RpcMessage[];
  fromB: RpcMessage[];
}

function pair(aOpts: RpcPeerOptions = {}, bOpts: RpcPeerOptions = {}): Wire {
  const fromA: RpcMessage[] = [];
  const fromB: RpcMessage[] = [];
  const deliver = (to: () => RpcPeer, log: RpcMessage[]) => ({
    send(msg: RpcMessage) {
      const copy = structuredClone(msg);
      log.push(copy);
      setImmediate(() => to().receive(copy));
    },
  });
  const a: RpcPeer = new RpcPeer(
    deliver(() => b, fromA),
    { name: 'peer B', ...aOpts },
  );
  const b: RpcPeer = new RpcPeer(
    deliver(() => a, fromB),
    { name: 'peer A', ...bOpts },
  );
  return { a, b, fromA, fromB };
}

class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A handler whose calls wait until released, recording the signal each one got. */
function held() {
  const calls: { method: string; signal: AbortSignal; release: (v: unknown) => void }[] = [];
  const handle: RpcPeerOptions['handle'] = (method, _params, ctx) =>
    new Promise((release) => calls.push({ method, signal: ctx.signal as AbortSignal, release }));
  return { calls, handle };
}

async function until(cond: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await sleep(1);
  }
}

describe('RpcPeer', () => {
  it('matches replies to calls, out of order, with params and scope reaching the handler', async () => {
    const seen: unknown[] = [];
    const { a } = pair(
      {},
      {
        handle: async (method, params, ctx) => {
          seen.push([method, params, ctx.scope]);
          const [n] = params as [number];
          await sleep(n); // later calls answered first
          return { method, n };
        },
      },
    );
    const results = await Promise.all([
      a.call('slow', [30], { scope: 4 }),
      a.call('fast', [1]),
      a.call('mid', [10], { scope: 0 }),
    ]);
    assert.deepEqual(results, [
      { method: 'slow', n: 30 },
      { method: 'fast', n: 1 },
      { method: 'mid', n: 10 },
    ]);
    assert.deepEqual(seen, [
      ['slow', [30], 4],
      ['fast', [1], undefined],
      ['mid', [10], 0],
    ]);
    assert.equal(a.pending, 0);
  });

  it('both ends call and answer over one channel', async () => {
    const { a, b } = pair({ handle: (m) => `a:${m}` }, { handle: (m) => `b:${m}` });
    assert.deepEqual(await Promise.all([a.call('x', []), b.call('y', [])]), ['b:x', 'a:y']);
  });

  it('a remote failure keeps its name and message; a non-Error throw its text', async () => {
    const { a } = pair(
      {},
      {
        handle: (method) => {
          if (method === 'config') throw new ConfigError('line 3: unknown field "scrape_intervall"');
          if (method === 'async') return Promise.reject(new RangeError('too big'));
          throw 'plain string';
        },
      },
    );
    await assert.rejects(a.call('config', []), (err: Error) => {
      assert.ok(err instanceof RpcError);
      assert.equal(err.name, 'ConfigError');
      assert.equal(err.message, 'line 3: unknown field "scrape_intervall"');
      return true;
    });
    await assert.rejects(a.call('async', []), { name: 'RangeError', message: 'too big' });
    await assert.rejects(
      a.call('other', []),
      (err: Error) => err instanceof RpcError && err.message === 'plain string',
    );
  });

  it('a peer without a handler refuses requests with an error reply', async () => {
    const { a } = pair();
    await assert.rejects(a.call('anything', []), /anything: this end answers no requests/);
  });

  it('times out by the default and by a per-call timeout, cancels on the other end, ignores the late reply', async () => {
    const h = held();
    const { a, b, fromA } = pair({ timeoutMs: 40 }, { handle: h.handle });
    const t0 = Date.now();
    const byDefault = a.call('query', [1]);
    const perCall = a.call('scrape', [2], { timeoutMs: 10 });
    const none = a.call('wait', [3], { timeoutMs: 0 });
    await assert.rejects(perCall, (err: Error) => {
      assert.ok(err instanceof RpcTimeoutError);
      assert.equal(err.name, 'RpcTimeoutError');
      assert.equal(err.message, 'scrape: no reply from peer B within 10 ms');
      return true;
    });
    await assert.rejects(byDefault, {
      name: 'RpcTimeoutError',
      message: 'query: no reply from peer B within 40 ms',
    });
    assert.ok(Date.now() - t0 >= 39, 'the default timeout ran its length');
    assert.equal(a.pending, 1, 'the call without a timeout still waits');
    // The other end heard that both were given up, and its handlers saw their signals abort.
    await until(() => h.calls.filter((c) => c.signal.aborted).length === 2, 'two aborts');
    assert.deepEqual(
      fromA.filter((m) => m.kind === 'cancel').map((m) => m.kind === 'cancel' && m.id),
      [2, 1],
    );
    assert.equal(b.handling, 3);
    // The handlers still answer (one reply per request); the caller drops the late ones.
    for (const c of h.calls) c.release(c.method);
    assert.equal(await none, 'wait');
    await until(() => b.handling === 0, 'the handlers to finish');
    assert.equal(a.pending, 0);
  });

  it('an aborted signal rejects the call with its reason and aborts the handler', async () => {
    const h = held();
    const { a, b } = pair({}, { handle: h.handle });
    const ac = new AbortController();
    const call = a.call('fetchExposition', [], { signal: ac.signal });
    await until(() => h.calls.length === 1, 'the request');
    ac.abort(new Error('the user closed the pane'));
    await assert.rejects(call, { message: 'the user closed the pane' });
    assert.equal(a.pending, 0);
    await until(() => h.calls[0].signal.aborted, 'the handler abort');
    assert.equal((h.calls[0].signal.reason as Error).name, 'AbortError');
    h.calls[0].release('late');
    await until(() => b.handling === 0, 'the handler to finish');

    // Already aborted: rejected at once, nothing sent.
    const before = h.calls.length;
    await assert.rejects(a.call('x', [], { signal: AbortSignal.abort() }), { name: 'AbortError' });
    await sleep(5);
    assert.equal(h.calls.length, before);
  });

  it('a handler that reads its signal only after the cancel arrived finds it aborted', async () => {
    let late: Promise<AbortSignal> | null = null;
    const { a, b } = pair(
      {},
      {
        handle: (_m, _p, ctx) => {
          late = new Promise((resolve) => setTimeout(() => resolve(ctx.signal as AbortSignal), 30));
          return late.then(() => 'done');
        },
      },
    );
    await assert.rejects(a.call('x', [], { timeoutMs: 5 }), { name: 'RpcTimeoutError' });
    await until(() => late !== null, 'the request');
    const signal = await late!;
    assert.equal(signal.aborted, true);
    assert.equal((signal.reason as Error).name, 'AbortError');
    await until(() => b.handling === 0, 'the handler to finish');
  });

  it('a call answered before its signal aborts is not disturbed by the abort', async () => {
    const { a } = pair({}, { handle: () => 1 });
    const ac = new AbortController();
    // A timeout a loaded machine still answers within, then a wait past it: the timer was cleared.
    assert.equal(await a.call('x', [], { signal: ac.signal, timeoutMs: 500 }), 1);
    ac.abort();
    await sleep(550);
    assert.equal(a.pending, 0);
  });

  it('carries events with their scope and topic', async () => {
    const got: unknown[] = [];
    const { a, b } = pair({ onEvent: (e, scope, topic) => got.push([e, scope, topic]) });
    b.emit({ type: 'targets-changed' });
    b.emit({ n: 1 }, { scope: 7 });
    b.emit('x', { scope: 0, topic: 'log' });
    await until(() => got.length === 3, 'three events');
    assert.deepEqual(got, [
      [{ type: 'targets-changed' }, undefined, undefined],
      [{ n: 1 }, 7, undefined],
      ['x', 0, 'log'],
    ]);
    assert.equal(a.pending, 0);
  });

  it('close rejects every waiting call, later calls at once, and aborts requests being answered', async () => {
    const h = held();
    const { a, b, fromB } = pair({ name: 'the engine thread' }, { handle: h.handle });
    const calls = [a.call('one', []), a.call('two', [])];
    await until(() => h.calls.length === 2, 'two requests');
    assert.equal(a.pending, 2);
    a.close('the engine thread stopped (exit code 1)');
    for (const c of calls) {
      await assert.rejects(c, (err: Error) => {
        assert.ok(err instanceof RpcClosedError);
        assert.equal(err.name, 'RpcClosedError');
        assert.equal(err.message, 'the engine thread stopped (exit code 1)');
        return true;
      });
    }
    assert.equal(a.pending, 0);
    assert.ok(a.closed);
    await assert.rejects(a.call('three', []), { name: 'RpcClosedError' });
    a.emit('ignored'); // nothing is sent from a closed peer, nothing thrown

    // The answering side closes: its handlers are aborted and their replies are not sent.
    const repliesBefore = fromB.length;
    b.close();
    assert.ok(h.calls.every((c) => c.signal.aborted));
    assert.equal(b.handling, 0);
    for (const c of h.calls) c.release('late');
    await sleep(5);
    assert.equal(fromB.length, repliesBefore);
    await assert.rejects(b.call('x', []), { message: 'the connection to peer A was closed' });
  });

  it('a reply the channel cannot carry becomes an error reply, not a hang', async () => {
    const { a } = pair({}, { handle: () => ({ fn: () => 1 }) });
    await assert.rejects(a.call('x', []), /the reply could not be sent: .*could not be cloned/);
  });

  it('a call the channel cannot send rejects at once', async () => {
    const a = new RpcPeer({
      send() {
        throw new Error('port closed');
      },
    });
    await assert.rejects(a.call('x', []), { message: 'port closed' });
    assert.equal(a.pending, 0);
  });

  it('fail() rejects one waiting call, as a transport that lost it', async () => {
    const h = held();
    const { a } = pair({}, { handle: h.handle });
    const lost = a.call('x', []);
    const kept = a.call('y', []);
    await until(() => h.calls.length === 2, 'two requests');
    assert.ok(a.isPending(1));
    assert.equal(a.fail(1, new Error('connection lost')), true);
    assert.equal(a.fail(1, new Error('again')), false);
    await assert.rejects(lost, { message: 'connection lost' });
    h.calls[1].release('ok');
    assert.equal(await kept, 'ok');
  });

  it('withTransfer hands the channel the buffers to move', async () => {
    const sent: { msg: RpcMessage; transfer?: readonly unknown[] }[] = [];
    const buf = new ArrayBuffer(8);
    const b = new RpcPeer(
      { send: (msg, transfer) => sent.push({ msg, transfer }) },
      { handle: () => withTransfer({ buf }, [buf]) },
    );
    b.receive({ kind: 'request', id: 1, method: 'x', params: [] });
    await until(() => sent.length === 1, 'the reply');
    assert.deepEqual(sent[0], { msg: { kind: 'reply', id: 1, ok: true, result: { buf } }, transfer: [buf] });
  });
});

describe('RpcPeer and malformed input', () => {
  /** A lone peer: what it sends and what it reports. */
  function lone(opts: RpcPeerOptions = {}) {
    const sent: RpcMessage[] = [];
    const problems: string[] = [];
    const peer = new RpcPeer(
      { send: (m) => sent.push(m) },
      { name: 'the client', handle: () => 'ok', onProblem: (p) => problems.push(p), ...opts },
    );
    return { peer, sent, problems };
  }

  const answered: [string, unknown, string][] = [
    [
      'an unknown kind',
      { kind: 'call', id: 3 },
      'field "kind": expected one of request, reply, event, cancel, got the string "call"',
    ],
    [
      'no method',
      { kind: 'request', id: 3, params: [] },
      'field "method": expected a method name, got nothing',
    ],
    [
      'an empty method',
      { kind: 'request', id: 3, method: '', params: [] },
      'field "method": expected a method name, got the string ""',
    ],
    [
      'a huge method',
      { kind: 'request', id: 3, method: 'm'.repeat(201), params: [] },
      'field "method": longer than 200 characters',
    ],
    [
      'params not an array',
      { kind: 'request', id: 3, method: 'x', params: { 0: 1 } },
      'field "params": expected an array, got an object',
    ],
    [
      'a fractional scope',
      { kind: 'request', id: 3, method: 'x', params: [], scope: 1.5 },
      'field "scope": expected a safe integer, got the number 1.5',
    ],
  ];
  for (const [what, msg, error] of answered) {
    it(`a request with ${what} is answered with an error naming the field`, () => {
      const { peer, sent } = lone();
      peer.receive(msg);
      assert.deepEqual(sent, [
        { kind: 'reply', id: 3, ok: false, error: `malformed request: ${error}`, errorName: 'RpcError' },
      ]);
      assert.equal(peer.handling, 0);
    });
  }

  const dropped: [string, unknown, RegExp][] = [
    ['undefined', undefined, /expected an object \{kind, \.\.\.\}, got nothing/],
    ['a number', 42, /got the number 42/],
    ['an array', [1, 2], /got an array/],
    [
      'a request without an id',
      { kind: 'request', method: 'x', params: [] },
      /field "id": expected a safe integer, got nothing/,
    ],
    ['an id past 2^53', { kind: 'request', id: 2 ** 53, method: 'x', params: [] }, /field "id"/],
    ['a NaN id', { kind: 'cancel', id: NaN }, /field "id": expected a safe integer, got the number NaN/],
    ['an event with a numeric topic', { kind: 'event', event: 1, topic: 5 }, /field "topic"/],
    ['a reply for no call', { kind: 'reply', id: 9, ok: 'yes' }, /field "ok": expected a boolean/],
  ];
  for (const [what, msg, problem] of dropped) {
    it(`${what} is dropped and reported, never answered`, () => {
      const { peer, sent, problems } = lone();
      peer.receive(msg);
      assert.deepEqual(sent, []);
      assert.equal(problems.length, 1);
      assert.match(problems[0], problem);
    });
  }

  it('a malformed reply to a waiting call rejects that call', async () => {
    const { peer, sent } = lone();
    const call = peer.call('x', []);
    const id = (sent[0] as { id: number }).id;
    peer.receive({ kind: 'reply', id, ok: false, error: { message: 'nested' } });
    await assert.rejects(call, {
      name: 'RpcError',
      message: 'malformed reply from the client: field "error": expected a string, got an object',
    });
  });

  it('a request id reused while in flight is refused, the first still answered', async () => {
    let release!: (v: unknown) => void;
    const { peer, sent } = lone({ handle: () => new Promise((r) => (release = r)) });
    peer.receive({ kind: 'request', id: 5, method: 'x', params: [] });
    peer.receive({ kind: 'request', id: 5, method: 'y', params: [] });
    assert.match((sent[0] as { error: string }).error, /request id 5 is still being answered/);
    release('first');
    await until(() => sent.length === 2, 'the first reply');
    assert.deepEqual(sent[1], { kind: 'reply', id: 5, ok: true, result: 'first' });
  });

  it('a failing event listener or problem reporter is contained', () => {
    const { peer, problems } = lone({
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    peer.receive({ kind: 'event', event: 1 });
    assert.deepEqual(problems, ['an event listener failed: listener bug']);
    const quiet = new RpcPeer(
      { send() {} },
      {
        onProblem: () => {
          throw new Error('reporter bug');
        },
      },
    );
    quiet.receive('garbage');
  });

  it('a handler that throws synchronously is answered at once, in order', () => {
    const { peer, sent } = lone({
      handle: (m) => {
        if (m === 'bad') throw new TypeError('no');
        return m;
      },
    });
    peer.receive({ kind: 'request', id: 1, method: 'bad', params: [] });
    peer.receive({ kind: 'request', id: 2, method: 'good', params: [] });
    assert.deepEqual(sent, [
      { kind: 'reply', id: 1, ok: false, error: 'no', errorName: 'TypeError' },
      { kind: 'reply', id: 2, ok: true, result: 'good' },
    ]);
  });

  it('no input makes receive throw, and every request is answered exactly once (fuzz)', async () => {
    const field = fc.oneof(
      fc.anything(),
      fc.constantFrom('request', 'reply', 'event', 'cancel', 1, -1, 2 ** 53, NaN, [], {}, null),
    );
    const message = fc.oneof(
      fc.anything(),
      fc.record(
        {
          kind: field,
          id: field,
          method: field,
          params: field,
          ok: field,
          error: field,
          scope: field,
          topic: field,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 20 }), async (msgs) => {
        const { peer, sent } = lone({ handle: async (m) => m });
        // Answered: an object with a usable id that is a request or of no kind known (a request
        // gone wrong); replies, events and cancels are never answered.
        const expected: number[] = [];
        for (const m of msgs) {
          peer.receive(m);
          const o = m as { kind?: unknown; id?: unknown } | null;
          if (typeof o !== 'object' || o === null || Array.isArray(o) || !Number.isSafeInteger(o.id))
            continue;
          if (o.kind === 'request' || !['reply', 'event', 'cancel'].includes(o.kind as string))
            expected.push(o.id as number);
        }
        await sleep(0);
        assert.equal(peer.handling, 0);
        const replied = sent.map((s) => (s as { id: number }).id);
        assert.deepEqual(replied.sort(), expected.sort(), 'one reply per request, reused ids included');
        assert.ok(sent.every((s) => s.kind === 'reply'));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
