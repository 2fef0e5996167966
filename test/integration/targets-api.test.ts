// The target defects of issue 13 item 8, checked through the Api as the UI reaches it: the
// renderer's WebSocket client against `promdesk serve` (engine in its worker thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import { defaultTargetInput, type ApiEvent, type TargetInput } from '../../shared/api';
import { parseDuration } from '../../shared/duration';
import { startExporter } from '../helpers/exporter';
import { withServe } from '../helpers/in-process-serve';

// The renderer's client expects the browser's WebSocket; Node 20 has none, the ws package fits.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

test('target input defects over the Api of promdesk serve', { timeout: 60_000 }, async () => {
  const exp = await startExporter({ kind: 'body', body: 'x 1\n' });
  try {
    await withServe({}, async (base) => {
      const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
      const api = client.api();
      const events: ApiEvent[] = [];
      api.onEvent((e) => events.push(e));
      try {
        const t: TargetInput = { ...defaultTargetInput, url: exp.url, job: 'a', intervalMs: 3_600_000 };
        await assert.rejects(api.addTarget({ ...t, intervalMs: parseDuration('999999h')! }), {
          message: 'addTarget: intervalMs: the interval must be at most 24h',
        });
        await assert.rejects(api.addTarget({ ...t, timeoutMs: parseDuration('999999h')! }), {
          message: 'addTarget: timeoutMs: the timeout must be at most 24h',
        });
        await assert.rejects(api.addTarget({ ...t, job: '' }), {
          message: 'addTarget: job: job must not be empty',
        });
        assert.deepEqual(await api.listTargets(), []);

        const a = await api.addTarget(t);
        assert.deepEqual(a.warnings, []);
        const b = await api.addTarget({ ...t, job: 'b' });
        assert.deepEqual(b.warnings, [`${exp.url} is also scraped by job a`]);
        const c = await api.addTarget({ ...t, job: 'c' });
        assert.deepEqual(c.warnings, [`${exp.url} is also scraped by job a, b`]);
        await assert.rejects(api.addTarget(t), {
          message: `a target for ${exp.url} in job "a" exists already`,
        });
        await assert.rejects(api.updateTarget(c.id, { ...t, job: 'b' }), /in job "b" exists already/);
        // The targets event the UI lists from carries the warnings too.
        const deadline = Date.now() + 5000;
        let listed: ApiEvent | undefined;
        while (!(listed = events.findLast((e) => e.type === 'targets')) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(listed?.type === 'targets');
        assert.deepEqual(listed.targets.find((v) => v.id === a.id)?.warnings, [
          `${exp.url} is also scraped by job b, c`,
        ]);

        assert.equal((await api.info()).scrapingPaused, false);
        assert.equal((await api.setScrapingPaused(true)).scrapingPaused, true);
        assert.equal((await api.info()).scrapingPaused, true);
        assert.ok((await api.listTargets()).every((v) => !v.paused));
        assert.equal((await api.setScrapingPaused(false)).scrapingPaused, false);
      } finally {
        client.close();
      }
    });
  } finally {
    await exp.close();
  }
});

test('settings over the Api of promdesk serve: saved in the data directory, refused by key', async () => {
  await withServe({}, async (base) => {
    const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
    const api = client.api();
    try {
      const before = await api.getSettings();
      assert.deepEqual(before.settings, before.defaults);
      const after = await api.putSettings({ 'retention.time': '7d' });
      assert.equal(after.settings['retention.time'], '7d');
      assert.equal(after.restartNeeded, true);
      const info = await api.info();
      assert.deepEqual(JSON.parse(readFileSync(join(info.dataDir, 'settings.json'), 'utf8')), {
        'retention.time': '7d',
      });
      await assert.rejects(api.putSettings({ 'retention.time': 'forever' }), {
        message: 'putSettings: retention.time: must be a duration like 30d or 12h, not "forever"',
      });
    } finally {
      client.close();
    }
  });
});
