// Where exporters listen by default and how they name their families: the ports the loopback
// probe tries (Prometheus's default port allocations, 9090–9999, plus ports commonly used
// outside that range), the exporter each well-known port belongs to, and the family prefixes
// that tell one exporter from another when its /metrics has no `<name>_build_info`.

/** The ports Prometheus allocated to its own components and to exporters. */
const ALLOCATED_FIRST = 9090;
const ALLOCATED_LAST = 9999;

/** The exporter a port is allocated to, for the ports whose owner is well known. */
export const WELL_KNOWN_PORTS: ReadonlyMap<number, string> = new Map([
  [9090, 'prometheus'],
  [9091, 'pushgateway'],
  [9093, 'alertmanager'],
  [9100, 'node_exporter'],
  [9104, 'mysqld_exporter'],
  [9113, 'nginx_exporter'],
  [9114, 'elasticsearch_exporter'],
  [9115, 'blackbox_exporter'],
  [9116, 'snmp_exporter'],
  [9121, 'redis_exporter'],
  [9150, 'memcached_exporter'],
  [9182, 'windows_exporter'],
  [9187, 'postgres_exporter'],
  [9216, 'mongodb_exporter'],
  [9256, 'process-exporter'],
  [9308, 'kafka_exporter'],
  [9419, 'rabbitmq_exporter'],
  [9464, 'opentelemetry'],
  // Outside the allocated range, but where these usually listen.
  [2112, 'client_golang example'],
  [3000, 'grafana'],
  [8080, 'cadvisor'],
  [8888, 'otelcol'],
  [8889, 'otelcol'],
  [15692, 'rabbitmq'],
]);

/** Every port the probe tries, ascending: 9090–9999 and the well-known ones outside it. */
export function exporterPorts(): number[] {
  const ports = new Set<number>();
  for (let p = ALLOCATED_FIRST; p <= ALLOCATED_LAST; p++) ports.add(p);
  for (const p of WELL_KNOWN_PORTS.keys()) ports.add(p);
  return [...ports].sort((a, b) => a - b);
}

/**
 * Family prefixes that only one exporter writes, longest first where one prefix holds another.
 * Read when a body names no exporter through `*_build_info`.
 */
export const FAMILY_PREFIXES: readonly (readonly [prefix: string, exporter: string])[] = [
  ['promdesk_', 'promdesk'],
  ['node_', 'node_exporter'],
  ['prometheus_', 'prometheus'],
  ['alertmanager_', 'alertmanager'],
  ['pushgateway_', 'pushgateway'],
  ['probe_', 'blackbox_exporter'],
  ['mysql_', 'mysqld_exporter'],
  ['pg_', 'postgres_exporter'],
  ['redis_', 'redis_exporter'],
  ['nginx_', 'nginx_exporter'],
  ['windows_', 'windows_exporter'],
  ['snmp_', 'snmp_exporter'],
  ['namedprocess_', 'process-exporter'],
  ['memcached_', 'memcached_exporter'],
  ['mongodb_', 'mongodb_exporter'],
  ['kafka_', 'kafka_exporter'],
  ['rabbitmq_', 'rabbitmq'],
  ['elasticsearch_', 'elasticsearch_exporter'],
  ['container_', 'cadvisor'],
  ['grafana_', 'grafana'],
  ['otelcol_', 'otelcol'],
];

/** The job name Prometheus's docs give an exporter's targets: node_exporter → node. */
export function jobFor(exporter: string): string {
  const job = exporter
    .replace(/[-_]exporter$/, '')
    .replace(/[^a-zA-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return job || 'exporter';
}
