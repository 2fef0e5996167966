import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { DEFAULT_QUEUE } from '../../../electron/engine/remote-write/sender-config';

test('queue_config: min_shards and retry_on_http_429 are read; defaults as in Prometheus 2.42', () => {
  const cfg = parsePrometheusConfig(
    `remote_write:
  - url: http://a/api/v1/write
    queue_config: { min_shards: 2, max_shards: 6, retry_on_http_429: true }
  - url: http://b/api/v1/write
  - url: http://c/api/v1/write
    queue_config: { min_shards: 9, max_shards: 3 }
`,
    'p.yml',
  );
  assert.deepEqual(cfg.warnings, []);
  const [a, b, c] = cfg.remoteWrite.map((r) => r.queue);
  assert.deepEqual([a.minShards, a.maxShards, a.retryOnHttp429], [2, 6, true]);
  assert.deepEqual([b.minShards, b.retryOnHttp429], [1, false]);
  assert.deepEqual(b, DEFAULT_QUEUE);
  assert.deepEqual([c.minShards, c.maxShards], [3, 3], 'min_shards above max_shards is lowered to it');
});
