import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { snappyEncode } from '../../../electron/engine/remote-write/snappy-encode';
import { encodeLabels, encodeWriteRequest } from '../../../electron/engine/remote-write/proto-write';
import { decodeWriteRequest, snappyDecode } from '../../helpers/remote-write-decode';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';

test('snappy encoder round-trips through the decoder (random, repetitive, empty, >64 KiB)', () => {
  const inputs = [
    new Uint8Array(0),
    randomBytes(1000),
    new TextEncoder().encode('up{job="a",instance="b"} 1\n'.repeat(5000)),
    Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251),
  ];
  for (const src of inputs) {
    const enc = snappyEncode(src);
    assert.deepEqual(snappyDecode(enc, src.length + 1), new Uint8Array(src));
  }
  const repetitive = new TextEncoder().encode('abcdefgh'.repeat(10_000));
  assert.ok(snappyEncode(repetitive).length < repetitive.length / 10);
});

test('WriteRequest encoding decodes back; concatenated requests merge; stale and negative timestamps', () => {
  const a = encodeWriteRequest([
    {
      labels: encodeLabels([
        ['__name__', 'up'],
        ['job', 'x'],
      ]),
      samples: [
        { t: 1_700_000_000_123, v: 1.5, stale: false },
        { t: -5, v: 0, stale: true },
      ],
    },
  ]);
  const b = encodeWriteRequest([
    { labels: encodeLabels([['__name__', 'b']]), samples: [{ t: 7, v: -2, stale: false }] },
  ]);
  const joined = new Uint8Array([...a, ...b]);
  const wr = decodeWriteRequest(joined);
  assert.equal(wr.series.length, 2);
  assert.deepEqual(wr.series[0].labels, ['__name__', 'up', 'job', 'x']);
  assert.deepEqual(wr.series[0].t, [1_700_000_000_123, -5]);
  assert.equal(wr.series[0].v[0], 1.5);
  assert.deepEqual(wr.series[0].stale, [1]);
  assert.deepEqual(wr.series[1].v, [-2]);
});

test('remote_write config: auth, relabel, queue_config, warnings and errors', () => {
  const cfg = parsePrometheusConfig(
    `remote_write:
  - url: http://127.0.0.1:9090/api/v1/write
    remote_timeout: 5s
    basic_auth: { username: u, password: p }
    write_relabel_configs:
      - { action: drop, source_labels: [__name__], regex: 'go_.*' }
    queue_config: { capacity: 100, max_shards: 2, max_samples_per_send: 50, batch_send_deadline: 1s, min_backoff: 10ms, max_backoff: 1s, promdesk_max_age: 1h, bogus: 1 }
    metadata_config: { send: false }
  - url: https://example.org/push
    authorization: { credentials: tok }
`,
    'p.yml',
  );
  assert.equal(cfg.remoteWrite.length, 2);
  const [a, b] = cfg.remoteWrite;
  assert.equal(a.remoteTimeoutMs, 5000);
  assert.deepEqual(a.basicAuth, { username: 'u', password: 'p' });
  assert.equal(a.writeRelabel[0].action, 'drop');
  assert.ok(a.writeRelabel[0].regex.test('go_goroutines'));
  assert.ok(!a.writeRelabel[0].regex.test('xgo_goroutines'));
  assert.deepEqual(
    [
      a.queue.maxShards,
      a.queue.maxSamplesPerSend,
      a.queue.batchSendDeadlineMs,
      a.queue.minBackoffMs,
      a.queue.maxBackoffMs,
      a.queue.maxAgeMs,
    ],
    [2, 50, 1000, 10, 1000, 3600_000],
  );
  assert.equal(b.bearerToken, 'tok');
  assert.ok(cfg.warnings.some((w) => w.includes('queue_config.bogus')));
  assert.ok(cfg.warnings.some((w) => w.includes('metadata_config')));
  assert.ok(!cfg.warnings.some((w) => w.includes('remote_write:')));
  assert.throws(
    () => parsePrometheusConfig('remote_write:\n  - remote_timeout: 1s\n', 'p.yml'),
    /url: is required/,
  );
  assert.throws(
    () =>
      parsePrometheusConfig(
        'remote_write:\n  - url: http://x/\n    write_relabel_configs: [{ action: replace, source_labels: [a] }]\n',
        'p.yml',
      ),
    /^ConfigError: p\.yml:3: remote_write\[0\]\.write_relabel_configs\[0\]\.target_label: relabel configuration for replace action requires 'target_label' value$/,
  );
});
