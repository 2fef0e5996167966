// Promdesk's own /metrics, in the text format it scrapes: engine, store and process figures.
import type { EngineMetricsView } from '../engine-api';
import { formatGoFloat } from '../../../shared/format/go-float';

export interface HttpCounters {
  /** Requests by handler, counted by the HTTP thread. */
  requests: Map<string, number>;
}

export function renderSelfMetrics(engine: EngineMetricsView, http: HttpCounters): string {
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of samples) lines.push(`${name}${labels} ${formatGoFloat(v)}`);
  };
  const targets = engine.listTargets();
  const s = engine.store.stats;
  const mem = process.memoryUsage();
  metric('promdesk_build_info', 'gauge', 'Promdesk version.', [[`{version="${engine.info().version}"}`, 1]]);
  metric('promdesk_targets', 'gauge', 'Scrape targets by health.', [
    ['{health="up"}', targets.filter((t) => t.health === 'up').length],
    ['{health="down"}', targets.filter((t) => t.health === 'down').length],
    ['{health="unknown"}', targets.filter((t) => t.health === 'unknown').length],
  ]);
  metric(
    'promdesk_config_last_reload_successful',
    'gauge',
    'Whether the last configuration reload attempt was successful.',
    [['', engine.reloads.lastOk ? 1 : 0]],
  );
  metric(
    'promdesk_config_last_reload_success_timestamp_seconds',
    'gauge',
    'Timestamp of the last successful configuration reload.',
    [['', Math.floor(engine.reloads.lastSuccessMs / 1000)]],
  );
  lines.push(engine.rules.renderMetrics());
  metric('promdesk_scrapes_total', 'counter', 'Scrapes run.', [['', engine.counters.scrapes]]);
  metric('promdesk_scrape_failures_total', 'counter', 'Scrapes that failed (up = 0).', [
    ['', engine.counters.scrapeFailures],
  ]);
  metric('promdesk_dns_lookups_total', 'counter', 'DNS lookups made for targets (cache misses).', [
    ['', engine.dnsLookups],
  ]);
  // Twins of Prometheus's prometheus_sd_dns_lookups_total and _lookup_failures_total.
  metric(
    'promdesk_sd_dns_lookups_total',
    'counter',
    'DNS-SD lookups made (answers are kept for their TTL).',
    [['', engine.dnsSd.queries]],
  );
  metric('promdesk_sd_dns_lookup_failures_total', 'counter', 'DNS-SD lookups that failed.', [
    ['', engine.dnsSd.failures],
  ]);
  metric('promdesk_store_series', 'gauge', 'Series in the store.', [['', s.series]]);
  metric(
    'promdesk_store_size_bytes',
    'gauge',
    'Bytes of the store on disk (database, its WAL, sample log).',
    [['', engine.store.fileBytes()]],
  );
  metric('promdesk_store_samples_appended_total', 'counter', 'Samples committed to the store.', [
    ['', s.samplesAppended],
  ]);
  metric('promdesk_store_out_of_order_samples_total', 'counter', 'Samples rejected as out of order.', [
    ['', s.outOfOrder],
  ]);
  metric(
    'promdesk_store_duplicate_samples_total',
    'counter',
    'Samples rejected: same timestamp, different value.',
    [['', s.duplicates]],
  );
  metric('promdesk_store_commit_failures_total', 'counter', 'Commits that failed, nothing of them stored.', [
    ['', s.commitFailures],
  ]);
  metric(
    'promdesk_store_log_replay_skipped_bytes',
    'gauge',
    'Bytes of the sample log that replay on open skipped (damage or an unfinished write).',
    [['', s.logDamage ? s.logDamage.size - s.logDamage.offset : 0]],
  );
  metric(
    'promdesk_store_chunks_corrupt_total',
    'counter',
    'Stored chunks found damaged (failed checksum or decoding) and skipped.',
    [['', engine.store.damage.count]],
  );
  metric(
    'promdesk_http_requests_total',
    'counter',
    'HTTP requests by handler.',
    [...http.requests].map(([h, n]) => [`{handler="${h}"}`, n]),
  );
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [['', mem.rss]]);
  metric('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.', [
    ['', Math.floor(engine.startedAtMs / 1000)],
  ]);
  const cpu = process.cpuUsage();
  metric('process_cpu_seconds_total', 'counter', 'Total user and system CPU time spent in seconds.', [
    ['', (cpu.user + cpu.system) / 1e6],
  ]);
  metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap used.', [['', mem.heapUsed]]);
  // Typed arrays' bytes live outside the V8 heap (malloc): the open chunks' pages, select arenas.
  metric('nodejs_external_memory_bytes', 'gauge', 'Memory outside the V8 heap held by JS objects.', [
    ['', mem.external],
  ]);
  metric('nodejs_array_buffers_bytes', 'gauge', 'Memory of ArrayBuffers and Buffers.', [
    ['', mem.arrayBuffers],
  ]);
  return (
    lines.join('\n') +
    '\n' +
    engine.remoteWriteIn.renderMetrics() +
    engine.pushes.renderMetrics() +
    engine.otlpIn.renderMetrics() +
    engine.notifier.renderMetrics() +
    engine.remoteWriteOut.renderMetrics() +
    engine.alertmanagers.renderMetrics()
  );
}
