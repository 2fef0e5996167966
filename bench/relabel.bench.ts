// Relabeling cost: µs per label set for typical metric_relabel_configs lists (each new series of a
// scrape goes through them once; a known series skips them), and per target for a blackbox
// job's relabel_configs through populateLabels.
//   node --import tsx bench/relabel.bench.ts [--series 20000]
import { parseArgs } from 'node:util';
import { relabel } from '../electron/engine/relabel/apply';
import { checkRelabelRule, type RelabelFields } from '../electron/engine/relabel/check-rule';
import { populateLabels } from '../electron/engine/relabel/populate';

const { values: args } = parseArgs({ options: { series: { type: 'string', default: '20000' } } });
const N = Number(args.series);

const series = Array.from({ length: N }, (_, i) => ({
  __name__: [
    'node_cpu_seconds_total',
    'http_requests_total',
    'container_memory_usage_bytes',
    'go_gc_duration_seconds',
  ][i % 4],
  cpu: String(i % 64),
  mode: ['idle', 'user', 'system'][i % 3],
  id: `/kubepods/pod${i}`,
  kernelVersion: '6.1.0',
  job: 'node',
  instance: `host-${i % 50}:9100`,
}));

const lists: Record<string, RelabelFields[]> = {
  'drop by name (literal alternation)': [
    { source_labels: ['__name__'], regex: 'go_gc_duration_seconds|container_tasks_state', action: 'drop' },
  ],
  'cadvisor (drop, 2 replace, labeldrop)': [
    {
      source_labels: ['__name__'],
      separator: ',',
      regex: '(container_tasks_state|container_memory_failures_total)',
      action: 'drop',
    },
    { source_labels: ['id'], regex: '/kubepods/([a-z0-9]+);', target_label: 'container_id' },
    { source_labels: ['id'], regex: '/kubepods/([a-z0-9]+)', target_label: 'pod_id' },
    { regex: 'kernelVersion', action: 'labeldrop' },
  ],
  'every action once': [
    {
      source_labels: ['__name__', 'mode'],
      regex: '.*;(idle|user)|http_.*;.*|container_.*;.*',
      action: 'keep',
    },
    { source_labels: ['mode'], regex: 'system', action: 'drop' },
    { source_labels: ['instance'], regex: '([^:]+):.*', target_label: 'host' },
    { action: 'lowercase', source_labels: ['mode'], target_label: 'mode_lc' },
    { action: 'uppercase', source_labels: ['mode'], target_label: 'mode_uc' },
    { action: 'hashmod', source_labels: ['instance'], target_label: 'shard', modulus: 8n },
    { action: 'labelmap', regex: '(mode)_(lc)', replacement: 'm_$2' },
    { action: 'keepequal', source_labels: ['job'], target_label: 'job' },
    { action: 'dropequal', source_labels: ['cpu'], target_label: 'host' },
    { action: 'labeldrop', regex: 'kernelVersion|id' },
    { action: 'labelkeep', regex: '__name__|job|instance|host|cpu|mode.*|m_lc|shard' },
  ],
};

for (const [name, fields] of Object.entries(lists)) {
  const rules = fields.map((f) => checkRelabelRule(f));
  for (const s of series.slice(0, 1000)) relabel(s, rules); // warm-up
  const t0 = performance.now();
  let kept = 0;
  for (const s of series) if (relabel(s, rules) !== null) kept++;
  const us = ((performance.now() - t0) * 1000) / N;
  console.log(
    `${name.padEnd(40)} ${us.toFixed(2).padStart(7)} µs/series  (${rules.length} rules, ${kept}/${N} kept)`,
  );
}

const blackbox = [
  { source_labels: ['__address__'], target_label: '__param_target' },
  { source_labels: ['__param_target'], target_label: 'instance' },
  { target_label: '__address__', replacement: '127.0.0.1:9115' },
].map((f) => checkRelabelRule(f));
const job = {
  jobName: 'bb',
  scheme: 'http',
  metricsPath: '/probe',
  scrapeIntervalMs: 15_000,
  scrapeTimeoutMs: 10_000,
  params: { module: ['http_2xx'] },
};
const t0 = performance.now();
for (let i = 0; i < N; i++)
  populateLabels({ __address__: `https://site-${i}.example/health` }, job, blackbox);
console.log(
  `${'blackbox target (populateLabels)'.padEnd(40)} ${(((performance.now() - t0) * 1000) / N).toFixed(2).padStart(7)} µs/target`,
);
