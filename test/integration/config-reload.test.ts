// Reload as Prometheus 2.42: SIGHUP and POST /-/reload (only with --web.enable-lifecycle) read the
// config again; a target that stays keeps its state, a new job's targets start, and a broken file
// keeps the old config running with its error in the answer, on stderr and on /metrics.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const running = new Set<ServeProcess>();
after(async () => {
  for (const p of running) await p.stop();
});

async function until<T>(what: string, get: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('SIGHUP and POST /-/reload', { timeout: 90_000 }, async () => {
  const dir = tempDir();
  after(dir.remove);
  const exporter = http.createServer((_req, res) => res.end('# TYPE x gauge\nx 1\n'));
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  after(() => exporter.close());
  const port = (exporter.address() as AddressInfo).port;
  const configFile = join(dir.path, 'prometheus.yml');
  const job = (name: string, host: string) =>
    `  - job_name: ${name}\n    scrape_interval: 1s\n    static_configs: [{targets: ['${host}:${port}']}]\n`;
  writeFileSync(configFile, `scrape_configs:\n${job('a', '127.0.0.1')}`);

  const off = await startServeProcess(join(dir.path, 'off'), configFile, running);
  const refused = await fetch(`${off.base}/-/reload`, { method: 'POST' });
  assert.equal(refused.status, 403);
  assert.equal(await refused.text(), 'Lifecycle API is not enabled.\n');
  await off.stop();
  running.delete(off);

  const p = await startServeProcess(join(dir.path, 'on'), configFile, running, ['--web.enable-lifecycle']);
  type T = { labels: { job: string; instance: string }; lastScrape: string; health: string };
  const targets = async () =>
    ((await (await fetch(`${p.base}/api/v1/targets`)).json()) as { data: { activeTargets: T[] } }).data
      .activeTargets;
  const metric = async (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${p.base}/metrics`)).text())?.[1]);
  const a = await until('job a scraped', async () => (await targets()).find((t) => t.health === 'up'));
  assert.equal(await metric('promdesk_config_last_reload_successful'), 1);

  writeFileSync(configFile, `scrape_configs:\n${job('a', '127.0.0.1')}${job('b', 'localhost')}`);
  const ok = await fetch(`${p.base}/-/reload`, { method: 'POST' });
  assert.equal(ok.status, 200);
  const both = await until('job b', async () => {
    const ts = await targets();
    return ts.length === 2 && ts;
  });
  const stayed = both.find((t) => t.labels.job === 'a');
  assert.notEqual(stayed?.lastScrape, '0001-01-01T00:00:00Z', 'the staying target keeps its state');
  assert.ok(new Date(stayed?.lastScrape ?? 0) >= new Date(a.lastScrape));

  writeFileSync(configFile, `scrape_configs:\n  - job_name: c\n    scrape_interval: nope\n`);
  p.proc.kill('SIGHUP');
  await until(
    'the failed reload on /metrics',
    async () => (await metric('promdesk_config_last_reload_successful')) === 0,
  );
  // The log line comes through a pipe: it can arrive after the metric is already 0.
  const logged =
    /config reload failed, the previous config stays in force: .*prometheus\.yml:3: scrape_configs\[c\]\.scrape_interval: /;
  await until('the failed reload logged', async () => logged.test(p.output()));
  assert.deepEqual((await targets()).map((t) => t.labels.job).sort(), ['a', 'b'], 'the old config runs on');
  const bad = await fetch(`${p.base}/-/reload`, { method: 'POST' });
  assert.equal(bad.status, 500);
  assert.match(await bad.text(), /^failed to reload config: .*not a valid duration string: "nope"/);

  writeFileSync(configFile, `scrape_configs:\n${job('b', 'localhost')}`);
  p.proc.kill('SIGHUP');
  await until('job a gone', async () => {
    const ts = await targets();
    return ts.length === 1 && ts[0].labels.job === 'b';
  });
  assert.equal(await metric('promdesk_config_last_reload_successful'), 1);
  assert.ok((await metric('promdesk_config_last_reload_success_timestamp_seconds')) > 0);
});
