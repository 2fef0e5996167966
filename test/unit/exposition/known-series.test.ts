// The text parser's fast path for known series texts (the scrape cache) must be invisible: a body
// parsed with a visitor that knows the texts of an earlier body gives exactly the samples (or the
// error) a plain parse gives. Property-tested over real bodies and mutations of them that keep
// most lines identical, which is what a scrape cache sees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MetaBlocks, parsePrometheusText } from '../../../shared/exposition';
import type { ExpositionVisitor } from '../../../shared/exposition';
import { sharedDir } from './helpers';

type Row = [string, string[], number, number | null, number] | [string, string, string, number];

/** Every HELP, TYPE and comment line, as rows beside the samples. */
function metaRows(rows: Row[]): Pick<ExpositionVisitor, 'help' | 'type' | 'comment'> {
  return {
    help: (name, text, line) => rows.push(['help', name, text, line]),
    type: (name, type, line) => rows.push(['type', name, type, line]),
    comment: (text, line) => rows.push(['comment', '', text, line]),
  };
}

/**
 * Every sample of `body` (or the error), through a visitor that learns series texts and then
 * claims, at each line, a known text the line starts with — the longest or the shortest, to
 * test the parser's own check of where the text ends, not just the scrape cache's choice.
 */
function parseWithCache(
  body: string,
  cache: Map<string, [string, string[]]>,
  longest: boolean,
  metaBlocks: MetaBlocks,
  utf8Names = false,
): Row[] | string {
  const rows: Row[] = [];
  let matched: [string, string[]] | undefined;
  const visitor: ExpositionVisitor = {
    ...metaRows(rows),
    metaBlocks,
    sample(name, labels, value, ts, line, seriesText) {
      if (seriesText !== undefined) cache.set(seriesText, [name, labels]);
      rows.push([name, labels, value, ts, line]);
    },
    known(src, start) {
      let best = -1;
      for (const [text, entry] of cache) {
        if (!src.startsWith(text, start)) continue;
        if (best < 0 || (longest ? text.length > best : text.length < best)) {
          best = text.length;
          matched = entry;
        }
      }
      return best;
    },
    knownSample(value, ts, line) {
      const [name, labels] = matched!;
      rows.push([name, labels, value, ts, line]);
    },
  };
  try {
    parsePrometheusText(body, visitor, { utf8Names });
    return rows;
  } catch (e) {
    return (e as Error).message;
  }
}

function plain(body: string, utf8Names = false): Row[] | string {
  const rows: Row[] = [];
  try {
    parsePrometheusText(
      body,
      {
        ...metaRows(rows),
        sample: (name, labels, value, ts, line) => rows.push([name, labels, value, ts, line]),
      },
      { utf8Names },
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
  '# HELP a A \\ text\\n.\n# TYPE a counter\na 1\n# comment\n#x\n  # indented\n\n# TYPE b gauge\nb 2\n',
  '# HELP "q.x" quoted\n# TYPE "q.x" gauge\n{"q.x"} 1\n# HELP c C\n# TYPE c untyped\n# TYPE  c gauge\nc 3\n',
  '# HELP h \ud83d\ude00 \ud800\n# TYPE h histogram\n# HELP n nul\u0000here\n#TYPE z\u0000\n# HELP\n# TYPE x  gauge\n',
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
        for (const longest of [true, false]) {
          for (const utf8Names of [false, true]) {
            const cache = new Map<string, [string, string[]]>();
            const blocks = new MetaBlocks();
            assert.deepEqual(
              parseWithCache(first, cache, longest, blocks, utf8Names),
              plain(first, utf8Names),
            );
            assert.deepEqual(
              parseWithCache(second, cache, longest, blocks, utf8Names),
              plain(second, utf8Names),
            );
            assert.deepEqual(
              parseWithCache(second, cache, longest, blocks, utf8Names),
              plain(second, utf8Names),
            );
            // The memory of one setting read with the other (a run with a quoted name is never kept).
            const fresh = new Map<string, [string, string[]]>();
            assert.deepEqual(
              parseWithCache(first, fresh, longest, blocks, !utf8Names),
              plain(first, !utf8Names),
            );
          }
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('takes the fast path for every line of an unchanged body', () => {
    const body = 'a 1\nb{x="1"} 2\nc{x="}",y="a\\"b"} 3 1700000000000\nd {z="1"}4\n  e 5\nm{v="x\ny"} 6\n';
    const cache = new Map<string, [string, string[]]>();
    parseWithCache(body, cache, true, new MetaBlocks());
    const slow: string[] = [];
    parsePrometheusText(
      body,
      {
        sample: (name) => slow.push(name),
        known: (src, start) => {
          for (const text of cache.keys()) if (src.startsWith(text, start)) return text.length;
          return -1;
        },
        knownSample: () => undefined,
      },
      { utf8Names: false },
    );
    // Only the label value spanning two lines is never known (the fast path counts no lines).
    assert.deepEqual(slow, ['m']);
  });
});

/** MetaBlocks counting the runs it found again. */
class CountingBlocks extends MetaBlocks {
  hits = 0;
  override match(src: string, start: number): ReturnType<MetaBlocks['match']> {
    const events = super.match(src, start);
    if (events !== undefined) this.hits++;
    return events;
  }
}

describe('text parser: runs of HELP / TYPE lines from the last body', () => {
  it('replay what a plain parse gives on real exporter bodies, changed or not', () => {
    if (sharedDir === null) return;
    for (const file of ['node_exporter.prom', 'prometheus-server.prom']) {
      const p = path.join(sharedDir, 'samples', file);
      if (!existsSync(p)) continue;
      // The first 800 lines (the test's `known` tries every text it has learnt).
      const lines = readFileSync(p, 'utf8').split('\n').slice(0, 800);
      const body = lines.join('\n') + '\n';
      // The next body: a family gone, one added, a HELP text changed, the values changed.
      const changed = [
        ...lines.slice(0, 3),
        ...lines.slice(12, 40),
        '# HELP added_metric Added.',
        '# TYPE added_metric gauge',
        'added_metric 1',
        ...lines
          .slice(40)
          .map((l) =>
            l.startsWith('# HELP') && l.length % 7 === 0
              ? l + ' (changed)'
              : l.replace(/ ([0-9.e+-]+)$/, ' 42'),
          ),
      ].join('\n');
      const blocks = new CountingBlocks();
      const cache = new Map<string, [string, string[]]>();
      for (const b of [body, body, changed, changed, body]) {
        assert.deepEqual(parseWithCache(b, cache, true, blocks), plain(b));
      }
      assert.ok(blocks.hits > 0);
    }
  });

  it('takes every run of an unchanged body from the last one', () => {
    const body = '# HELP a A.\n# TYPE a gauge\na 1\n# HELP b B.\n# TYPE b counter\n# x\nb 2\n#end\n';
    const blocks = new CountingBlocks();
    const rows: Row[] = [];
    for (let k = 0; k < 2; k++) {
      parsePrometheusText(body, { ...metaRows(rows), sample: () => undefined, metaBlocks: blocks });
    }
    assert.equal(blocks.hits, 3);
    assert.deepEqual(rows.slice(0, rows.length / 2), rows.slice(rows.length / 2));
  });
});
