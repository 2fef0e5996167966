// Each action and quirk of Prometheus 2.42's relabel.Process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relabel, relabelSteps } from '../../../electron/engine/relabel/apply';
import { checkRelabelRule, type RelabelFields } from '../../../electron/engine/relabel/check-rule';
import { hashMod } from '../../../electron/engine/relabel/hashmod';
import { goToLower, goToUpper } from '../../../electron/engine/relabel/go-case';

const run = (labels: Record<string, string>, ...rules: RelabelFields[]) =>
  relabel(
    labels,
    rules.map((r) => checkRelabelRule(r)),
  );

test('replace: anchored match, groups, empty result deletes, invalid expanded name deletes the written one', () => {
  const l = { host: 'web-01.eu', a: 'x' };
  assert.deepEqual(
    run(l, { source_labels: ['host'], regex: 'web-([0-9]+)', target_label: 'n' }),
    l,
    'anchored: no match',
  );
  assert.deepEqual(run(l, { source_labels: ['host'], regex: 'web-([0-9]+)\\..*', target_label: 'n' }), {
    ...l,
    n: '01',
  });
  assert.deepEqual(
    run(l, { source_labels: ['nope'], target_label: 'a' }),
    { host: 'web-01.eu' },
    'empty value deletes',
  );
  assert.deepEqual(
    run(l, { source_labels: ['host'], regex: '(.*)', target_label: '${1}', replacement: 'v' }),
    l,
    'expanded name "web-01.eu" is invalid: the label named "${1}" is deleted (there is none)',
  );
  assert.deepEqual(
    run(l, { source_labels: ['host'], regex: '([a-z]+).*', target_label: 'by_${1}', replacement: '$1' }),
    { ...l, by_web: 'web' },
  );
  assert.deepEqual(
    run(l, {
      source_labels: ['host', 'a'],
      separator: '|',
      regex: '(.*)\\|(.*)',
      target_label: 'j',
      replacement: '$2-$1',
    }),
    { ...l, j: 'x-web-01.eu' },
  );
  assert.deepEqual(
    run({ m: 'a\nb' }, { source_labels: ['m'], regex: 'a.b', target_label: 't', replacement: 'y' }),
    {
      m: 'a\nb',
    },
    '`.` does not match a newline in 2.42',
  );
  assert.deepEqual(
    run({ m: 'a\nb' }, { source_labels: ['m'], target_label: 'copy' }),
    { m: 'a\nb' },
    'not even the default (.*): a value with a newline is not copied',
  );
  assert.deepEqual(run({ m: 'a\nb' }, { source_labels: ['m'], regex: '(?s)(.*)', target_label: 'copy' }), {
    m: 'a\nb',
    copy: 'a\nb',
  });
  assert.equal(run({ m: 'a\nb' }, { action: 'keep', source_labels: ['m'], regex: 'a.b|x' }), null);
  assert.deepEqual(run({ m: 'a\nb' }, { action: 'keep', source_labels: ['m'], regex: 'a\nb' }), {
    m: 'a\nb',
  });
});

test('keep, drop, keepequal, dropequal (two missing labels are equal)', () => {
  const l = { a: 'x', b: 'x', c: 'y' };
  assert.equal(run(l, { action: 'keep', source_labels: ['c'], regex: 'x' }), null);
  assert.deepEqual(run(l, { action: 'keep', source_labels: ['a', 'c'], regex: 'x;y' }), l);
  assert.equal(run(l, { action: 'drop', source_labels: ['a'], regex: '(?i)X' }), null);
  assert.deepEqual(run(l, { action: 'drop', source_labels: ['a'], regex: 'x.' }), l);
  assert.deepEqual(run(l, { action: 'keepequal', source_labels: ['a'], target_label: 'b' }), l);
  assert.equal(run(l, { action: 'keepequal', source_labels: ['a'], target_label: 'c' }), null);
  assert.equal(run(l, { action: 'dropequal', source_labels: ['a'], target_label: 'b' }), null);
  assert.equal(
    run(l, { action: 'dropequal', source_labels: ['m1'], target_label: 'm2' }),
    null,
    'both missing',
  );
  assert.deepEqual(run(l, { action: 'keepequal', source_labels: ['m1'], target_label: 'm2' }), l);
});

test('hashmod: MD5, last 8 bytes big-endian, any uint64 modulus (values from Prometheus 2.42)', () => {
  assert.equal(hashMod('127.0.0.1:9101', 4294967291n), '1458756199');
  assert.equal(hashMod('127.0.0.1:9110', 4294967291n), '4039898880');
  assert.equal(hashMod('127.0.0.1:9103', 18446744073709551615n), '6168899993907942513');
  assert.equal(hashMod('127.0.0.1:9104', 18446744073709551615n), '14550851261671045205');
  assert.deepEqual(
    run(
      { __address__: '127.0.0.1:9101' },
      { action: 'hashmod', source_labels: ['__address__'], target_label: 'h', modulus: 4294967291n },
    ),
    { __address__: '127.0.0.1:9101', h: '1458756199' },
  );
});

test('labelmap in name order (the later of two mapped onto one name wins), labeldrop, labelkeep', () => {
  const l = { __meta_tag_a_dup: 'first', __meta_tag_b_dup: 'second', __meta_tag_Env: 'prod', team: 'p' };
  assert.deepEqual(run(l, { action: 'labelmap', regex: '__meta_tag_[ab]_(dup)' }), { ...l, dup: 'second' });
  assert.deepEqual(run(l, { action: 'labelmap', regex: '__meta_tag_(E)(nv)', replacement: '${2}_$1' }), {
    ...l,
    nv_E: 'prod',
  });
  assert.deepEqual(run(l, { action: 'labeldrop', regex: '__meta_.*' }), { team: 'p' });
  assert.deepEqual(run(l, { action: 'labelkeep', regex: '.*Env|team' }), {
    __meta_tag_Env: 'prod',
    team: 'p',
  });
});

test('lowercase and uppercase as Go: one code point to one ("ß" stays), a missing source deletes', () => {
  assert.equal(goToUpper('Hauptstraße'), 'HAUPTSTRAßE');
  assert.equal(goToLower('ΟΔΟΣ'), 'οδοσ', 'no final sigma');
  assert.equal(goToLower('İ'), 'i');
  assert.deepEqual(run({ R: 'EU-West' }, { action: 'lowercase', source_labels: ['R'], target_label: 'r' }), {
    R: 'EU-West',
    r: 'eu-west',
  });
  assert.deepEqual(run({ z: 'A' }, { action: 'uppercase', source_labels: ['none'], target_label: 'z' }), {});
});

test("relabelSteps shows each rule's labels and stops at the rule that dropped them", () => {
  const rules = [
    checkRelabelRule({ target_label: 'a', replacement: '1' }),
    checkRelabelRule({ action: 'drop', source_labels: ['a'], regex: '1' }),
    checkRelabelRule({ target_label: 'b', replacement: '2' }),
  ];
  assert.deepEqual(relabelSteps({ x: 'y' }, rules), [
    { rule: 0, labels: { x: 'y', a: '1' } },
    { rule: 1, labels: null },
  ]);
});
