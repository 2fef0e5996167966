// Variables resolve through the app's own Api (the client the renderer uses) against a real
// engine that scraped a real HTTP exporter: Node Exporter Full's chain, and query_result with
// values written as Prometheus's JSON API writes them (0.0000001, not 1e-07).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { defaultTargetInput, makeApiClient } from '../../../shared/api';
import type { Dashboard } from '../../../shared/dashboards/model';
import { apiTemplateClient } from '../../../shared/dashboards/templating/api-client';
import { resolveVariables } from '../../../shared/dashboards/templating/resolve';
import { Engine } from '../../../electron/engine/engine';
import { startExporter } from '../../helpers/exporter';
import { tempDir } from '../../helpers/tmp';

const NEF = JSON.parse(readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8')) as Dashboard;

test(
  "Node Exporter Full's variables and query_result resolve through the Api",
  { timeout: 30_000 },
  async () => {
    const exporter = await startExporter({
      kind: 'body',
      body: [
        '# TYPE node_uname_info gauge',
        'node_uname_info{nodename="zeta",release="6.1"} 1',
        '# TYPE temp gauge',
        'temp{sensor="a"} 0.0000001',
        'temp{sensor="b"} 42.5',
        '',
      ].join('\n'),
    });
    const dir = tempDir();
    const engine = new Engine({ dataDir: join(dir.path, 'data'), mode: 'serve', log: () => {} });
    const session = engine.createSession(() => {});
    try {
      const target = engine.addTarget({ ...defaultTargetInput, url: exporter.url, job: 'node' });
      assert.equal((await engine.scrapeNow(target.id)).up, true);
      const api = makeApiClient(
        (method, params) => session.call(method, params) as never,
        () => () => {},
      );
      const client = apiTemplateClient(api);
      const now = Date.now();
      const r = await resolveVariables(
        [
          ...NEF.templating.list,
          { name: 't', type: 'query', query: 'query_result(temp)', regex: '/sensor="(\\w+)"\\} (\\S+)/' },
          { name: 'v', type: 'query', query: 'query_result(sort(temp))', regex: '/\\} (\\S+) /' },
          {
            name: 's',
            type: 'query',
            query: 'query_result(scalar(temp{sensor="b"}))',
            regex: '/\\} (\\S+) /',
          },
        ],
        { client, fromMs: now - 3_600_000, toMs: now + 1000 },
      );
      assert.deepEqual(
        r.map((v) => [v.name, v.value, v.error]),
        [
          ['ds_prometheus', '', undefined],
          ['job', 'node', undefined],
          ['nodename', 'zeta', undefined],
          ['node', new URL(exporter.url).host, undefined],
          ['t', 'a', undefined],
          ['v', '0.0000001', undefined],
          ['s', '42.5', undefined],
        ],
      );
    } finally {
      engine.closeSession(session);
      await engine.close();
      await exporter.close();
      dir.remove();
    }
  },
);
