// The Api's request path, fuzzed end to end as a WebSocket client reaches it: a message is framed
// (shared/wire.ts), decoded, checked by apiRequestMessageSchema and dispatched by a real
// ApiSession of a real Engine (temp data dir, real SQLite). Every call yields a result or an
// Error with a message; none throws something that is not an Error, leaks an internal TypeError,
// hangs, or takes the process down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { apiRequestMessageSchema } from '../../../shared/api-schemas';
import { decodeFrame, encodeFrame } from '../../../shared/wire';
import { Engine } from '../../../electron/engine/engine';
import type { ApiSession } from '../../../electron/engine/api-session';
import type { ApiMethod } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';
import { apiCall, type FuzzCall } from '../../helpers/rpc-fuzz';

const CALL_DEADLINE_MS = 10_000;

/** Errors that say a check is missing, not that the input was refused. */
const INTERNAL = [TypeError, RangeError, ReferenceError];

describe('Api request fuzz', () => {
  const dir = tempDir();
  let engine: Engine;
  let session: ApiSession;
  const stray: unknown[] = [];
  const onStray = (e: unknown) => stray.push(e);

  before(() => {
    process.on('uncaughtException', onStray);
    process.on('unhandledRejection', onStray);
    engine = new Engine({
      dataDir: join(dir.path, 'data'),
      mode: 'serve',
      autoStart: false,
      log: () => {},
      // probeExporters looks at no real port here.
      probePorts: [],
    });
    session = engine.createSession(() => {});
  });
  after(async () => {
    engine.closeSession(session);
    await engine.close();
    dir.remove();
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  });

  /** Runs one call to its end; returns what it ended with, failing on anything but a result or Error. */
  async function judge(method: string, params: unknown): Promise<'ok' | 'refused'> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`DEADLINE: ${method} did not settle`)), CALL_DEADLINE_MS);
    });
    try {
      await Promise.race([session.call(method as ApiMethod, params as unknown[]), deadline]);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof Error, `${method} threw a non-Error: ${String(e)}`);
      assert.ok(!e.message.startsWith('DEADLINE'), e.message);
      assert.ok(
        !INTERNAL.some((c) => e.constructor === c),
        `${method}(${clip(params)}) leaked ${e.constructor.name}: ${e.message}`,
      );
      assert.ok(e.message.length > 0, `${method}: empty error message`);
      return 'refused';
    } finally {
      clearTimeout(timer);
      // Targets added by the fuzz scrape closed loopback ports; keep them few.
      if (engine.listTargets().length > 10) {
        for (const t of engine.listTargets()) await engine.removeTarget(t.id).catch(() => {});
      }
    }
  }

  it('framed, decoded, schema-checked and dispatched: a result or an Error, never a crash', async () => {
    const seen = { ok: 0, refused: 0, malformed: 0 };
    let id = 0;
    await fc.assert(
      fc.asyncProperty(apiCall, async ({ method, params }: FuzzCall) => {
        const raw = decodeFrame(encodeFrame({ kind: 'request', id: id++, method, params }));
        const msg = apiRequestMessageSchema.safeParse(raw);
        if (!msg.success) {
          seen.malformed++;
          return;
        }
        seen[await judge(msg.data.method, msg.data.params)]++;
      }),
      { numRuns: 1500, seed: 42 },
    );
    assert.deepEqual(stray, [], 'no uncaught exception or unhandled rejection');
    assert.ok(seen.ok > 100 && seen.refused > 300 && seen.malformed > 50, JSON.stringify(seen));
  });

  it('ApiSession.call itself, with any method name and any params', async () => {
    const seen = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(apiCall, async ({ method, params }: FuzzCall) => {
        seen[await judge(method, params)]++;
      }),
      { numRuns: 800, seed: 43 },
    );
    await assert.rejects(session.call('constructor' as ApiMethod, []), /unknown method "constructor"/);
    await assert.rejects(session.call('__proto__' as ApiMethod, []), /unknown method "__proto__"/);
    assert.deepEqual(stray, []);
    assert.ok(seen.ok > 50 && seen.refused > 300, JSON.stringify(seen));
  });

  it('timestamps past float precision are refused, not looped on until the query timeout', async () => {
    // Found by this fuzz: at 1e300 (or 2^53 with a 0.5 ms step) `t += step` stood still and
    // each call held the engine for the whole --query.timeout (2 min by default).
    const t0 = performance.now();
    await assert.rejects(
      session.call('queryRange', [{ query: 'up', startMs: 1e300, endMs: 1e300, stepMs: 0.001 }]),
      /startMs: must be a time before year 275760/,
    );
    await assert.rejects(
      session.call('queryRange', [{ query: 'up', startMs: 8.6e15, endMs: 8.6e15 + 100, stepMs: 0.5 }]),
      /stepMs: step is too small to advance timestamps this large/,
    );
    await assert.rejects(
      session.call('queryInstant', [{ query: 'max_over_time(up[10m:1m])', timeMs: -1e300 }]),
      /timeMs: must be a time after year -271821/,
    );
    assert.ok(performance.now() - t0 < 1000);
    // Fine steps at today's timestamps still work.
    const now = 1.7e12;
    await session.call('queryRange', [{ query: 'up', startMs: now, endMs: now + 1, stepMs: 0.001 }]);
  });

  it('the engine still answers after the fuzz', async () => {
    const info = (await session.call('info', [])) as { dataDir: string };
    assert.equal(info.dataDir, join(dir.path, 'data'));
    const r = (await session.call('queryInstant', [{ query: '1+1', timeMs: 1000 }])) as {
      resultType: string;
    };
    assert.equal(r.resultType, 'scalar');
  });
});

function clip(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
