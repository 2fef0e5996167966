// The Api's methods are declared once (shared/api.ts): the schemas, the clients built by
// makeApiClient (preload, WebSocket) and the session's dispatch all cover exactly that list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { API_METHODS, isApiMethod, makeApiClient, type ApiEvent, type EngineInfo } from '../../../shared/api';
import { apiParamSchemas } from '../../../shared/api-schemas';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/tmp';

test('the schemas cover exactly the declared methods, each once', () => {
  assert.equal(new Set(API_METHODS).size, API_METHODS.length);
  assert.deepEqual(Object.keys(apiParamSchemas).sort(), [...API_METHODS].sort());
  assert.ok(API_METHODS.includes('setScrapingPaused'));
});

test('isApiMethod takes own method names only', () => {
  for (const m of API_METHODS) assert.ok(isApiMethod(m), m);
  for (const bad of ['constructor', '__proto__', 'toString', 'onEvent', '', 42, null]) {
    assert.equal(isApiMethod(bad), false, String(bad));
  }
});

test('makeApiClient sends every method with its arguments through one call, and passes onEvent', async () => {
  const sent: [string, unknown[]][] = [];
  const listeners: ((e: ApiEvent) => void)[] = [];
  const api = makeApiClient(
    async (method, params) => {
      sent.push([method, params]);
      return `${method} done`;
    },
    (l) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
  );
  for (const m of API_METHODS) {
    const fn = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[m];
    assert.equal(typeof fn, 'function', m);
    assert.equal(await fn('a', 2), `${m} done`);
  }
  assert.deepEqual(
    sent,
    API_METHODS.map((m) => [m, ['a', 2]]),
  );
  const got: ApiEvent[] = [];
  const off = api.onEvent((e) => got.push(e));
  listeners[0]({ type: 'targets', targets: [] });
  off();
  assert.deepEqual(got, [{ type: 'targets', targets: [] }]);
  assert.equal(listeners.length, 0);
});

test("the session dispatches every declared method (none falls through to 'unknown method')", async () => {
  const dir = tempDir();
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    mode: 'serve',
    autoStart: false,
    log: () => {},
  });
  const session = engine.createSession(() => {});
  try {
    for (const m of API_METHODS) {
      // Arguments no schema takes: every method must get as far as its own schema's refusal.
      await assert.rejects(session.call(m, [Symbol.iterator]), (e: Error) => {
        assert.doesNotMatch(e.message, /unknown method/, m);
        assert.match(e.message, new RegExp(`^${m}: `), m);
        return true;
      });
    }
    // The new method is dispatched as well: info reports the scraping state.
    assert.equal(((await session.call('setScrapingPaused', [true])) as EngineInfo).scrapingPaused, true);
    assert.equal(((await session.call('info', [])) as EngineInfo).scrapingPaused, true);
    await assert.rejects(session.call('constructor' as never, []), /unknown method "constructor"/);
  } finally {
    engine.closeSession(session);
    await engine.close();
    dir.remove();
  }
});
