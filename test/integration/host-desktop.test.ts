// The desktop's engine host under plain Node, as main drives it (host-protocol.ts over one
// RpcPeer; test/helpers/desktop-host.ts stands in for Electron's parent port): every method of the
// Api and the HTTP API (query, query_range, series, labels, remote_write, push, /metrics) through
// it; start-up failures as 'fatal' (locked data dir, bad config, settings, flags); the HTTP port
// in use; shutdown resolving only once the store is closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, defaultDatasourceInput, defaultTargetInput } from '../../shared/api';
import type {
  ApiEvent,
  ApiMethod,
  ConfigStatus,
  DatasourceView,
  EngineInfo,
  FoundExporter,
  OtlpPushView,
  QueryInstantResult,
  QueryRangeResult,
  RelabelDebugResult,
  SettingsView,
  TargetView,
} from '../../shared/api';
import type { HostStatus, StartupFailure } from '../../electron/host/host-protocol';
import { lockDataDir } from '../../electron/engine/store/data-dir-lock';
import { readSettings } from '../../electron/engine/config/settings-file';
import type { Dashboard, DashboardSummary, ImportReport } from '../../shared/dashboards/model';
import type { SilenceView } from '../../shared/rules/model';
import type { RuleGroupInput, UiRulesState } from '../../shared/rules/model';
import type { RulesStatus } from '../../shared/rules/model';
import { startDesktopHost, type DesktopHost } from '../helpers/desktop-host';
import { startExporter } from '../helpers/exporter';
import { freePort } from '../helpers/peers';
import { encodeWriteRequest } from '../helpers/proto-write';
import { snappyEncode } from '../helpers/snappy-encode';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const uiRuleGroup: RuleGroupInput = {
  name: 'lab',
  interval: '15s',
  rules: [
    {
      kind: 'alert',
      name: 'HostUp',
      expr: 'up == 1',
      for: '1m',
      keepFiringFor: '',
      labels: { severity: 'info' },
      annotations: { summary: '{{ $labels.instance }} is up' },
    },
  ],
};
const badRuleGroup: RuleGroupInput = {
  ...uiRuleGroup,
  rules: [{ ...uiRuleGroup.rules[0], expr: 'up ==' }],
};

const json = async (url: string, init?: RequestInit) => {
  const r = await fetch(url, init);
  return { status: r.status, body: (await r.json()) as { status: string; data: unknown; error?: string } };
};

async function withHost(
  argv: string[],
  fn: (h: DesktopHost, ready: HostStatus, dataDir: string) => Promise<void>,
): Promise<void> {
  const dir = tempDir('promdesk-host-');
  const dataDir = join(dir.path, 'data');
  const h = startDesktopHost(['--data', dataDir, ...argv]);
  try {
    const ready = await h.next('ready');
    await fn(h, ready, dataDir);
  } finally {
    const code = await h.stop();
    dir.remove();
    assert.equal(code, 0, h.output());
  }
}

/** A small Grafana dashboard for the dashboard methods. */
const HOST_DASHBOARD = {
  uid: 'host-dash',
  title: 'Host dash',
  schemaVersion: 39,
  panels: [
    {
      id: 1,
      type: 'stat',
      title: 'Up',
      gridPos: { x: 0, y: 0, w: 6, h: 4 },
      targets: [{ refId: 'A', expr: 'up', instant: true }],
    },
  ],
};

test('the whole Api and the HTTP API through the desktop host', { timeout: 90_000 }, async () => {
  let n = 0;
  const exp = await startExporter(() => ({
    kind: 'body',
    body: `# TYPE host_test_total counter\nhost_test_total{k="a"} ${++n}\n`,
  }));
  const port = await freePort();
  try {
    await withHost(['--listen', `127.0.0.1:${port}`], async (h, ready, dataDir) => {
      const base = `http://127.0.0.1:${port}`;
      assert.deepEqual(ready.http, { url: `${base}/` });
      assert.equal(ready.dataDir, dataDir);
      const api = <T>(method: ApiMethod, ...params: unknown[]) =>
        h.call('api', 1, method, params) as Promise<T>;
      const input = { ...defaultTargetInput, url: exp.url, job: 'hosttest', intervalMs: 200 };
      let target!: TargetView;
      let datasource!: DatasourceView;
      const nowMs = Date.now();
      const covered: Record<string, () => Promise<void>> = {
        info: async () => {
          const info = await api<EngineInfo>('info');
          assert.equal(info.mode, 'desktop');
          assert.equal(info.dataDir, dataDir);
        },
        addTarget: async () => {
          target = await api<TargetView>('addTarget', input);
          assert.equal(target.input.job, 'hosttest');
        },
        listTargets: async () => {
          // Scraped: up, and the tray's status says so within a second or so.
          await h.next('status', (s) => s.targetsUp === 1);
          const list = await api<TargetView[]>('listTargets');
          assert.deepEqual(
            list.map((t) => [t.id, t.health]),
            [[target.id, 'up']],
          );
          assert.equal((await h.call('status')).targetsUp, 1);
        },
        listDroppedTargets: async () => {
          // No config file: nothing was dropped by relabeling.
          assert.deepEqual(await api('listDroppedTargets'), []);
        },
        updateTarget: async () => {
          const t = await api<TargetView>('updateTarget', target.id, { ...input, labels: { env: 'test' } });
          assert.equal(t.targetLabels.env, 'test');
        },
        setTargetPaused: async () => {
          assert.equal((await api<TargetView>('setTargetPaused', target.id, true)).paused, true);
          assert.equal((await api<TargetView>('setTargetPaused', target.id, false)).paused, false);
        },
        setScrapingPaused: async () => {
          assert.equal((await api<EngineInfo>('setScrapingPaused', true)).scrapingPaused, true);
          assert.equal(
            (await h.call('status')).scrapingPaused,
            true,
            'the tray sees a pause made in a window',
          );
          const st = await h.call('setScrapingPaused', false);
          assert.equal(st.scrapingPaused, false);
          assert.equal((await api<EngineInfo>('info')).scrapingPaused, false);
        },
        testScrape: async () => {
          const r = await api<{ ok: boolean; samples: { labels: Record<string, string> }[] }>(
            'testScrape',
            input,
          );
          assert.equal(r.ok, true);
          assert.equal(r.samples[0].labels.__name__, 'host_test_total');
        },
        debugRelabel: async () => {
          const r = await api<RelabelDebugResult>('debugRelabel', {
            labels: { __address__: 'a:1', env: 'x' },
            rules: '- {action: drop, source_labels: [env], regex: x}',
          });
          assert.equal(r.droppedBy, 0);
          const own = await api<RelabelDebugResult>('debugRelabel', { targetId: target.id });
          assert.deepEqual(own.steps, []);
          assert.equal(own.outcome?.kind, 'active');
        },
        fetchExposition: async () => {
          const r = await api<{ ok: boolean; body: string }>('fetchExposition', {
            url: exp.url,
            auth: { type: 'none' },
            headers: {},
            timeoutMs: 5000,
            tlsInsecureSkipVerify: false,
          });
          assert.equal(r.ok, true);
          assert.match(r.body, /^host_test_total\{k="a"\} \d+$/m);
        },
        subscribe: async () => {
          const from = h.events.length;
          await api('subscribe', { subscriptionId: 's1', query: 'host_test_total' });
          const e = (await h.next(
            'api-event',
            (x) => x.windowId === 1 && x.event.type === 'samples' && x.event.subscriptionId === 's1',
            { from },
          )) as { windowId: number; event: Extract<ApiEvent, { type: 'samples' }> };
          assert.ok(e.event.series[0].values instanceof Float64Array, 'columns cross as Float64Array');
          assert.ok(e.event.series[0].values[0] >= 1);
          // A panel's expression on its step grid: points at whole seconds after afterMs.
          const at = h.events.length;
          await api('subscribe', {
            subscriptionId: 's2',
            query: 'sum(host_test_total)',
            stepMs: 1000,
            afterMs: Date.now() - 3000,
          });
          const g = (await h.next(
            'api-event',
            (x) => x.windowId === 1 && x.event.type === 'samples' && x.event.subscriptionId === 's2',
            { from: at },
          )) as { windowId: number; event: Extract<ApiEvent, { type: 'samples' }> };
          assert.ok(
            [...g.event.series[0].timestamps].every((t) => t % 1000 === 0),
            'on the step grid',
          );
        },
        unsubscribe: async () => {
          await api('unsubscribe', 's1');
          await api('unsubscribe', 's2');
        },
        labelNames: async () => {
          assert.ok((await api<string[]>('labelNames')).includes('job'));
          // A range before any sample (a dashboard's, given as start/end) has no series.
          const past = { startMs: 0, endMs: 1000 };
          assert.deepEqual(await api<string[]>('labelNames', null, null, past), []);
        },
        labelValues: async () => {
          assert.deepEqual(await api<string[]>('labelValues', 'job'), ['hosttest']);
          assert.ok((await api<string[]>('labelValues', '__name__', '{job="hosttest"}')).includes('up'));
          const now = { startMs: Date.now() - 3_600_000, endMs: Date.now() + 60_000 };
          assert.deepEqual(await api<string[]>('labelValues', 'job', null, null, now), ['hosttest']);
          assert.deepEqual(
            await api<string[]>('labelValues', 'job', null, null, { startMs: 0, endMs: 1 }),
            [],
          );
        },
        queryInstant: async () => {
          const r = await api<QueryInstantResult>('queryInstant', {
            query: 'up{job="hosttest"}',
            timeMs: Date.now(),
          });
          assert.equal(r.resultType, 'vector');
          assert.equal(r.series[0].values[0], 1);
        },
        queryRange: async () => {
          const r = await api<QueryRangeResult>('queryRange', {
            query: 'host_test_total',
            startMs: nowMs - 60_000,
            endMs: Date.now(),
            // Finer than the scrape interval: the first scrape after the pauses above is on the grid.
            stepMs: 100,
          });
          // One series, or two when a scrape came before updateTarget added env="test".
          assert.ok(
            r.series.length >= 1 && r.series.every((x) => x.labels.job === 'hosttest'),
            JSON.stringify(r.series.map((x) => x.labels)),
          );
          assert.ok(r.series[0].timestamps.length > 0);
        },
        checkQuery: async () => {
          assert.deepEqual(await api('checkQuery', 'rate(x[5m])'), { ok: true });
          assert.equal((await api<{ ok: boolean }>('checkQuery', 'sum(')).ok, false);
        },
        // The desktop's own HTTP API as a remote datasource: a Prometheus server like any other.
        putDatasource: async () => {
          datasource = await api<DatasourceView>('putDatasource', {
            ...defaultDatasourceInput,
            name: 'self',
            url: base,
          });
          assert.equal(datasource.url, base);
        },
        listDatasources: async () => {
          assert.deepEqual(
            (await api<DatasourceView[]>('listDatasources')).map((d) => d.name),
            ['self'],
          );
        },
        testDatasource: async () => {
          const r = await api<{ ok: boolean; version: string | null }>('testDatasource', {
            ...defaultDatasourceInput,
            name: 'self',
            url: base,
          });
          assert.equal(r.ok, true, JSON.stringify(r));
          const q = await api<QueryInstantResult>('queryInstant', {
            query: 'up{job="hosttest"}',
            timeMs: Date.now(),
            datasource: datasource.id,
          });
          assert.equal(q.series[0].values[0], 1, 'a query through the desktop HTTP API as a datasource');
        },
        removeDatasource: async () => {
          await api('removeDatasource', datasource.id);
          assert.deepEqual(await api('listDatasources'), []);
        },
        remoteWriteStatus: async () => {
          assert.deepEqual(await api('remoteWriteStatus'), []);
        },
        getSettings: async () => {
          const v = await api<SettingsView>('getSettings');
          assert.equal(v.settings['query.compat'], '2');
          assert.deepEqual(v.overriddenByFlags, ['listen'], 'the flags the host was started with');
          assert.equal(v.restartNeeded, false);
        },
        putSettings: async () => {
          const v = await api<SettingsView>('putSettings', { 'query.compat': '3' });
          assert.equal(v.settings['query.compat'], '3');
          assert.equal(v.restartNeeded, true);
          assert.deepEqual(readSettings(dataDir), { 'query.compat': '3' });
          await assert.rejects(
            api('putSettings', { 'query.timeout': 'x' }),
            /putSettings: query.timeout: must be a positive duration like 2m, not "x"/,
          );
          assert.equal((await api<SettingsView>('putSettings', {})).restartNeeded, false);
        },
        // Dashboards: kept in the host's data directory, the same store serve uses.
        importDashboard: async () => {
          const r = await api<ImportReport>('importDashboard', JSON.stringify(HOST_DASHBOARD));
          assert.deepEqual([r.uid, r.panels, r.unsupported], ['host-dash', 1, []]);
          assert.ok(existsSync(join(dataDir, 'dashboards', 'host-dash.json')), 'saved in the data dir');
          await assert.rejects(api('importDashboard', '{"panels": 3}'), /panels: /);
        },
        listDashboards: async () => {
          const list = await api<DashboardSummary[]>('listDashboards');
          assert.deepEqual(
            list.map((d) => [d.uid, d.title]),
            [['host-dash', 'Host dash']],
          );
        },
        getDashboard: async () => {
          const d = await api<Dashboard>('getDashboard', 'host-dash');
          assert.equal(d.panels?.[0]?.title, 'Up');
        },
        putDashboard: async () => {
          const d = await api<Dashboard>('getDashboard', 'host-dash');
          const s = await api<DashboardSummary>('putDashboard', { ...d, title: 'Host dash 2' });
          assert.equal(s.title, 'Host dash 2');
          assert.equal(s.canUndo, true);
        },
        undoDashboardChange: async () => {
          assert.equal((await api<DashboardSummary>('undoDashboardChange', 'host-dash')).title, 'Host dash');
        },
        starDashboard: async () => {
          assert.equal((await api<DashboardSummary>('starDashboard', 'host-dash', true)).starred, true);
        },
        duplicateDashboard: async () => {
          const copy = await api<DashboardSummary>('duplicateDashboard', 'host-dash');
          assert.notEqual(copy.uid, 'host-dash');
          assert.equal((await api<DashboardSummary[]>('listDashboards')).length, 2);
          await api('deleteDashboard', copy.uid);
        },
        exportDashboard: async () => {
          const json = JSON.parse(await api<string>('exportDashboard', 'host-dash')) as Dashboard;
          assert.equal(json.uid, 'host-dash');
          assert.equal(json.panels?.[0]?.type, 'stat');
        },
        dashboardProvisioning: async () => {
          // This host started without --dashboards: no provisioning ran.
          assert.equal(await api('dashboardProvisioning'), null);
        },
        // Without --config: no status, and a reload has nothing to read (see the test below).
        configStatus: async () => {
          assert.equal(await api('configStatus'), null);
        },
        reloadConfig: async () => {
          assert.deepEqual(await api('reloadConfig'), { ok: true, error: null });
        },
        deleteDashboard: async () => {
          await api('deleteDashboard', 'host-dash');
          assert.deepEqual(await api('listDashboards'), []);
          await assert.rejects(api('getDashboard', 'host-dash'));
        },
        listSilences: async () => {
          assert.deepEqual(await api('listSilences'), []);
        },
        putSilence: async () => {
          const m = { name: 'alertname', value: 'HostDown', isRegex: false, isEqual: true };
          const span = {
            startsAtMs: Date.now(),
            endsAtMs: Date.now() + 3_600_000,
            createdBy: 't',
            comment: '',
          };
          const v = await api<SilenceView>('putSilence', { ...span, matchers: [m] });
          assert.equal(v.state, 'active');
          await assert.rejects(
            api('putSilence', { ...span, matchers: [{ ...m, isRegex: true, value: '(' }] }),
            /putSilence: matchers\.0\.value: error parsing regexp/,
          );
          assert.equal((await api<SilenceView[]>('listSilences')).length, 1);
        },
        silenceAlert: async () => {
          const v = await api<SilenceView>(
            'silenceAlert',
            { alertname: 'HostDown', instance: 'a:1' },
            3_600_000,
          );
          assert.deepEqual(
            v.matchers.map((m) => `${m.name}=${m.value}`),
            ['alertname=HostDown', 'instance=a:1'],
          );
        },
        muteAll: async () => {
          const v = await api<SilenceView>('muteAll', 3_600_000);
          assert.equal(v.comment, 'mute all');
        },
        getUiRules: async () => {
          const st = await api<UiRulesState>('getUiRules');
          assert.deepEqual(st.groups, []);
          assert.equal(st.startersEnabled, false);
          assert.ok(st.starters.flatMap((g) => g.rules).some((r) => r.name === 'TargetDown'));
        },
        checkRuleGroup: async () => {
          const problems = await api<string[]>('checkRuleGroup', badRuleGroup);
          assert.match(problems[0], /^group "lab", rule 1, "HostUp": could not parse expression/);
          assert.deepEqual(await api('checkRuleGroup', uiRuleGroup), []);
          await assert.rejects(
            api('checkRuleGroup', { ...uiRuleGroup, rules: 'x' }),
            /checkRuleGroup: rules: /,
          );
        },
        putRuleGroup: async () => {
          await assert.rejects(api('putRuleGroup', badRuleGroup), /could not parse expression/);
          const st = await api<UiRulesState>('putRuleGroup', uiRuleGroup);
          assert.deepEqual(st.groups, [uiRuleGroup]);
          assert.ok(existsSync(join(dataDir, 'rules', 'promdesk-ui.yml')), 'a rule file in the data dir');
        },
        setStarterRules: async () => {
          const st = await api<UiRulesState>('setStarterRules', true);
          assert.equal(st.startersEnabled, true);
          const running = (await api<RulesStatus>('getRules')).groups.filter((g) => g.source === 'starter');
          assert.ok(
            running.some((g) => g.rules.some((r) => r.name === 'TargetDown')),
            'the rule manager runs the starter groups',
          );
          assert.equal((await api<UiRulesState>('setStarterRules', false)).startersEnabled, false);
        },
        deleteRuleGroup: async () => {
          assert.deepEqual((await api<UiRulesState>('deleteRuleGroup', 'lab')).groups, []);
          await assert.rejects(api('deleteRuleGroup', 'lab'), /no rule group "lab" made in the UI/);
        },
        expireSilence: async () => {
          for (const v of await api<SilenceView[]>('listSilences')) await api('expireSilence', v.id);
          const states = (await api<SilenceView[]>('listSilences')).map((v) => v.state);
          assert.deepEqual(states, ['expired', 'expired', 'expired']);
        },
        getRules: async () => {
          // No prometheus.yml here: only the UI's and the starter groups, if any, and no load error.
          const st = await api<RulesStatus>('getRules');
          assert.equal(st.loadError, null);
          for (const g of st.groups) assert.notEqual(g.source, 'config');
        },
        probeExporters: async () => {
          // This machine's real loopback ports: whatever answers there is named, Promdesk itself never.
          const found = await api<FoundExporter[]>('probeExporters');
          for (const f of found) {
            assert.match(f.url, /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/metrics$/);
            assert.notEqual(f.port, port, 'Promdesk itself is left out');
          }
        },
        listenOtlp: async () => {
          assert.deepEqual(await api('listenOtlp', 0), [], 'nothing pushed yet');
          // A whole second: its nanoseconds are exact as a double (the decoders read them as one).
          const atMs = Math.floor(nowMs / 1000) * 1000;
          const push = await fetch(`${base}/api/v1/otlp/v1/metrics`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              resourceMetrics: [
                {
                  resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hostsvc' } }] },
                  scopeMetrics: [
                    {
                      metrics: [
                        {
                          name: 'host.otlp.gauge',
                          gauge: { dataPoints: [{ timeUnixNano: `${atMs}000000`, asDouble: 2.5 }] },
                        },
                      ],
                    },
                  ],
                },
              ],
            }),
          });
          assert.equal(push.status, 200, await push.text());
          const pushes = await api<OtlpPushView[]>('listenOtlp', 0);
          assert.equal(pushes.length, 1);
          assert.match(pushes[0].text, new RegExp(`^host_otlp_gauge\\{job="hostsvc"\\} 2\\.5 ${atMs}$`, 'm'));
        },
        removeTarget: async () => {
          await api('removeTarget', target.id);
          assert.deepEqual(await api('listTargets'), []);
        },
      };
      const missing = API_METHODS.filter((m) => !Object.hasOwn(covered, m));
      assert.deepEqual(missing, [], `Api methods this test does not drive through the desktop host yet`);
      const ran: string[] = [];
      for (const [method, check] of Object.entries(covered)) {
        await check().catch((err: Error) => {
          throw new Error(`${method}: ${err.message}`, { cause: err });
        });
        ran.push(method);
      }
      assert.deepEqual([...ran].sort(), [...API_METHODS].sort());

      // Refusals come back as errors, and the host goes on.
      await assert.rejects(h.call('api', 1, 'nope' as ApiMethod, []), /unknown method "nope"/);
      await assert.rejects(h.call('api', 1, 'addTarget', [{ url: 'x' }]), /addTarget: job: /);
      await assert.rejects(h.call('api', 1.5, 'info', []), /window id must be an integer/);
      await assert.rejects(h.peer.call('nope', []), /unknown host method "nope"/);
      await h.call('closeWindow', 1);
      assert.equal((await api<EngineInfo>('info')).mode, 'desktop', 'a closed window id gets a new session');

      // The HTTP API, as Grafana, promtool and scripts use it.
      const write = encodeWriteRequest([
        {
          labels: [
            ['__name__', 'rw_metric'],
            ['src', 'rw'],
          ],
          samples: [{ t: nowMs - 1000, v: 42 }],
        },
      ]);
      const w = await fetch(`${base}/api/v1/write`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
        body: snappyEncode(write),
      });
      assert.equal(w.status, 204, await w.text());
      const p = await fetch(`${base}/metrics/job/batch`, { method: 'PUT', body: 'pushed_metric 7\n' });
      assert.equal(p.status, 200, await p.text());
      let r = await json(`${base}/api/v1/query?query=rw_metric`);
      assert.deepEqual(
        (r.body.data as { result: { metric: object; value: [number, string] }[] }).result.map((x) => [
          x.metric,
          x.value[1],
        ]),
        [[{ __name__: 'rw_metric', src: 'rw' }, '42']],
      );
      r = await json(`${base}/api/v1/query?query=pushed_metric`);
      assert.equal((r.body.data as { result: { value: [number, string] }[] }).result[0].value[1], '7');
      const inApi = await api<QueryInstantResult>('queryInstant', { query: 'rw_metric', timeMs: Date.now() });
      assert.equal(inApi.series[0].values[0], 42, 'the window and the HTTP API see one engine');
      r = await json(
        `${base}/api/v1/query_range?query=host_test_total&start=${(nowMs - 60_000) / 1000}&end=${Date.now() / 1000}&step=1`,
      );
      assert.equal(r.body.status, 'success');
      assert.equal((r.body.data as { resultType: string }).resultType, 'matrix');
      r = await json(`${base}/api/v1/series?match[]=${encodeURIComponent('{job="batch"}')}`);
      assert.ok((r.body.data as { __name__: string }[]).some((s) => s.__name__ === 'pushed_metric'));
      r = await json(`${base}/api/v1/labels`);
      assert.ok((r.body.data as string[]).includes('src'));
      r = await json(`${base}/api/v1/status/flags`);
      assert.equal((r.body.data as Record<string, string>)['query.compat'], '2', 'PromQL 2.42 by default');
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /^promdesk_store_series \d+$/m);
      // The same Host check as serve: a rebinding name is refused.
      const status = await new Promise<number>((resolve, reject) => {
        void import('node:http').then((http) =>
          http
            .get(
              { host: '127.0.0.1', port, path: '/api/v1/labels', headers: { Host: 'evil.example' } },
              (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
              },
            )
            .on('error', reject),
        );
      });
      assert.equal(status, 403);
    });
  } finally {
    await exp.close();
  }
});

test(
  'start-up failures reach main as a fatal event naming what, then exit 1',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir('promdesk-host-');
    const fatal = async (argv: string[]): Promise<StartupFailure> => {
      const h = startDesktopHost(argv);
      const f = await h.next('fatal');
      assert.equal(await h.exited, 1, h.output());
      assert.equal(h.events.filter((e) => e.topic === 'ready').length, 0);
      return f;
    };
    try {
      // The data directory held by `promdesk serve`.
      const locked = join(dir.path, 'locked');
      const serve = await startServeProcess(locked);
      try {
        const f = await fatal(['--data', locked, '--listen', '127.0.0.1:0']);
        assert.equal(f.name, 'DataDirLockedError');
        assert.equal(f.title, 'The data directory is in use');
        assert.equal(
          f.message,
          `the data directory ${locked} is in use by \`promdesk serve\`, pid ${serve.proc.pid}`,
        );
        assert.match(f.hint, /Stop that `promdesk serve`/);
      } finally {
        assert.equal(await serve.stop(), 0);
      }

      const cfg = join(dir.path, 'prometheus.yml');
      writeFileSync(cfg, 'scrape_configs:\n  - job_name: x\n    scrape_interval: soon\n');
      let f = await fatal(['--data', join(dir.path, 'd1'), '--config', cfg]);
      assert.equal(f.name, 'ConfigError');
      assert.ok(
        f.message.startsWith(`${cfg}:3: scrape_configs[x].scrape_interval: not a valid duration`),
        f.message,
      );
      assert.equal(
        existsSync(join(dir.path, 'd1', 'promdesk.db')),
        false,
        'no store opened for a bad config',
      );

      const d2 = join(dir.path, 'd2');
      mkdirSync(d2);
      writeFileSync(join(d2, 'settings.json'), '{"query.timeout": "x"}');
      f = await fatal(['--data', d2]);
      assert.equal(f.name, 'SettingsError');
      assert.equal(
        f.message,
        `${join(d2, 'settings.json')}: query.timeout must be a positive duration like 2m, not "x"`,
      );

      f = await fatal(['--data', join(dir.path, 'd3'), '--query.compat', '4']);
      assert.equal(f.name, 'OptionsError');
      assert.equal(f.message, '--query.compat must be 2 or 3, not "4"');
    } finally {
      dir.remove();
    }
  },
);

test('the desktop host reloads its config as serve does: the Api without flags, /-/reload with --web.enable-lifecycle, --config.watch', async () => {
  const dir = tempDir('promdesk-host-');
  const cfg = join(dir.path, 'prometheus.yml');
  const jobs = (names: string[]) =>
    `scrape_configs:\n${names.map((j) => `  - job_name: ${j}\n    scrape_interval: 1h\n    static_configs: [{targets: ['127.0.0.1:1']}]\n`).join('')}`;
  writeFileSync(cfg, jobs(['a']) + '  - job_name: sd\n    file_sd_configs: [{files: [nothere.yml]}]\n');
  try {
    const port = await freePort();
    await withHost(['--config', cfg, '--listen', `127.0.0.1:${port}`], async (h) => {
      const api = <T>(method: ApiMethod, ...params: unknown[]) =>
        h.call('api', 1, method, params) as Promise<T>;
      const s0 = await api<ConfigStatus>('configStatus');
      assert.deepEqual([s0.file, s0.ok, s0.watching], [cfg, true, false]);
      assert.deepEqual(s0.warnings, [
        `${cfg}:6: scrape_configs[sd].file_sd_configs[0].files: file "nothere.yml" does not exist; its targets come once it does`,
      ]);
      writeFileSync(cfg, jobs(['a', 'b']));
      assert.deepEqual(await api('reloadConfig'), { ok: true, error: null });
      assert.deepEqual((await api<TargetView[]>('listTargets')).map((t) => t.input.job).sort(), ['a', 'b']);
      assert.deepEqual((await api<ConfigStatus>('configStatus')).warnings, []);
      writeFileSync(cfg, 'scrape_configs: [\n');
      const bad = await api<{ ok: boolean; error: string }>('reloadConfig');
      assert.equal(bad.ok, false);
      assert.ok(bad.error.startsWith(`${cfg}:`), bad.error);
      assert.deepEqual(
        [(await api<ConfigStatus>('configStatus')).ok, (await api<TargetView[]>('listTargets')).length],
        [false, 2],
      );
      // POST /-/reload stays Prometheus's: refused without --web.enable-lifecycle.
      assert.equal((await fetch(`http://127.0.0.1:${port}/-/reload`, { method: 'POST' })).status, 403);
    });
    writeFileSync(cfg, jobs(['a']));
    const port2 = await freePort();
    await withHost(
      ['--config', cfg, '--listen', `127.0.0.1:${port2}`, '--web.enable-lifecycle', '--config.watch'],
      async (h) => {
        const api = <T>(method: ApiMethod, ...params: unknown[]) =>
          h.call('api', 1, method, params) as Promise<T>;
        assert.equal((await api<ConfigStatus>('configStatus')).watching, true);
        writeFileSync(cfg, jobs(['a', 'c']));
        const end = Date.now() + 20_000;
        while ((await api<TargetView[]>('listTargets')).length !== 2) {
          assert.ok(Date.now() < end, 'the watched config reloaded');
          await new Promise((r) => setTimeout(r, 100));
        }
        const res = await fetch(`http://127.0.0.1:${port2}/-/reload`, { method: 'POST' });
        assert.equal(res.status, 200, await res.text());
      },
    );
  } finally {
    dir.remove();
  }
});

test('the HTTP port in use: the engine runs, the status says so; settings and flags choose the port', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const taken = (blocker.address() as net.AddressInfo).port;
  try {
    await withHost(['--listen', `127.0.0.1:${taken}`], async (h, ready) => {
      assert.deepEqual(ready.http, {
        error: `127.0.0.1:${taken} is in use (is \`promdesk serve\` running?)`,
        port: taken,
      });
      const info = (await h.call('api', 1, 'info', [])) as EngineInfo;
      assert.equal(info.mode, 'desktop', 'the engine runs');
      assert.deepEqual(info.httpListenError, ready.http, 'the window hears of it through info()');
      assert.deepEqual((await h.call('status')).http, ready.http);
    });
    // settings.json names the taken port; a Settings change moves the HTTP API, then turns it off.
    const dir = tempDir('promdesk-host-');
    const free = await freePort();
    try {
      writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ listen: `127.0.0.1:${taken}` }));
      const h = startDesktopHost(['--data', dir.path]);
      try {
        assert.deepEqual((await h.next('ready')).http, {
          error: `127.0.0.1:${taken} is in use (is \`promdesk serve\` running?)`,
          port: taken,
        });
        let from = h.events.length;
        await h.call('api', 7, 'putSettings', [{ listen: `127.0.0.1:${free}` }]);
        const url = `http://127.0.0.1:${free}/`;
        assert.deepEqual((await h.call('status')).http, { url }, 'moved by the time putSettings answers');
        assert.equal(((await h.call('api', 7, 'info', [])) as EngineInfo).httpListenError, undefined);
        await h.next('status', (s) => JSON.stringify(s.http) === JSON.stringify({ url }), { from });
        assert.equal((await fetch(`${url}-/ready`)).status, 200);
        from = h.events.length;
        await h.call('api', 7, 'putSettings', [{ listen: `127.0.0.1:${free}`, http: false }]);
        await h.next('status', (s) => s.http === null, { from });
        await assert.rejects(fetch(`${url}-/ready`), /fetch failed/);
      } finally {
        assert.equal(await h.stop(), 0, h.output());
      }
    } finally {
      dir.remove();
    }
    await withHost(['--no-http'], async (h, ready) => {
      assert.equal(ready.http, null);
      assert.equal((await h.call('status')).http, null);
    });
  } finally {
    blocker.close();
  }
  // settings.json sets the port and the semantics; a flag overrides the file.
  const dir = tempDir('promdesk-host-');
  const [p1, p2] = [await freePort(), await freePort()];
  try {
    writeFileSync(
      join(dir.path, 'settings.json'),
      JSON.stringify({ listen: `127.0.0.1:${p1}`, 'query.compat': '3' }),
    );
    for (const [argv, port] of [
      [[], p1],
      [['--listen', `127.0.0.1:${p2}`], p2],
    ] as const) {
      const h = startDesktopHost(['--data', dir.path, ...argv]);
      try {
        assert.deepEqual((await h.next('ready')).http, { url: `http://127.0.0.1:${port}/` });
        const r = await json(`http://127.0.0.1:${port}/api/v1/status/flags`);
        assert.equal((r.body.data as Record<string, string>)['query.compat'], '3');
      } finally {
        assert.equal(await h.stop(), 0);
      }
    }
  } finally {
    dir.remove();
  }
});

test('shutdown resolves once the store is closed: the lock is free and the WAL folded', async () => {
  const dir = tempDir('promdesk-host-');
  const dataDir = join(dir.path, 'data');
  try {
    const h = startDesktopHost(['--data', dataDir, '--no-http']);
    await h.next('ready');
    await h.call('api', 1, 'addTarget', [
      { ...defaultTargetInput, url: 'http://127.0.0.1:9/metrics', job: 'x' },
    ]);
    const t0 = Date.now();
    await h.call('shutdown');
    const ms = Date.now() - t0;
    // Before the process has even exited, the store is closed: the lock can be taken at once.
    lockDataDir(dataDir).release();
    assert.equal(
      existsSync(join(dataDir, 'promdesk.db-wal')),
      false,
      'the WAL was checkpointed into the database',
    );
    assert.equal(await h.exited, 0);
    assert.ok(ms < 10_000, `shutdown took ${ms} ms`);
  } finally {
    dir.remove();
  }
});
