// The Promdesk starter: the app watching itself. Targets and scrapes come from the series every
// scrape writes (up, scrape_duration_seconds); the store, remote write and event-loop panels read
// Promdesk's own /metrics (electron/engine/http/self-metrics.ts and the HTTP server's event-loop
// lag), which are in the store once a target scrapes this app's /metrics.
import { CURRENT_SCHEMA_VERSION, type Dashboard } from '../model';
import { numbered, stat, timeseries, warnAt } from './panels';

export const PROMDESK_STARTER_UID = 'promdesk-self';

export function promdeskStarter(): Dashboard {
  const panels = numbered([
    stat({
      title: 'Targets up',
      gridPos: { x: 0, y: 0, w: 4, h: 4 },
      queries: [{ expr: 'sum(up)', instant: true }],
      defaults: { unit: 'none', decimals: 0 },
    }),
    stat({
      title: 'Targets down',
      gridPos: { x: 4, y: 0, w: 4, h: 4 },
      queries: [{ expr: 'count(up == 0) or vector(0)', instant: true }],
      defaults: { unit: 'none', decimals: 0, thresholds: warnAt(1, 1) },
    }),
    stat({
      title: 'Samples stored per second',
      gridPos: { x: 8, y: 0, w: 5, h: 4 },
      queries: [
        { expr: 'sum(rate(promdesk_store_samples_appended_total[$__rate_interval]))', instant: true },
      ],
      defaults: { unit: 'ops', decimals: 1 },
    }),
    stat({
      title: 'Store on disk',
      gridPos: { x: 13, y: 0, w: 5, h: 4 },
      queries: [{ expr: 'max(promdesk_store_size_bytes)', instant: true }],
      defaults: { unit: 'bytes', decimals: 1 },
    }),
    stat({
      title: 'Event-loop lag (p99)',
      description: 'Delay of the thread serving HTTP and the UI: high values mean a request or the UI waits.',
      gridPos: { x: 18, y: 0, w: 6, h: 4 },
      queries: [{ expr: 'max(promdesk_http_event_loop_lag_seconds{quantile="0.99"})', instant: true }],
      defaults: { unit: 's', decimals: 3, thresholds: warnAt(0.1, 0.5) },
    }),
    timeseries({
      title: 'Targets up by job',
      gridPos: { x: 0, y: 4, w: 12, h: 7 },
      queries: [{ expr: 'sum by (job) (up)', legend: '{{job}}' }],
      defaults: { unit: 'none', decimals: 0, min: 0 },
    }),
    timeseries({
      title: 'Scrape duration',
      description: 'The slowest scrape of each job.',
      gridPos: { x: 12, y: 4, w: 12, h: 7 },
      queries: [{ expr: 'max by (job) (scrape_duration_seconds)', legend: '{{job}}' }],
      defaults: { unit: 's', min: 0 },
    }),
    timeseries({
      title: 'Samples per second',
      description: 'Stored by the engine (all ingest paths), and scraped per job.',
      gridPos: { x: 0, y: 11, w: 8, h: 7 },
      queries: [
        { expr: 'sum(rate(promdesk_store_samples_appended_total[$__rate_interval]))', legend: 'stored' },
        {
          // Samples of every scrape in the last minute, per second, whatever the scrape interval.
          expr: 'sum by (job) (sum_over_time(scrape_samples_scraped[1m])) / 60',
          legend: '{{job}} scraped',
        },
      ],
      defaults: { unit: 'ops', min: 0 },
    }),
    timeseries({
      title: 'Store on disk over time',
      gridPos: { x: 8, y: 11, w: 8, h: 7 },
      queries: [{ expr: 'max(promdesk_store_size_bytes)', legend: 'store' }],
      defaults: { unit: 'bytes', min: 0 },
    }),
    timeseries({
      title: 'Event-loop lag',
      gridPos: { x: 16, y: 11, w: 8, h: 7 },
      queries: [
        {
          expr: 'max by (quantile) (promdesk_http_event_loop_lag_seconds{quantile=~"0.5|0.99"})',
          legend: 'q{{quantile}}',
        },
      ],
      defaults: { unit: 's', min: 0 },
    }),
    timeseries({
      title: 'Remote write queue',
      description: 'Samples waiting in each destination’s disk queue.',
      gridPos: { x: 0, y: 18, w: 12, h: 7 },
      queries: [{ expr: 'promdesk_remote_write_queue_samples', legend: '{{url}}' }],
      defaults: { unit: 'short', min: 0 },
    }),
    timeseries({
      title: 'Remote write failures',
      description: 'Samples per second refused (not retried) and retried, per destination.',
      gridPos: { x: 12, y: 18, w: 12, h: 7 },
      queries: [
        {
          expr: 'rate(promdesk_remote_write_samples_failed_total[$__rate_interval])',
          legend: '{{url}} failed',
        },
        {
          expr: 'rate(promdesk_remote_write_samples_retried_total[$__rate_interval])',
          legend: '{{url}} retried',
        },
      ],
      defaults: { unit: 'ops', min: 0 },
    }),
  ]);
  return {
    uid: PROMDESK_STARTER_UID,
    title: 'Promdesk',
    description: "Promdesk's own health: targets, scrapes, ingest, store, remote write, event loop.",
    tags: ['promdesk'],
    schemaVersion: CURRENT_SCHEMA_VERSION,
    editable: true,
    graphTooltip: 1,
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    timezone: 'browser',
    version: 1,
    id: null,
    links: [],
    annotations: { list: [] },
    templating: { list: [] },
    panels,
  };
}
