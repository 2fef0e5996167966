// Node Exporter Full's chained variables resolved against a real `promdesk serve` scraping
// Debian's node_exporter, through the same HTTP endpoints Grafana uses: job, then nodename from
// job, then instance from both; a panel query interpolated with them and with $__rate_interval
// computed from the true 1 s scrape interval returns data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Dashboard } from '../../shared/dashboards/model';
import { interpolate } from '../../shared/dashboards/templating/interpolate';
import { queryTiming } from '../../shared/dashboards/templating/interval';
import { resolveVariables, variableMap } from '../../shared/dashboards/templating/resolve';
import { httpTemplateClient } from '../helpers/http-template-client';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const NEF_FILE = '../shared/dashboards/node-exporter-full.json';

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test(
  "Node Exporter Full's variables resolve against promdesk serve scraping node_exporter",
  { timeout: 90_000 },
  async (t) => {
    if (!existsSync(NEF_FILE)) {
      t.skip(`${NEF_FILE} is absent`);
      return;
    }
    const NEF = JSON.parse(readFileSync(NEF_FILE, 'utf8')) as Dashboard;
    const bin = which('prometheus-node-exporter');
    if (!bin) {
      t.skip('prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)');
      return;
    }
    const nePort = await freePort();
    const ne = startPeer(bin, [`--web.listen-address=127.0.0.1:${nePort}`]);
    const dir = tempDir();
    const config = join(dir.path, 'prometheus.yml');
    writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:${nePort}']\n`,
    );
    let serve: Awaited<ReturnType<typeof startServeProcess>> | undefined;
    try {
      await waitHttp(`http://127.0.0.1:${nePort}/metrics`);
      serve = await startServeProcess(join(dir.path, 'data'), config);
      const client = httpTemplateClient(serve.base);
      const now = Date.now();
      const range = { fromMs: now - 15 * 60_000, toMs: now + 60_000 };
      await until('node_uname_info', async () =>
        (await client.labelValues('job', 'node_uname_info', range.fromMs / 1000, range.toMs / 1000)).length
          ? true
          : undefined,
      );
      const resolved = await resolveVariables(NEF.templating.list, {
        ...range,
        client,
        datasources: [{ uid: 'promdesk', name: 'Promdesk', type: 'prometheus', isDefault: true }],
      });
      assert.deepEqual(
        resolved.map((v) => [v.name, v.value, v.error]),
        [
          ['ds_prometheus', 'promdesk', undefined],
          ['job', 'node', undefined],
          ['nodename', hostname(), undefined],
          ['node', `127.0.0.1:${nePort}`, undefined],
        ],
      );
      // A panel query as Node Exporter Full writes it, with the built-ins from the 1 s scrape.
      const { builtins } = queryTiming({
        fromMs: now - 15 * 60_000,
        toMs: now,
        widthPx: 1400,
        scrapeIntervalS: 1,
      });
      assert.equal(builtins.__rate_interval, '4s');
      const expr = interpolate(
        'sum(irate(node_cpu_seconds_total{instance="$node",job="$job", mode!="idle"}[$__rate_interval])) > -1',
        { vars: variableMap(resolved), scoped: builtins },
      );
      assert.equal(
        expr,
        `sum(irate(node_cpu_seconds_total{instance="127.0.0.1:${nePort}",job="node", mode!="idle"}[4s])) > -1`,
      );
      const data = await until('two scrapes for irate', async () => {
        const r = await client.queryInstant(expr, Date.now() / 1000);
        return r.resultType === 'vector' && r.result.length ? r : undefined;
      });
      assert.equal(data.resultType, 'vector');
    } finally {
      await serve?.stop();
      await ne.stop();
      dir.remove();
    }
  },
);
