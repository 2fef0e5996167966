// JSON targets end to end: a thermostat-like HTTP server answering /tstat, a config using the
// promdesk_json extension with the radio-thermostat preset, scrapes that become thermostat_*
// series readable with PromQL; and bad JSON targets (malformed, path matching nothing) that go
// down with a clear error while the engine and the stored data stay intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { defaultTargetInput } from '../../shared/api';
import { tempDir } from '../helpers/tmp';

interface Tstat {
  url: string;
  requests: number;
  body: (n: number) => string;
  close(): Promise<void>;
}

async function startThermostat(): Promise<Tstat> {
  const state: Tstat = {
    url: '',
    requests: 0,
    // Like the captured reply, but the temperature moves and the mode switches to heat.
    body: (n) =>
      n < 3
        ? JSON.stringify({
            temp: 72 + n / 2,
            tmode: 2,
            fmode: 0,
            override: 0,
            hold: 0,
            t_cool: 75.0,
            tstate: 2,
            fstate: 1,
            time: { day: 4, hour: 13, minute: 35 },
            t_type_post: 0,
          })
        : JSON.stringify({
            temp: 66.5,
            tmode: 1,
            fmode: 0,
            override: 0,
            hold: 1,
            t_heat: 68.0,
            tstate: 1,
            fstate: 1,
            time: { day: 4, hour: 13, minute: 36 },
            t_type_post: 0,
          }),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    const n = ++state.requests;
    if (req.url === '/broken') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"temp": 72.5, "tmode": ');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }); // the real thermostat says text/html
    res.end(state.body(n));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

const value = (engine: Engine, q: string): number | undefined => {
  const r = engine.query.instant(q, Date.now());
  return r.resultType === 'vector' ? r.result[0]?.v : undefined;
};

test(
  'a thermostat JSON endpoint becomes temp, setpoint and mode series with the preset',
  { timeout: 30_000 },
  async () => {
    const dir = tempDir();
    const tstat = await startThermostat();
    const config = join(dir.path, 'prometheus.yml');
    writeFileSync(
      config,
      `scrape_configs:
  - job_name: thermostat
    metrics_path: /tstat
    promdesk_json:
      preset: radio-thermostat
    static_configs:
      - targets: ['${tstat.url}']
  - job_name: broken
    metrics_path: /broken
    promdesk_json: { preset: radio-thermostat }
    static_configs:
      - targets: ['${tstat.url}']
  - job_name: unmatched
    metrics_path: /tstat
    promdesk_json:
      metrics:
        - { name: humidity, path: $.humidity }
    static_configs:
      - targets: ['${tstat.url}']
`,
    );
    const engine = new Engine({
      dataDir: join(dir.path, 'data'),
      configFile: config,
      mode: 'serve',
      log: () => undefined,
      autoStart: false,
    });
    try {
      const ids = Object.fromEntries(engine.listTargets().map((t) => [t.input.job, t.id]));
      assert.equal(engine.listTargets().find((t) => t.input.job === 'thermostat')?.input.kind, 'json');
      const first = await engine.scrapeNow(ids.thermostat);
      assert.equal(first.error, null);
      assert.equal(first.up, true);
      assert.equal(value(engine, 'thermostat_temp{job="thermostat"}'), 72.5);
      assert.equal(value(engine, 'thermostat_t_cool'), 75);
      assert.equal(value(engine, 'thermostat_tmode'), 2);
      assert.equal(value(engine, 'up{job="thermostat"}'), 1);
      await new Promise((r) => setTimeout(r, 5));
      await engine.scrapeNow(ids.thermostat);
      assert.equal(value(engine, 'thermostat_temp'), 73);
      await new Promise((r) => setTimeout(r, 5));
      await engine.scrapeNow(ids.thermostat); // heat mode: t_heat appears (t_cool is optional)
      assert.equal(value(engine, 'thermostat_t_heat'), 68);
      assert.equal(value(engine, 'thermostat_tmode'), 1);
      assert.equal(value(engine, 'count_over_time(thermostat_temp[1h])'), 3);
      const meta = engine.metadata.list().find(([n]) => n === 'thermostat_tmode');
      assert.equal(meta?.[1][0].type, 'gauge');

      // Bad inputs: up = 0 with a clear error, counted, nothing of theirs stored.
      const broken = await engine.scrapeNow(ids.broken);
      assert.equal(broken.up, false);
      assert.match(broken.error ?? '', /malformed JSON/);
      const unmatched = await engine.scrapeNow(ids.unmatched);
      assert.equal(unmatched.up, false);
      assert.match(unmatched.error ?? '', /JSON path \$\.humidity matched nothing/);
      assert.match(engine.listTargets().find((t) => t.id === ids.unmatched)?.lastError ?? '', /humidity/);
      assert.equal(engine.listTargets().find((t) => t.id === ids.broken)?.health, 'down');
      assert.equal(value(engine, 'up{job="broken"}'), 0);
      assert.equal(value(engine, 'humidity'), undefined);
      assert.equal(engine.counters.scrapeFailures, 2);
      assert.equal(value(engine, 'count_over_time(thermostat_temp[1h])'), 3);

      // The editor's live preview: a test scrape of an unsaved JSON target.
      const preview = await engine.testScrape({
        ...defaultTargetInput,
        kind: 'json',
        json: { preset: 'all-numbers', prefix: 'tstat' },
        url: `http://${tstat.url}/tstat`,
        job: 'preview',
      });
      assert.equal(preview.ok, true, preview.error ?? '');
      const names = preview.samples.map((s) => s.labels.__name__);
      assert.ok(names.includes('tstat_temp') && names.includes('tstat_time_hour'), names.join());
      assert.equal(preview.samples[0].labels.job, 'preview');
      const badPreview = await engine.testScrape({
        ...defaultTargetInput,
        kind: 'json',
        json: { preset: 'radio-thermostat' },
        url: `http://${tstat.url}/broken`,
        job: 'preview',
      });
      assert.equal(badPreview.ok, false);
      assert.match(badPreview.error ?? '', /malformed JSON/);

      // A UI JSON target is stored and read back with its mapping.
      const ui = engine.addTarget({
        ...defaultTargetInput,
        kind: 'json',
        json: { preset: 'radio-thermostat' },
        url: `http://${tstat.url}/tstat`,
        job: 'ui-tstat',
      });
      assert.equal(ui.input.kind, 'json');
      await engine.removeTarget(ui.id);
    } finally {
      await engine.close();
      await tstat.close();
      dir.remove();
    }
  },
);
