// The text parser's fast path for known series texts (the scrape cache) must be invisible: a body
// parsed with a visitor that knows the texts of an earlier body gives exactly the samples (or the
// error) a plain parse gives. Property-tested over real bodies and mutations of them that keep
// most lines identical, which is what a scrape cache sees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parsePrometheusText, seriesTextHash } from '../../../shared/exposition';
import type { ExpositionVisitor } from '../../../shared/exposition';
import { sharedDir } from './helpers';

type Row = [string, string[], number, number | null, number];

/** Every sample of `body` (or the error), seen through a visitor that learns series texts. */
function parseWithCache(body: string, cache: Map<string, [string, string[]]>): Row[] | string {
  const rows: Row[] = [];
  const visitor: ExpositionVisitor = {
    sample(name, labels, value, ts, line, seriesText) {
      assert.ok(seriesText !== undefined, 'seriesText is given when known is defined');
      cache.set(seriesText, [name, labels]);
      rows.push([name, labels, value, ts, line]);
    },
    known(hash, src, start, end) {
      const text = src.slice(start, end);
      assert.equal(hash, seriesTextHash(text, 0, text.length), `hash of ${JSON.stringify(text)}`);
      return cache.get(text);
    },
    knownSample(ref, value, ts, line) {
      const [name, labels] = ref as [string, string[]];
      rows.push([name, labels, value, ts, line]);
    },
  };
  try {
    parsePrometheusText(body, visitor, { utf8Names: false });
    return rows;
  } catch (e) {
    return (e as Error).message;
  }
}

function plain(body: string): Row[] | string {
  const rows: Row[] = [];
  try {
    parsePrometheusText(
      body,
      { sample: (name, labels, value, ts, line) => rows.push([name, labels, value, ts, line]) },
      { utf8Names: false },
    );
    return rows;
  } catch (e) {
    return (e as Error).message;
  }
}

const seeds = [
  'a 1\nb{x="1"} 2\nc{x="}",y="a\\"b"} 3 1700000000000\nd {z="1"}4\n  e 5\n',
  'multi{v="line\none"} 1\nafter{q="1"} 2\n',
  'nul{a="x\u0000"} 1\nsur{a="\ud83d\ude00"} 2\nbad{a="\ud800"} 3\n',
  'x{a="1",} 1\nx{a="1"b="2"} 2\nx{ a = "1" } 3\nx{a="1"}7 8\n',
];
if (sharedDir !== null) {
  const p = path.join(sharedDir, 'samples', 'node_exporter.prom');
  if (existsSync(p)) seeds.push(readFileSync(p, 'utf8').slice(0, 6000));
}
const tokens = [...'ab_:09 \t\n{}=,"\\#.eE+-\u0000\ud800', '}', '{x="1"}', '"}"', 'NaN'];
const mutation = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...tokens)), {
  minLength: 0,
  maxLength: 3,
});

function mutate(s: string, edits: [number, number, string][]): string {
  for (const [at, kind, tok] of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (kind === 0) s = s.slice(0, i) + tok + s.slice(i);
    else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1);
    else s = s.slice(0, i) + tok + s.slice(i + 1);
  }
  return s;
}

describe('text parser: the known-series fast path', () => {
  it('gives what a plain parse gives, for bodies after related bodies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), mutation, mutation, (seed, e1, e2) => {
        const first = mutate(seed, e1);
        const second = mutate(first, e2);
        const cache = new Map<string, [string, string[]]>();
        assert.deepEqual(parseWithCache(first, cache), plain(first));
        assert.deepEqual(parseWithCache(second, cache), plain(second));
        assert.deepEqual(parseWithCache(second, cache), plain(second));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('takes the fast path for every line of an unchanged body but a "}" inside a value', () => {
    const body = seeds[0];
    const cache = new Map<string, [string, string[]]>();
    parseWithCache(body, cache);
    const slow: string[] = [];
    parsePrometheusText(
      body,
      {
        sample: (name) => slow.push(name),
        known: (_h, src, start, end) => cache.get(src.slice(start, end)),
        knownSample: () => undefined,
      },
      { utf8Names: false },
    );
    assert.deepEqual(slow, ['c']);
  });
});
