// Replacement templates expand as Go's regexp.Expand does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandTemplate } from '../../../electron/engine/relabel/template';
import { compileRelabelRegex } from '../../../electron/engine/relabel/regex';

function expand(regex: string, value: string, template: string): string {
  const re = compileRelabelRegex(regex);
  const groups = re.exec(value);
  assert.ok(groups, `${regex} matches ${value}`);
  return expandTemplate(template, groups, re.names);
}

test('$1, ${1}, named groups and $$', () => {
  const re = '(?P<host>[a-z]+)-([0-9]+)';
  assert.equal(expand(re, 'web-01', '$1'), 'web');
  assert.equal(expand(re, 'web-01', '${2}x'), '01x');
  assert.equal(expand(re, 'web-01', '${host}:$host'), 'web:web');
  assert.equal(expand(re, 'web-01', '$$1 costs $$'), '$1 costs $');
  assert.equal(expand(re, 'web-01', '$0'), 'web-01');
  assert.equal(expand('(?<n>a)(b)', 'ab', '${n}$2'), 'ab');
});

test('a name is the longest run of letters, digits and _: $1_$2 reads the group named "1_"', () => {
  assert.equal(expand('(a)(b)', 'ab', '$1_$2'), 'b');
  assert.equal(expand('(a)(b)', 'ab', '${1}_${2}'), 'a_b');
  assert.equal(expand('(a)(b)', 'ab', '$1x'), '');
  assert.equal(expand('(a)(b)', 'ab', '$1-$2'), 'a-b');
  assert.equal(expand('(a)(b)', 'ab', '$2ü$1'), 'a', 'letters beyond ASCII count as name characters');
});

test('missing, non-participating and malformed references', () => {
  assert.equal(expand('(a)', 'a', '[$7]'), '[]', 'no such group');
  assert.equal(expand('(a)|(b)', 'b', '[$1][$2]'), '[][b]', 'group 1 took no part');
  assert.equal(expand('(a)', 'a', '[$nope]'), '[]', 'no such name');
  assert.equal(expand('(a)', 'a', '$01'), '', 'a leading zero makes it a name');
  assert.equal(expand('(a)', 'a', '${1'), '${1', 'unclosed brace: the $ is text');
  assert.equal(expand('(a)', 'a', '$-$'), '$-$');
  assert.equal(expand('(a)', 'a', '${}'), '${}');
  assert.equal(expand('(a)', 'a', 'no dollar'), 'no dollar');
});
