// Issue 12's WebSocket frame row, end to end: `promdesk serve` gets the probe's ~90-byte binary
// frame declaring {"$f64":4294967294,"n":0} (which made the HTTP thread loop for 40 s and V8
// abort), then a few hundred more hostile frames. Each is answered at once with an error, and
// the server keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import type { ApiMessage } from '../../shared/api';
import { hostileFrame, issueReproFrame } from '../helpers/wire-fuzz';
import { withServe } from '../helpers/in-process-serve';

test('hostile binary frames get an error reply at once and the server keeps serving', async () => {
  await withServe({}, async (base) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`);
    ws.binaryType = 'arraybuffer';
    try {
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const replies: ApiMessage[] = [];
      let wake: (() => void) | null = null;
      ws.on('message', (data: ArrayBuffer) => {
        const m = decodeFrame(data) as ApiMessage;
        if (m.kind !== 'reply') return;
        replies.push(m);
        wake?.();
      });
      const next = async (ms: number): Promise<ApiMessage> => {
        const deadline = Date.now() + ms;
        while (replies.length === 0) {
          const left = deadline - Date.now();
          assert.ok(left > 0, `no reply within ${ms} ms`);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, left);
          });
        }
        return replies.shift()!;
      };

      const t0 = performance.now();
      ws.send(issueReproFrame());
      const first = await next(2000);
      assert.ok(first.kind === 'reply' && !first.ok);
      assert.match((first as { error: string }).error, /Float64Array index 4294967294 is out of range/);
      assert.ok(performance.now() - t0 < 2000);

      const frames = fc.sample(hostileFrame, { numRuns: 300, seed: 12 });
      for (const f of frames) {
        ws.send(f);
        const r = await next(2000);
        assert.equal(r.kind, 'reply');
      }
      // Still serving: a real call over the same socket, and HTTP.
      ws.send(encodeFrame({ kind: 'request', id: 7, method: 'info', params: [] }));
      const info = await next(2000);
      assert.ok(info.kind === 'reply' && info.ok && info.id === 7, JSON.stringify(info));
      assert.equal((await fetch(`${base}/-/healthy`)).status, 200);
    } finally {
      ws.close();
    }
  });
});
