// Rule evaluation cost in the engine's setting: the real store and PromQL engine, 200 hosts of
// node-like series scraped every 15 s for an hour, and a home lab's rule groups (recording rules
// and alerts over rates, ratios and predict_linear). Prints per group the evaluation time and the
// longest single rule: rules yield to the event loop between them, so the longest rule is what a
// scrape may wait behind.
//   node --import tsx bench/rules.bench.ts [--hosts 200]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/engine/store/open-store';
import { QueryEngine } from '../electron/engine/query/engine';
import { RuleGroup } from '../electron/engine/rules/group';
import { queryEngineFunc } from '../electron/engine/rules/query-func';
import { storeOut } from '../electron/engine/rules/store-out';
import { parseRuleFile } from '../electron/engine/rules/rule-file';
import { tempDir } from '../test/helpers/tmp';

const { values: args } = parseArgs({ options: { hosts: { type: 'string', default: '200' } } });
const HOSTS = Number(args.hosts);
const STEP = 15_000;
const END = Date.now() - (Date.now() % STEP);
const START = END - 3_600_000;

const RULES = `groups:
- name: node-recording
  rules:
  - record: instance:node_cpu_utilisation:rate5m
    expr: 1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{mode=~"idle|iowait|steal"}[5m])))
  - record: instance:node_memory_utilisation:ratio
    expr: 1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes
  - record: instance:node_network_receive_bytes:rate5m
    expr: sum without (device) (rate(node_network_receive_bytes_total{device!="lo"}[5m]))
  - record: job:node_cpu_utilisation:avg
    expr: avg by (job) (instance:node_cpu_utilisation:rate5m)
- name: node-alerts
  rules:
  - alert: HostDown
    expr: up == 0
    for: 2m
    annotations: {summary: "{{ $labels.instance }} is down"}
  - alert: DiskWillFillIn24h
    expr: predict_linear(node_filesystem_avail_bytes{fstype!="tmpfs"}[1h], 86400) < 0
    for: 30m
    annotations: {summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} fills within a day"}
  - alert: DiskAlmostFull
    expr: 1 - node_filesystem_avail_bytes / node_filesystem_size_bytes > 0.9
    for: 10m
    annotations: {summary: "{{ $labels.mountpoint }} {{ $value | humanizePercentage }} full"}
  - alert: HighCpu
    expr: instance:node_cpu_utilisation:rate5m > 0.9
    for: 15m
  - alert: MemoryPressure
    expr: instance:node_memory_utilisation:ratio > 0.5
    annotations: {summary: "{{ $labels.instance }} at {{ $value | humanizePercentage }}"}
`;

const dir = tempDir('promdesk-rules-bench-');
const store = openStore(dir.path);
try {
  const t0 = performance.now();
  let samples = 0;
  for (let t = START; t <= END; t += STEP) {
    const app = store.appender();
    const k = (t - START) / STEP;
    for (let h = 0; h < HOSTS; h++) {
      const base = { job: 'node', instance: `host-${h}:9100` };
      app.append({ __name__: 'up', ...base }, t, h % 50 === 0 ? 0 : 1);
      for (let cpu = 0; cpu < 4; cpu++)
        for (const [mode, share] of [
          ['idle', 0.7],
          ['user', 0.2],
          ['system', 0.08],
          ['iowait', 0.02],
        ] as const)
          app.append(
            { __name__: 'node_cpu_seconds_total', ...base, cpu: String(cpu), mode },
            t,
            k * 15 * share,
          );
      app.append({ __name__: 'node_memory_MemTotal_bytes', ...base }, t, 16e9);
      app.append({ __name__: 'node_memory_MemAvailable_bytes', ...base }, t, 4e9 + (h % 10) * 1e9);
      for (const device of ['lo', 'eth0'])
        app.append({ __name__: 'node_network_receive_bytes_total', ...base, device }, t, k * 1e6);
      for (const mountpoint of ['/', '/home']) {
        const fs = { ...base, mountpoint, fstype: 'ext4', device: '/dev/sda1' };
        app.append({ __name__: 'node_filesystem_size_bytes', ...fs }, t, 1e11);
        app.append({ __name__: 'node_filesystem_avail_bytes', ...fs }, t, 5e10 - k * (h % 7) * 1e7);
      }
      samples += 1 + 16 + 2 + 2 + 4;
    }
    app.commit();
  }
  console.log(
    `loaded ${HOSTS} hosts, ${samples.toLocaleString()} samples in ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const query = queryEngineFunc(new QueryEngine(store, { compat: '2.42' }));
  const out = storeOut(
    () => store.appender(),
    () => {},
    (m) => console.error(m),
  );
  const env = { query, externalLabels: {}, externalURL: 'http://localhost:9099' };
  const groups = parseRuleFile(RULES, 'homelab.yml').groups.map(
    (d) => new RuleGroup(d, env, out, () => performance.now()),
  );
  for (let round = 0; round < 5; round++) {
    const ts = END + round * STEP;
    for (const g of groups) {
      g.eval(ts);
      if (round < 4) continue;
      const longest = Math.max(...g.statuses.map((s) => s.evalDurationMs));
      const slowest = g.statuses.find((s) => s.evalDurationMs === longest)!.def.name;
      const errors = g.statuses.filter((s) => s.health === 'err').map((s) => `${s.def.name}: ${s.lastError}`);
      console.log(
        `${g.def.name.padEnd(16)} ${g.def.rules.length} rules: ${g.lastDurationMs.toFixed(1)} ms, longest rule ${longest.toFixed(1)} ms (${slowest})${errors.length ? `, errors: ${errors.join('; ')}` : ''}`,
      );
    }
  }
  const alerts = groups[1].statuses.map((s) => `${s.def.name}=${s.alerts.length}`).join(' ');
  console.log(`alerts held: ${alerts}`);
} finally {
  store.close();
  dir.remove();
}
