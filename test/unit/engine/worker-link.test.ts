// The serve thread's link to a real engine thread (engine-worker.ts, real SQLite in a temp dir),
// all of it over the one RPC layer: start-up failures keep their error's name, a session's calls
// and events travel scoped to it, bodies move rather than copy, and a stopped thread fails calls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEvent, EngineInfo } from '../../../shared/api';
import { EngineStartError, WorkerEngineLink } from '../../../electron/engine/worker-link';
import type { WorkerEngineOptions } from '../../../electron/engine/worker-protocol';
import { encodeWriteRequest } from '../../helpers/proto-write';
import { snappyEncode } from '../../helpers/snappy-encode';
import { tempDir } from '../../helpers/tmp';

const workerUrl = new URL('../../../electron/engine/engine-worker.ts', import.meta.url);
const options = (dataDir: string, more: Partial<WorkerEngineOptions> = {}): WorkerEngineOptions => ({
  dataDir,
  configFile: null,
  retention: {},
  query: {},
  ...more,
});

async function waitFor<T>(got: T[], n: number, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (got.length < n) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WorkerEngineLink', () => {
  it('a bad config fails start-up with EngineStartError named ConfigError', async () => {
    const dir = tempDir();
    try {
      const cfg = join(dir.path, 'prometheus.yml');
      writeFileSync(cfg, 'scrape_configs:\n  - job_name: x\n    scrape_interval: soon\n');
      await assert.rejects(
        WorkerEngineLink.start(workerUrl, options(join(dir.path, 'data'), { configFile: cfg })),
        (err: Error) => {
          assert.ok(err instanceof EngineStartError);
          assert.equal(err.originalName, 'ConfigError');
          assert.match(
            err.message,
            /prometheus\.yml:3: scrape_configs\[x\]\.scrape_interval: not a valid duration/,
          );
          return true;
        },
      );
    } finally {
      dir.remove();
    }
  });

  it('drives sessions, events, the Prometheus API, remote write and shutdown through the thread', async () => {
    const dir = tempDir();
    const data = join(dir.path, 'data');
    const link = await WorkerEngineLink.start(workerUrl, options(data));
    try {
      // A second engine on the same directory is refused with the lock's own error name.
      await assert.rejects(WorkerEngineLink.start(workerUrl, options(data)), {
        originalName: 'DataDirLockedError',
      });

      const eventsA: ApiEvent[] = [];
      const eventsB: ApiEvent[] = [];
      const a = link.openSession((e) => eventsA.push(e));
      const b = link.openSession((e) => eventsB.push(e));
      assert.equal(((await a.call('info', [])) as EngineInfo).mode, 'serve');
      await assert.rejects(a.call('addTarget', [{ url: 42 }]), /url/);
      await assert.rejects(a.call('nope' as 'info', []), /unknown method "nope"/);

      // Only the subscribing session gets the samples: events carry their session's scope.
      await a.call('subscribe', [{ subscriptionId: 's', query: 'rpc_link_total' }]);
      const now = Date.now();
      const body = snappyEncode(
        encodeWriteRequest([
          {
            labels: [
              ['__name__', 'rpc_link_total'],
              ['job', 'w'],
            ],
            samples: [{ t: now, v: 5 }],
          },
        ]),
      );
      const reply = await link.remoteWrite(body, 'snappy');
      assert.equal(reply.status, 204, reply.message);
      assert.equal(body.byteLength, 0, 'the body was moved to the engine thread, not copied');
      await waitFor(eventsA, 1, 'a samples event');
      assert.equal(eventsA[0].type, 'samples');
      assert.deepEqual(eventsB, []);

      const prom = await link.prometheusApi('GET', '/api/v1/query', [['query', 'rpc_link_total']]);
      assert.equal(prom?.status, 200);
      assert.match(prom!.json, /"rpc_link_total"/);
      assert.equal(await link.prometheusApi('GET', '/not/the/api', []), null);
      assert.match(await link.selfMetrics([['/metrics', 1]]), /promdesk_/);
      assert.deepEqual(await link.summary(), { targets: 0, dataDir: data });

      a.close();
      await assert.rejects(a.call('info', []), /session closed/);
      assert.equal(((await b.call('info', [])) as EngineInfo).mode, 'serve');
    } finally {
      await link.close();
      dir.remove();
    }
    // Closed: calls fail at once, naming the thread.
    await assert.rejects(link.summary(), {
      name: 'RpcClosedError',
      message: /the engine thread stopped \(exit code \d+\)/,
    });
    await link.close(); // twice is fine
  });
});
