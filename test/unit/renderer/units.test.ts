import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessUnit, metricNameOf } from '../../../renderer/src/lib/units';

test('guessUnit reads Prometheus name suffixes', () => {
  assert.equal(guessUnit('scrape_duration_seconds'), 'seconds');
  assert.equal(guessUnit('http_request_duration_seconds_sum'), 'seconds');
  assert.equal(guessUnit('http_request_duration_seconds_bucket'), 'none'); // counts, not seconds
  assert.equal(guessUnit('process_cpu_seconds_total'), 'seconds');
  assert.equal(guessUnit('http_request_duration_seconds_count'), 'none');
  assert.equal(guessUnit('node_memory_MemAvailable_bytes'), 'bytes');
  assert.equal(guessUnit('node_network_receive_bytes_total'), 'bytes');
  assert.equal(guessUnit('cache_hit_ratio'), 'ratio');
  assert.equal(guessUnit('cpu_percent'), 'percent');
  assert.equal(guessUnit('http_requests_total'), 'none');
  assert.equal(guessUnit('up'), 'none');
  assert.equal(guessUnit(''), 'none');
  assert.equal(guessUnit(null), 'none');
});

test('metricNameOf finds the name of a selector', () => {
  assert.equal(metricNameOf('node_load1{job="node"}'), 'node_load1');
  assert.equal(metricNameOf('  up'), 'up');
  assert.equal(metricNameOf('{__name__="foo_bytes",job="x"}'), 'foo_bytes');
  assert.equal(metricNameOf('{job="x"}'), null);
});
