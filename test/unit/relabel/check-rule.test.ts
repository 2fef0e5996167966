// A rule's fields are checked as Prometheus 2.42 checks them, with its wording; in a config file
// the error names the file, the line and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRelabelRule, type RelabelFields } from '../../../electron/engine/relabel/check-rule';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';

test('defaults: replace, separator ";", regex (.*), replacement $1', () => {
  const r = checkRelabelRule({ target_label: 'x' });
  assert.equal(r.action, 'replace');
  assert.equal(r.separator, ';');
  assert.equal(r.regex.source, '(.*)');
  assert.equal(r.replacement, '$1');
  assert.equal(r.regexIsDefault, true);
  assert.equal(checkRelabelRule({ action: 'LabelDrop', regex: 'a' }).action, 'labeldrop', 'any case');
});

test('what Prometheus refuses, refused with its words and the field at fault', () => {
  const cases: [RelabelFields, string | null, RegExp][] = [
    [{ action: 'rename' }, 'action', /^unknown relabel action "rename"$/],
    [{ action: '' }, 'action', /^relabel action cannot be empty$/],
    [{ action: 'hashmod', target_label: 'x' }, 'modulus', /requires non-zero modulus/],
    [{ action: 'replace' }, 'target_label', /replace action requires 'target_label' value/],
    [{ target_label: '1abc' }, 'target_label', /"1abc" is invalid 'target_label' for replace action/],
    [{ target_label: 'a-b' }, 'target_label', /"a-b" is invalid 'target_label'/],
    [
      { action: 'lowercase', target_label: 'a-b' },
      'target_label',
      /"a-b" is invalid 'target_label' for lowercase/,
    ],
    [
      { action: 'uppercase', target_label: 'x', replacement: 'y' },
      'replacement',
      /can not be set for uppercase/,
    ],
    [
      { action: 'hashmod', target_label: '$1', modulus: 3n },
      'target_label',
      /invalid 'target_label' for hashmod/,
    ],
    [
      { action: 'labelmap', replacement: 'a-$1' },
      'replacement',
      /"a-\$1" is invalid 'replacement' for labelmap/,
    ],
    [
      { action: 'keepequal', target_label: 'x', regex: '(.*)' },
      null,
      /requires only 'source_labels' and `target_label`/,
    ],
    [{ action: 'dropequal', target_label: 'x', separator: ',' }, null, /requires only 'source_labels'/],
    [{ action: 'labeldrop', regex: 'a', source_labels: [] }, null, /labeldrop action requires only 'regex'/],
    [{ action: 'labelkeep', regex: 'a', target_label: 'x' }, null, /labelkeep action requires only 'regex'/],
    [
      { source_labels: ['ok', '0bad'], target_label: 'x' },
      'source_labels',
      /"0bad" is not a valid label name/,
    ],
    [
      { regex: '(?=x)', target_label: 'x' },
      'regex',
      /error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`/,
    ],
    [{ regex: 'a(b', target_label: 'x' }, 'regex', /error parsing regexp: missing closing \)/],
  ];
  for (const [fields, field, msg] of cases) {
    assert.throws(
      () => checkRelabelRule(fields),
      (e: Error & { field?: string | null }) => e.field === field && msg.test(e.message),
      JSON.stringify(fields, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
  }
  // Accepted: templates in a replace's target, keepequal with only its two fields.
  checkRelabelRule({ target_label: '${1}_x', regex: '(a)' });
  checkRelabelRule({ action: 'keepequal', source_labels: ['a'], target_label: 'b', replacement: '$1' });
  // Wrapped as ^(?:re)$ before compiling, as Go does: this unbalanced text compiles.
  checkRelabelRule({ regex: 'a)|(b', target_label: 'x' });
});

test('in prometheus.yml: file, line and key; null rules and unknown fields refused', () => {
  const yml = (rules: string) =>
    `scrape_configs:\n  - job_name: j\n    static_configs: [{targets: [h:1]}]\n    relabel_configs:\n${rules}`;
  const err = (text: string) => {
    try {
      parsePrometheusConfig(text, 'p.yml');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message;
    }
    assert.fail('no error');
  };
  assert.equal(
    err(yml('      - source_labels: [a]\n        regex: "x("\n        target_label: b\n')),
    'p.yml:6: scrape_configs[j].relabel_configs[0].regex: error parsing regexp: missing closing ): `x(`',
  );
  assert.equal(
    err(yml('      - target_label: b\n      - action: Copy\n')),
    'p.yml:6: scrape_configs[j].relabel_configs[1].action: unknown relabel action "Copy"',
  );
  assert.equal(
    err(yml('      - {action: hashmod, target_label: b}\n')),
    'p.yml:5: scrape_configs[j].relabel_configs[0].modulus: relabel configuration for hashmod requires non-zero modulus',
  );
  assert.equal(
    err(yml('      - {target_label: "b c"}\n')),
    `p.yml:5: scrape_configs[j].relabel_configs[0].target_label: "b c" is invalid 'target_label' for replace action`,
  );
  assert.equal(
    err(yml('      - {sources_labels: [a], target_label: b}\n')),
    'p.yml:5: scrape_configs[j].relabel_configs[0].sources_labels: field sources_labels not found in type relabel.plain',
  );
  assert.equal(
    err(yml('      -\n')),
    'p.yml:5: scrape_configs[j].relabel_configs[0]: empty or null target relabeling rule in scrape config',
  );
  assert.match(
    err(
      'scrape_configs:\n  - job_name: j\n    static_configs: [{targets: [h:1]}]\n' +
        '    metric_relabel_configs:\n      - {action: keepequal, source_labels: [a], target_label: b, regex: x}\n',
    ),
    /^p\.yml:5: scrape_configs\[j\]\.metric_relabel_configs\[0\]: keepequal action requires only/,
  );
  // Plain scalars are read as written: 1.0 stays "1.0", and a modulus keeps all 64 bits.
  const c = parsePrometheusConfig(
    yml(
      '      - {source_labels: [a], regex: 1.0, target_label: b, replacement: 2.50}\n      - {action: hashmod, source_labels: [a], target_label: h, modulus: 18446744073709551615}\n',
    ),
    'p.yml',
  );
  const [r0, r1] = c.scrapeConfigs[0].relabelConfigs;
  assert.equal(r0.regex.source, '1.0');
  assert.equal(r0.replacement, '2.50');
  assert.equal(r1.modulus, 18446744073709551615n);
  // Null fields are Go's zero values: an empty replacement, a zero modulus.
  const nulls = parsePrometheusConfig(
    yml('      - {target_label: b, replacement: ~, modulus: ~}\n'),
    'p.yml',
  );
  assert.equal(nulls.scrapeConfigs[0].relabelConfigs[0].replacement, '');
  assert.equal(nulls.scrapeConfigs[0].relabelConfigs[0].modulus, 0n);
  assert.match(
    err(yml('      - {action: hashmod, target_label: h, modulus: -1}\n')),
    /modulus: expected an unsigned 64-bit integer, not "-1"/,
  );
});

test('a URL as a static target: refused without relabel_configs, accepted with them (blackbox)', () => {
  const job = (relabel: string) =>
    `scrape_configs:\n  - job_name: bb\n    static_configs:\n      - targets: [http://example.org/x]\n${relabel}`;
  assert.throws(
    () => parsePrometheusConfig(job(''), 'p.yml'),
    /^ConfigError: p\.yml:4: scrape_configs\[bb\]\.static_configs\[0\]\.targets: "http:\/\/example\.org\/x" is not a valid host:port$/,
  );
  const c = parsePrometheusConfig(
    job('    relabel_configs:\n      - {source_labels: [__address__], target_label: __param_target}\n'),
    'p.yml',
  );
  assert.deepEqual(c.scrapeConfigs[0].staticConfigs[0].targets, ['http://example.org/x']);
});
