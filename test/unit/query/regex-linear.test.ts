// PromQL regexes are RE2 over the real store: a catastrophic pattern in a selector or in
// label_replace answers at once (it took 37 s with JavaScript's backtracking RegExp), RE2's
// syntax is accepted and what RE2 refuses is a parse error with a short message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { PromQLParseError, QueryEngine, QueryExecutionError } from '../../../electron/engine/query';

const EVIL = `${'a'.repeat(32)}!`;

function withStore(fn: (q: QueryEngine) => void): void {
  const store = new ChunkStore(':memory:');
  try {
    const app = store.appender();
    app.append({ __name__: 'm', x: EVIL }, 1000, 1);
    app.append({ __name__: 'm', x: 'a-b' }, 1000, 2);
    app.append({ __name__: 'm', x: 'line1\nline2' }, 1000, 3);
    app.commit();
    fn(new QueryEngine(store));
  } finally {
    store.close();
  }
}

function values(r: ReturnType<QueryEngine['instant']>): number[] {
  assert.equal(r.resultType, 'vector');
  return r.resultType === 'vector' ? r.result.map((s) => s.v).sort() : [];
}

function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  assert.ok(ms < 1000, `${what} took ${ms.toFixed(0)} ms`);
  return out;
}

test('(a|a)+ against 32 a and a ! in a selector over stored series answers at once', () => {
  withStore((q) => {
    assert.deepEqual(values(timed('=~', () => q.instant('m{x=~"(a|a)+"}', 1000))), []);
    assert.deepEqual(values(timed('!~', () => q.instant('m{x!~"(a|a)+"}', 1000))), [1, 2, 3]);
    assert.deepEqual(values(timed('(a+)+!', () => q.instant('m{x=~"(a+)+!"}', 1000))), [1]);
  });
});

test('(a|a)+ in label_replace answers at once', () => {
  withStore((q) => {
    const r = timed('label_replace', () => q.instant('label_replace(m, "y", "$1", "x", "(a|a)+")', 1000));
    assert.ok(r.resultType === 'vector');
    assert.ok(r.resultType === 'vector' && r.result.every((s) => !('y' in s.labels)));
    const hit = q.instant('label_replace(m, "y", "${1}-$2", "x", "(a+)(!)")', 1000);
    assert.ok(hit.resultType === 'vector');
    assert.deepEqual(
      hit.result.filter((s) => s.labels.y).map((s) => s.labels.y),
      [`${'a'.repeat(32)}-!`],
    );
  });
});

test('RE2 syntax the old translation broke: \\- in the store, . across newlines, POSIX classes', () => {
  withStore((q) => {
    assert.deepEqual(values(q.instant('m{x=~"a\\\\-b"}', 1000)), [2]);
    assert.deepEqual(values(q.instant('m{x=~"line1.line2"}', 1000)), [3]);
    assert.deepEqual(values(q.instant('m{x=~"[[:alpha:]]+-[[:alpha:]]"}', 1000)), [2]);
    assert.deepEqual(values(q.instant('m{x=~"(?i)A-B"}', 1000)), [2]);
  });
});

test('what RE2 refuses is a parse error; a huge pattern is quoted in 100 characters', () => {
  withStore((q) => {
    for (const [re, msg] of [
      ['(?=a)', /parse error: error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`/],
      ['(a)\\\\1', /parse error: error parsing regexp: invalid escape sequence: `\\1`/],
      ['(?<!a)b', /parse error: error parsing regexp: invalid named capture/],
    ] as const) {
      assert.throws(
        () => q.instant(`m{x=~"${re}"}`, 1000),
        (e: Error) => e instanceof PromQLParseError && msg.test(e.message),
        re,
      );
    }
    const huge = 'a'.repeat(1 << 20);
    assert.throws(
      () => q.instant(`m{x=~"${huge}"}`, 1000),
      (e: Error) =>
        e instanceof PromQLParseError && /expression too large/.test(e.message) && e.message.length < 400,
    );
    assert.throws(
      () => q.instant(`label_replace(m, "y", "$1", "x", "(${huge}")`, 1000),
      (e: Error) =>
        e instanceof QueryExecutionError &&
        e.message.startsWith('invalid regular expression in label_replace(): (aaa') &&
        e.message.length < 200,
    );
  });
});
