// metric_relabel_configs apply to a promdesk_tcp_stream job from prometheus.yml as to scraped
// ones: a dropped metric is not stored, a rule's label is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { startMetricsTcpServer } from '../helpers/metrics-tcp-server';
import { tempDir } from '../helpers/tmp';

test('metric_relabel_configs on a tcp-stream job', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  const server = await startMetricsTcpServer();
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(
    configFile,
    `scrape_configs:
  - job_name: app
    promdesk_tcp_stream: {}
    static_configs: [{targets: ['${server.address}']}]
    metric_relabel_configs:
      - {source_labels: [__name__], regex: queue_depth, action: drop}
      - {source_labels: [path], regex: '/(.*)', target_label: route, replacement: 'r-$1'}
`,
  );
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    log: () => undefined,
  });
  const series = () => {
    const r = engine.query.instant('{job="app",__name__!~"up|scrape_.*|promdesk_.*"}', Date.now());
    return r.resultType === 'vector' ? r.result.map((s) => JSON.stringify(s.labels)) : [];
  };
  try {
    const [t] = engine.listTargets();
    const loop = engine.streamLoop(t.id);
    assert.ok(loop);
    await loop.whenConnected();
    await server.waitForClient();
    server.register('requests', 'counter');
    server.register('queue.depth', 'gauge');
    server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 2 });
    server.record('queue.depth', {}, { op: 'set_gauge', value: 10 });
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      await engine.scrapeNow(t.id);
      if (series().length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(series(), [
      JSON.stringify({
        __name__: 'requests',
        instance: server.address,
        job: 'app',
        path: '/a',
        route: 'r-a',
      }),
    ]);
  } finally {
    await engine.close();
    await server.close();
    dir.remove();
  }
});
