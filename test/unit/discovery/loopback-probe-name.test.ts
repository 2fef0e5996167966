// Naming what answered on a loopback port from its own /metrics, the ports probed and job names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exporterPorts, jobFor, WELL_KNOWN_PORTS } from '../../../electron/engine/discovery/exporter-ports';
import { identifyExporter } from '../../../electron/engine/discovery/loopback-probe-name';

test('an exporter is named by its own *_build_info, with its version; go_build_info names only the runtime', () => {
  const body = [
    '# HELP go_build_info Build information about the main Go module.',
    '# TYPE go_build_info gauge',
    'go_build_info{checksum="",path="github.com/prometheus/node_exporter",version="(devel)"} 1',
    '# TYPE node_exporter_build_info gauge',
    'node_exporter_build_info{branch="debian/sid",goversion="go1.19.8",revision="1.5.0-1+b6",version="1.5.0"} 1',
    'node_load1 0.5',
    'node_cpu_seconds_total{cpu="0",mode="idle"} 100',
  ].join('\n');
  assert.deepEqual(identifyExporter(body), {
    name: 'node_exporter',
    namedBy: 'build_info',
    version: '1.5.0',
    families: 4,
  });
  // Prometheus itself; a library's build info beside an exporter's loses to the exporter's.
  assert.equal(identifyExporter('prometheus_build_info{version="2.42.0"} 1\n')?.name, 'prometheus');
  assert.equal(
    identifyExporter('libfoo_build_info{version="1"} 1\nmysqld_exporter_build_info{version="0.14.0"} 1\n')
      ?.name,
    'mysqld_exporter',
  );
  // An escaped quote in the version is read as the value.
  assert.equal(identifyExporter('x_build_info{version="a\\"b"} 1\n')?.version, 'a"b');
});

test('without its own build info: go_build_info’s module path, then family prefixes, else unnamed', () => {
  assert.deepEqual(
    identifyExporter(
      'go_build_info{path="github.com/acme/widget_exporter",version="v1.2.3"} 1\nwidget_up 1\n',
    ),
    { name: 'widget_exporter', namedBy: 'module', version: 'v1.2.3', families: 2 },
  );
  // A `go run` binary's path names nothing.
  assert.equal(identifyExporter('go_build_info{path="command-line-arguments"} 1\n')?.name, null);
  assert.deepEqual(identifyExporter('# TYPE mysql_up gauge\nmysql_up 1\n'), {
    name: 'mysqld_exporter',
    namedBy: 'prefix',
    version: null,
    families: 1,
  });
  assert.equal(identifyExporter('probe_success 1\nprobe_duration_seconds 0.1\n')?.name, 'blackbox_exporter');
  assert.equal(identifyExporter('promdesk_build_info{version="0.1.0"} 1\n')?.name, 'promdesk');
  assert.deepEqual(identifyExporter('my_app_requests_total{code="200"} 3\n'), {
    name: null,
    namedBy: null,
    version: null,
    families: 1,
  });
});

test('a body with no sample line is not an exposition', () => {
  assert.equal(identifyExporter('<!doctype html><html><body>Hello</body></html>'), null);
  assert.equal(identifyExporter('{"status":"ok"}'), null);
  assert.equal(identifyExporter(''), null);
  assert.equal(identifyExporter('# HELP only comments\n# TYPE x gauge\n'), null);
});

test('the ports probed: 9090–9999 and the well-known ones outside, each once, ascending', () => {
  const ports = exporterPorts();
  assert.deepEqual(
    ports.filter((p) => p >= 9090 && p <= 9999),
    Array.from({ length: 910 }, (_, i) => 9090 + i),
  );
  for (const p of [8080, 3000, 8888, 15692]) assert.ok(ports.includes(p), `${p} probed`);
  assert.equal(new Set(ports).size, ports.length);
  assert.deepEqual(
    [...ports].sort((a, b) => a - b),
    ports,
  );
  assert.equal(WELL_KNOWN_PORTS.get(9100), 'node_exporter');
});

test('job names as Prometheus’s docs give them', () => {
  assert.equal(jobFor('node_exporter'), 'node');
  assert.equal(jobFor('blackbox_exporter'), 'blackbox');
  assert.equal(jobFor('process-exporter'), 'process');
  assert.equal(jobFor('prometheus'), 'prometheus');
  assert.equal(jobFor('client_golang example'), 'client_golang_example');
  assert.equal(jobFor('---'), 'exporter');
});
