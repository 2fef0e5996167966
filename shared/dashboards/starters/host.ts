// The Host starter: one machine's node_exporter on a laptop screen. Promdesk's own layout and
// queries (no community dashboard copied): a stat row, then CPU and memory, then disk and
// network, then filesystems and load, every rate over $__rate_interval.
import { CURRENT_SCHEMA_VERSION, type Dashboard, type Variable } from '../model';
import { barGauge, negativeY, numbered, stat, timeseries, warnAt } from './panels';

export const HOST_STARTER_UID = 'promdesk-host';

/** The selector every panel narrows to: the picked job and instance. */
const SEL = 'job="$job",instance="$instance"';
/** Filesystems worth a bar: real disks, not tmpfs, overlays or snap images. */
const REAL_FS = 'fstype!~"tmpfs|ramfs|devtmpfs|overlay|squashfs|nsfs|autofs|fuse\\\\..*|rootfs"';

function queryVariable(name: string, label: string, query: string): Variable {
  return {
    type: 'query',
    name,
    label,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    definition: query,
    datasource: { type: 'prometheus', uid: '' },
    refresh: 1,
    sort: 1,
    multi: false,
    includeAll: false,
    hide: 0,
    current: {},
    options: [],
  };
}

export function hostStarter(): Dashboard {
  const panels = numbered([
    stat({
      title: 'Uptime',
      gridPos: { x: 0, y: 0, w: 5, h: 3 },
      queries: [{ expr: `node_time_seconds{${SEL}} - node_boot_time_seconds{${SEL}}`, instant: true }],
      defaults: { unit: 's', decimals: 0 },
    }),
    stat({
      title: 'CPU cores',
      gridPos: { x: 5, y: 0, w: 4, h: 3 },
      queries: [{ expr: `count(node_cpu_seconds_total{${SEL},mode="idle"})`, instant: true }],
      defaults: { unit: 'none', decimals: 0 },
    }),
    stat({
      title: 'RAM',
      description: 'Memory the kernel manages (MemTotal).',
      gridPos: { x: 9, y: 0, w: 5, h: 3 },
      queries: [{ expr: `node_memory_MemTotal_bytes{${SEL}}`, instant: true }],
      defaults: { unit: 'bytes', decimals: 1 },
    }),
    stat({
      title: 'Load (1m) per core',
      description: 'The one-minute load average divided by the CPU count: above 1, work waits for a CPU.',
      gridPos: { x: 14, y: 0, w: 5, h: 3 },
      queries: [
        {
          expr: `node_load1{${SEL}} / on (job, instance) count by (job, instance) (node_cpu_seconds_total{${SEL},mode="idle"})`,
          instant: true,
        },
      ],
      defaults: { unit: 'none', decimals: 2, thresholds: warnAt(0.8, 1.5) },
    }),
    stat({
      title: 'Root filesystem used',
      gridPos: { x: 19, y: 0, w: 5, h: 3 },
      queries: [
        {
          expr: `100 * (1 - node_filesystem_avail_bytes{${SEL},mountpoint="/",fstype!="rootfs"} / node_filesystem_size_bytes{${SEL},mountpoint="/",fstype!="rootfs"})`,
          instant: true,
        },
      ],
      defaults: { unit: 'percent', decimals: 1, min: 0, max: 100, thresholds: warnAt(80, 90) },
    }),
    timeseries({
      title: 'CPU by mode',
      description: 'Share of CPU time per mode, all cores together (idle included, so the stack is 100%).',
      gridPos: { x: 0, y: 3, w: 12, h: 7 },
      stacking: 'percent',
      queries: [
        {
          expr: `sum by (mode) (rate(node_cpu_seconds_total{${SEL}}[$__rate_interval]))`,
          legend: '{{mode}}',
        },
      ],
      defaults: { unit: 'percentunit', decimals: 0, min: 0 },
    }),
    timeseries({
      title: 'Memory',
      description: 'Used is what is left after free, buffers and reclaimable caches.',
      gridPos: { x: 12, y: 3, w: 12, h: 7 },
      stacking: 'normal',
      queries: [
        {
          expr: `node_memory_MemTotal_bytes{${SEL}} - node_memory_MemFree_bytes{${SEL}} - node_memory_Buffers_bytes{${SEL}} - node_memory_Cached_bytes{${SEL}} - node_memory_SReclaimable_bytes{${SEL}}`,
          legend: 'used',
        },
        {
          expr: `node_memory_Cached_bytes{${SEL}} + node_memory_SReclaimable_bytes{${SEL}}`,
          legend: 'cached',
        },
        { expr: `node_memory_Buffers_bytes{${SEL}}`, legend: 'buffers' },
        { expr: `node_memory_MemFree_bytes{${SEL}}`, legend: 'free' },
      ],
      defaults: { unit: 'bytes', min: 0 },
    }),
    timeseries({
      title: 'Disk throughput',
      description: 'Bytes read (up) and written (down) per second, per device.',
      gridPos: { x: 0, y: 10, w: 8, h: 6 },
      queries: [
        {
          expr: `rate(node_disk_read_bytes_total{${SEL}}[$__rate_interval])`,
          legend: '{{device}} read',
        },
        {
          expr: `rate(node_disk_written_bytes_total{${SEL}}[$__rate_interval])`,
          legend: '{{device}} written',
        },
      ],
      defaults: { unit: 'Bps' },
      overrides: [negativeY('.* written$')],
    }),
    timeseries({
      title: 'Disk utilisation',
      description: 'Share of time each device was busy with I/O.',
      gridPos: { x: 8, y: 10, w: 8, h: 6 },
      queries: [
        {
          expr: `rate(node_disk_io_time_seconds_total{${SEL}}[$__rate_interval])`,
          legend: '{{device}}',
        },
      ],
      defaults: { unit: 'percentunit', min: 0, max: 1 },
    }),
    timeseries({
      title: 'Network',
      description: 'Bytes received (up) and sent (down) per second, per interface (loopback left out).',
      gridPos: { x: 16, y: 10, w: 8, h: 6 },
      queries: [
        {
          expr: `rate(node_network_receive_bytes_total{${SEL},device!="lo"}[$__rate_interval])`,
          legend: '{{device}} rx',
        },
        {
          expr: `rate(node_network_transmit_bytes_total{${SEL},device!="lo"}[$__rate_interval])`,
          legend: '{{device}} tx',
        },
      ],
      defaults: { unit: 'Bps' },
      overrides: [negativeY('.* tx$')],
    }),
    barGauge({
      title: 'Filesystems used',
      gridPos: { x: 0, y: 16, w: 12, h: 7 },
      queries: [
        {
          expr: `100 * (1 - node_filesystem_avail_bytes{${SEL},${REAL_FS}} / node_filesystem_size_bytes{${SEL},${REAL_FS}})`,
          legend: '{{mountpoint}}',
          instant: true,
        },
      ],
      defaults: { unit: 'percent', decimals: 1, min: 0, max: 100, thresholds: warnAt(80, 90) },
    }),
    timeseries({
      title: 'Load average',
      gridPos: { x: 12, y: 16, w: 12, h: 7 },
      queries: [
        { expr: `node_load1{${SEL}}`, legend: '1m' },
        { expr: `node_load5{${SEL}}`, legend: '5m' },
        { expr: `node_load15{${SEL}}`, legend: '15m' },
      ],
      defaults: { unit: 'none', min: 0 },
    }),
  ]);
  return {
    uid: HOST_STARTER_UID,
    title: 'Host',
    description: "One machine's CPU, memory, disks, network and filesystems from node_exporter.",
    tags: ['promdesk', 'node_exporter'],
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
    templating: {
      list: [
        queryVariable('job', 'Job', 'label_values(node_uname_info, job)'),
        queryVariable('instance', 'Instance', 'label_values(node_uname_info{job="$job"}, instance)'),
      ],
    },
    panels,
  };
}
