// The starter dashboards against the real thing: `promdesk serve` scraping Debian's node_exporter
// (skipped where it is not installed) finds the host to offer the Host dashboard for, the Host
// dashboard's variables resolve to it, and every panel's query, as the dashboard runs it, returns
// data through /api/v1/query. Promdesk's /metrics gives the store size the Promdesk starter reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allPanels } from '../../electron/engine/dashboards/import';
import { panelQueries } from '../../shared/dashboards/templating/panel-queries';
import { resolveVariables, variableMap } from '../../shared/dashboards/templating/resolve';
import {
  HOST_OFFER_QUERY,
  hostOffers,
  starterByUid,
  HOST_STARTER_UID,
} from '../../shared/dashboards/starters';
import { httpTemplateClient } from '../helpers/http-template-client';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

interface Vector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function query(base: string, expr: string, timeS: number): Promise<Vector> {
  const r = await fetch(`${base}/api/v1/query?${new URLSearchParams({ query: expr, time: String(timeS) })}`);
  return (await r.json()) as Vector;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test(
  'Host starter: offered for node_exporter, and every panel has data from it',
  { timeout: 90_000 },
  async (t) => {
    const bin = which('prometheus-node-exporter');
    if (!bin)
      return t.skip('prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)');
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
      const base = serve.base;
      // The offer: node_uname_info's job and instance, found by the query the UI runs.
      const offers = await until('node_uname_info scraped', async () => {
        const o = hostOffers(
          (await query(base, HOST_OFFER_QUERY, Date.now() / 1000)).data.result.map((r) => r.metric),
        );
        return o.length ? o : undefined;
      });
      assert.deepEqual(offers, [{ job: 'node', instance: `127.0.0.1:${nePort}` }]);
      // Enough scrapes for a rate over $__rate_interval (4 scrapes at 1 s).
      await until('eight scrapes', async () => {
        const r = await query(base, 'count_over_time(up{job="node"}[1m])', Date.now() / 1000);
        return Number(r.data.result[0]?.value[1] ?? 0) >= 8 ? true : undefined;
      });

      const d = starterByUid(HOST_STARTER_UID)!.build();
      const now = Date.now();
      const range = { fromMs: now - 15 * 60_000, toMs: now };
      const resolved = await resolveVariables(d.templating.list, {
        ...range,
        client: httpTemplateClient(base),
      });
      assert.deepEqual(
        resolved.map((v) => [v.name, v.value, v.error]),
        [
          ['job', 'node', undefined],
          ['instance', `127.0.0.1:${nePort}`, undefined],
        ],
      );
      const vars = variableMap(resolved);
      const empty: string[] = [];
      let checked = 0;
      for (const panel of allPanels(d.panels)) {
        const { queries } = panelQueries({ panel, range, vars, widthPx: 600, scrapeIntervalS: 1 });
        for (const q of queries) {
          const r = await query(base, q.expr, q.timeS);
          assert.equal(r.status, 'success', `${panel.title}: ${q.expr}`);
          if (r.data.result.length === 0) empty.push(`${panel.title}: ${q.expr}`);
          checked++;
        }
      }
      assert.deepEqual(empty, [], 'queries without data');
      assert.ok(checked >= 15, `${checked} queries`);

      // The Promdesk starter's store size comes from Promdesk's own /metrics.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const size = /^promdesk_store_size_bytes (\S+)$/m.exec(metrics);
      assert.ok(size && Number(size[1]) > 0, 'promdesk_store_size_bytes on /metrics');
    } finally {
      await serve?.stop();
      await ne.stop();
      dir.remove();
    }
  },
);
