import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promMetricName } from '../../../electron/engine/otlp/metric-name';
import { promLabelName } from '../../../electron/engine/otlp/label-name';
import { formatAttrDouble } from '../../../electron/engine/otlp/model';

test('metric names get unit and type suffixes as Prometheus 3 adds them', () => {
  const cases: [string, string, Parameters<typeof promMetricName>[2], string][] = [
    ['http.server.request.duration', 's', 'histogram', 'http_server_request_duration_seconds'],
    ['process.memory.usage', 'By', 'gauge', 'process_memory_usage_bytes'],
    ['http.server.requests', '{request}', 'monotonic_counter', 'http_server_requests_total'],
    ['requests_total', '1', 'monotonic_counter', 'requests_total'],
    ['total.requests', '', 'monotonic_counter', 'requests_total'],
    ['system.cpu.utilization', '1', 'gauge', 'system_cpu_utilization_ratio'],
    ['system.cpu.utilization', '1', 'counter', 'system_cpu_utilization'],
    ['queue.size', '{item}', 'counter', 'queue_size'],
    ['network.throughput', 'By/s', 'gauge', 'network_throughput_bytes_per_second'],
    ['events', '{event}/min', 'gauge', 'events_per_min'],
    ['duration_seconds', 's', 'histogram', 'duration_seconds'],
    ['disk.io', 'MiBy', 'monotonic_counter', 'disk_io_mebibytes_total'],
    ['temp', 'Cel', 'gauge', 'temp_celsius'],
    ['load', '%', 'gauge', 'load_percent'],
    ['2xx.count', '', 'gauge', '_2xx_count'],
    ['a..b__c', '', 'gauge', 'a_b_c'],
    ['ns:metric', 'kB', 'gauge', 'ns:metric_kB'],
  ];
  for (const [name, unit, type, want] of cases)
    assert.equal(promMetricName(name, unit, type), want, `${name} ${unit}`);
});

test('a metric name with nothing valid in it is an error naming it', () => {
  const r = promMetricName('...', '', 'gauge');
  assert.deepEqual(r, { error: 'normalization for metric "..." resulted in empty name' });
});

test('label names are sanitised as Prometheus 3 does by default', () => {
  assert.equal(promLabelName('http.method'), 'http_method');
  assert.equal(promLabelName('host.name'), 'host_name');
  assert.equal(promLabelName('a..b'), 'a__b');
  assert.equal(promLabelName('2xx'), 'key_2xx');
  assert.equal(promLabelName('_private'), 'key_private');
  assert.equal(promLabelName('__reserved__'), '__reserved__');
  assert.equal(promLabelName('ünïcode'), 'key_n_code');
  assert.deepEqual(promLabelName(''), { error: 'label name is empty' });
  assert.deepEqual(promLabelName('...'), {
    error: 'normalization for label name "..." resulted in invalid name "___"',
  });
});

test('attribute doubles and bounds print as Go formats them (no exponent)', () => {
  const cases: [number, string][] = [
    [0.5, '0.5'],
    [250, '250'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-10, '-0.00000000025'],
    [1.25e22, '12500000000000000000000'],
    [NaN, 'NaN'],
    [-Infinity, '-Inf'],
  ];
  for (const [v, want] of cases) assert.equal(formatAttrDouble(v), want);
});
