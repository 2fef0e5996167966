// dns_sd in a running engine, against a DNS server on 127.0.0.1 the test starts: SRV records
// become scraped targets with their meta labels relabelled, a record added on the server starts
// a target at the next refresh, and a server failing keeps the targets with its error on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { renderSelfMetrics } from '../../electron/engine/http/self-metrics';
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

test(
  'dns_sd: SRV targets scraped, followed at each refresh, kept when the server fails',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir();
    const dnsServer = await startDnsServer();
    const exporter = http.createServer((_req, res) => res.end('# TYPE x gauge\nx 1\n'));
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
    const port = (exporter.address() as AddressInfo).port;
    // TTL 0: asked at every refresh, so the test sees changes within refresh_interval.
    dnsServer.table.set('_node._tcp.lab', [{ type: 'SRV', target: '127.0.0.1', port, ttl: 0 }]);
    const configFile = join(dir.path, 'prometheus.yml');
    writeFileSync(
      configFile,
      `scrape_configs:
  - job_name: dns
    scrape_interval: 1h
    dns_sd_configs: [{names: [_node._tcp.lab], refresh_interval: 200ms}]
    relabel_configs:
      - {source_labels: [__meta_dns_name], target_label: srv}
      - {source_labels: [__meta_dns_srv_record_port], target_label: srv_port}
`,
    );
    const engine = new Engine({
      dataDir: join(dir.path, 'data'),
      configFile,
      mode: 'serve',
      dnsSdServers: [dnsServer.address],
      log: () => undefined,
    });
    const instances = () =>
      engine
        .listTargets()
        .map((t) => t.targetLabels.instance)
        .sort();
    try {
      const [first] = await until(
        'the SRV target',
        () => engine.listTargets().length === 1 && engine.listTargets(),
      );
      assert.deepEqual(first.targetLabels, {
        instance: `127.0.0.1:${port}`,
        job: 'dns',
        srv: '_node._tcp.lab',
        srv_port: String(port),
      });
      assert.equal(first.discoveredLabels?.__meta_dns_srv_record_target, '127.0.0.1.');
      await engine.scrapeNow(first.id);
      assert.equal(engine.listTargets()[0].health, 'up', engine.listTargets()[0].lastError ?? '');
      const r = engine.query.instant(`up{job="dns",srv="_node._tcp.lab"}`, Date.now());
      assert.equal(r.resultType === 'vector' ? r.result.length : -1, 1);

      dnsServer.table.set('_node._tcp.lab', [
        { type: 'SRV', target: '127.0.0.1', port, ttl: 0 },
        { type: 'SRV', target: 'localhost.', port, ttl: 0 },
      ]);
      await until('the added record', () => instances().length === 2);
      assert.deepEqual(instances(), [`127.0.0.1:${port}`, `localhost:${port}`]);
      assert.equal(
        engine.listTargets().find((t) => t.targetLabels.instance === `127.0.0.1:${port}`)?.id,
        first.id,
        'the staying target is the same entry',
      );

      dnsServer.failure = 'servfail';
      const warned = await until('the error shown', () =>
        engine.listTargets()[0]?.warnings.find((w) => /dns_sd/.test(w)),
      );
      assert.match(
        warned,
        /dns_sd _node\._tcp\.lab: SRV lookup of "_node\._tcp\.lab" failed: the server answered SERVFAIL/,
      );
      assert.equal(instances().length, 2, 'the last good targets stay');
      assert.ok(engine.dnsSd.failures > 0 && engine.dnsSd.queries > engine.dnsSd.failures);
      const metrics = renderSelfMetrics(engine, { requests: new Map() });
      assert.match(metrics, new RegExp(`^promdesk_sd_dns_lookups_total ${engine.dnsSd.queries}$`, 'm'));
      assert.match(metrics, /^promdesk_sd_dns_lookup_failures_total [1-9]\d*$/m);
      dnsServer.failure = null;
      await until('the error gone', () => engine.listTargets().every((t) => t.warnings.length === 0));
    } finally {
      await engine.close();
      exporter.close();
      await dnsServer.close();
      dir.remove();
    }
  },
);
