// Alertmanagers by http_sd and dns_sd in a running engine: they ask through the engine's HTTP
// client and its DNS-SD resolver (here a DNS server on 127.0.0.1 the test starts), and a config
// reload without them leaves none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { startDnsServer } from '../helpers/dns-server';
import { tempDir } from '../helpers/tmp';

async function until<T>(what: string, get: () => T | null | undefined | false): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('alerting http_sd_configs and dns_sd_configs in the engine', { timeout: 60_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const dns = await startDnsServer();
  t.after(() => dns.close());
  dns.table.set('_am._tcp.lab', [{ type: 'SRV', target: '127.0.0.1', port: 9093, ttl: 0 }]);
  const sd = http.createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"targets":["127.0.0.1:9094"]}]'),
  );
  await new Promise<void>((r) => sd.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => sd.close(() => r())));
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(
    configFile,
    `alerting:
  alertmanagers:
    - http_sd_configs: [{url: 'http://127.0.0.1:${(sd.address() as AddressInfo).port}/', refresh_interval: 200ms}]
      dns_sd_configs: [{names: [_am._tcp.lab], refresh_interval: 200ms}]
`,
  );
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    autoStart: false,
    dnsSdServers: [dns.address],
    log: () => undefined,
  });
  t.after(() => engine.close());
  assert.deepEqual(engine.configStatus()!.warnings, []);
  const active = await until('both Alertmanagers', () => {
    const a = engine.alertmanagers.status().active;
    return a.length === 2 ? a : null;
  });
  assert.deepEqual(active.sort(), [
    'http://127.0.0.1:9093/api/v2/alerts',
    'http://127.0.0.1:9094/api/v2/alerts',
  ]);
  assert.ok(dns.count('_am._tcp.lab', 'SRV') > 0, "asked the engine's DNS-SD server");

  writeFileSync(configFile, 'alerting: {}\n');
  assert.deepEqual(engine.reloadConfig(), { ok: true, error: null });
  assert.deepEqual(engine.alertmanagers.status().active, []);
});
