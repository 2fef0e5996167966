import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';

test('otlp.promote_resource_attributes is read from prometheus.yml', () => {
  const c = parsePrometheusConfig(
    'otlp:\n  promote_resource_attributes: [host.name, k8s.pod.name]\n  translation_strategy: NoTranslation\n',
    'p.yml',
  );
  assert.deepEqual(c.otlp, { promoteResourceAttributes: ['host.name', 'k8s.pod.name'] });
  assert.deepEqual(c.warnings, ['p.yml:3: otlp.translation_strategy: not supported by Promdesk, ignored']);
  assert.equal(parsePrometheusConfig('global: {}\n', 'p.yml').otlp, undefined);
});

test('an empty or repeated promoted attribute is an error naming the file, line and key', () => {
  assert.throws(
    () => parsePrometheusConfig('otlp:\n  promote_resource_attributes:\n    - a\n    - a\n', 'p.yml'),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.line === 4 &&
      e.key === 'otlp.promote_resource_attributes[1]' &&
      /duplicated promoted OTel resource attribute "a"/.test(e.message),
  );
  assert.throws(
    () => parsePrometheusConfig('otlp:\n  promote_resource_attributes: [" "]\n', 'p.yml'),
    /empty promoted OTel resource attribute/,
  );
});
