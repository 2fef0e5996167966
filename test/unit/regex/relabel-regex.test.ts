// write_relabel_configs regexes are RE2 as in Prometheus 2.42: anchored ^(?:re)$, linear in time,
// and a pattern RE2 refuses is a config error naming the file, the line, the key and the pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';

function relabel(regex: string): string {
  return `remote_write:
  - url: http://127.0.0.1:9090/api/v1/write
    write_relabel_configs:
      - { action: keep, source_labels: [__name__, job], regex: '${regex}' }
`;
}

test('relabel regexes match as RE2, anchored, with . not across newlines (as 2.42)', () => {
  const [rw] = parsePrometheusConfig(relabel('go_.*;node|(?i)UP;[[:alpha:]]+'), 'p.yml').remoteWrite;
  const { regex } = rw.writeRelabel[0];
  assert.equal(regex.test('go_goroutines;node'), true);
  assert.equal(regex.test('up;Job'), true);
  assert.equal(regex.test('xgo_goroutines;node'), false);
  assert.equal(regex.test('up;job1'), false);
  const [nl] = parsePrometheusConfig(relabel('a.b'), 'p.yml').remoteWrite;
  assert.equal(nl.writeRelabel[0].regex.test('a\nb'), false);
  assert.equal(nl.writeRelabel[0].regex.test('axb'), true);
  const [s] = parsePrometheusConfig(relabel('(?s)a.b'), 'p.yml').remoteWrite;
  assert.equal(s.writeRelabel[0].regex.test('a\nb'), true);
});

test('a catastrophic relabel regex runs in linear time', () => {
  const [rw] = parsePrometheusConfig(relabel('(a|a)+'), 'p.yml').remoteWrite;
  const t0 = performance.now();
  assert.equal(rw.writeRelabel[0].regex.test(`${'a'.repeat(32)}!`), false);
  assert.ok(performance.now() - t0 < 1000);
});

test('what RE2 refuses is a config error naming where and what', () => {
  for (const [re, why] of [
    ['(?=go_)go.*', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['(?<!x)y', 'invalid named capture: `(?<!x)y`'],
  ]) {
    assert.throws(
      () => parsePrometheusConfig(relabel(re), 'p.yml'),
      (e: Error) =>
        e instanceof ConfigError &&
        e.message === `p.yml:4: remote_write[0].write_relabel_configs[0].regex: error parsing regexp: ${why}`,
      re,
    );
  }
  const huge = `(${'x'.repeat(100_000)}`;
  assert.throws(
    () => parsePrometheusConfig(relabel(huge), 'p.yml'),
    (e: Error) =>
      e instanceof ConfigError && /expression too large/.test(e.message) && e.message.length < 400,
  );
});
