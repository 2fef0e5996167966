// The import's repeated-series fast path (import-scan.ts) against the plain parse of the same
// OpenMetrics bodies: the same samples in the same order (values bit for bit, -0 and 17-digit
// decimals included) on every form the fast path reads or hands on, series written together or
// time by time, lines across its read blocks; and on 3000 mutated bodies it never answers where
// the plain parse fails, nor answers differently where it succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachSample } from '../../../electron/engine/scrape/parse-body';
import { scanOpenMetrics, seriesTextEnd, type ScanRange } from '../../../electron/import-scan';
import { nodeMix } from '../../helpers/node-mix';
import { tempDir } from '../../helpers/tmp';

const OM = 'application/openmetrics-text; version=1.0.0';
const T0 = 1_700_000_000;

/** A sample as both readers deliver it: series (name and labels), value bits, timestamp. */
type Row = [series: string, value: string, ms: number | null];

function bits(v: number): string {
  return Buffer.from(new Float64Array([v]).buffer).toString('hex');
}

function plain(body: Buffer): Row[] {
  const rows: Row[] = [];
  forEachSample(body, OM, (name, flat, value, ms) => {
    rows.push([name + '\u0000' + flat.join('\u0000'), bits(value), ms]);
  });
  return rows;
}

/** The scan's rows and newline count, or null when it declines (-1) or throws. */
function scanned(range: ScanRange): { rows: Row[]; lines: number } | null {
  const rows: Row[] = [];
  const series: string[] = [];
  try {
    const lines = scanOpenMetrics(range, OM, {
      parsed(name, flat, value, ms) {
        const key = name + '\u0000' + flat.join('\u0000');
        let h = series.indexOf(key);
        if (h < 0) h = series.push(key) - 1;
        rows.push([key, bits(value), ms]);
        return h;
      },
      repeat(h, value, ms) {
        rows.push([series[h], bits(value), ms]);
      },
    });
    return lines < 0 ? null : { rows, lines };
  } catch {
    return null;
  }
}

function whole(file: string): ScanRange {
  return { file, from: 0, to: readFileSync(file).length, appendEof: false };
}

function newlines(b: Buffer): number {
  let n = 0;
  for (const c of b) if (c === 10) n++;
  return n;
}

const VALUES = [
  '0',
  '1',
  '-1',
  '-0',
  '3.25',
  '0.011516780942212791',
  '-0.0052710545533336695',
  '12345678901234567890',
  '1e5',
  '1.5E-3',
  '2e+22',
  '1e23',
  '7e-30',
  '1.',
  '.5',
  '007',
  'NaN',
  '+Inf',
  '-Inf',
  '+3',
  '1e300',
  '123456789012345',
  '1234567890123456',
  '0.000000000000000000000001',
];
const TIMES = ['1700000000', '1700000000.003', '1700000000.1234567', '-12.5', '0', '1700000000.000'];

/** Series written together, then time by time, with every value and timestamp form above. */
function forms(): string {
  const lines: string[] = ['# HELP a_total A counter.', '# TYPE a_total counter'];
  const texts = [
    'a_total',
    'a_total{}',
    'a_total{x="1"}',
    'a_total{x="with space} 1 2",y="q\\"uote"}',
    'a_total{x="back\\\\slash\\n",y="#"}',
    'a_total{x="ünï cödé"}',
  ];
  for (const text of texts)
    for (let i = 0; i < VALUES.length; i++) lines.push(`${text} ${VALUES[i]} ${TIMES[i % TIMES.length]}`);
  lines.push('a_total{x="1"} 5 1700000001 # {trace="x"} 1 1700000001');
  lines.push('# TYPE b gauge', '# UNIT b seconds'.replace('b seconds', 'b_seconds seconds'));
  for (let i = 0; i < 50; i++) for (const text of texts) lines.push(`${text} ${i} ${T0 + i}`);
  lines.push('# TYPE c:colon gauge');
  for (let i = 0; i < 30; i++) lines.push(`c:colon{l="v"} ${i / 3} ${T0 + i}.5`);
  return lines.join('\n') + '\n# EOF\n';
}

test('the fast path delivers what the plain parse delivers, on every form', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'forms.om');
    writeFileSync(file, forms());
    const body = readFileSync(file);
    const got = scanned(whole(file));
    assert.ok(got !== null);
    assert.deepEqual(got.rows, plain(body));
    assert.equal(got.lines, newlines(body));
    // Without the final newline, and as a range with "# EOF" appended.
    writeFileSync(file, body.subarray(0, body.length - 1));
    assert.deepEqual(scanned(whole(file))?.rows, plain(body));
    const cut = body.indexOf('# TYPE b gauge');
    writeFileSync(file, body);
    const part = scanned({ file, from: 0, to: cut, appendEof: true });
    assert.deepEqual(part?.rows, plain(Buffer.concat([body.subarray(0, cut), Buffer.from('# EOF\n')])));
    assert.equal(part?.lines, newlines(body.subarray(0, cut)));
    const tail = scanned({ file, from: cut, to: body.length, appendEof: false });
    assert.deepEqual(tail?.rows, plain(body.subarray(cut)));
  } finally {
    dir.remove();
  }
});

test('real data across read blocks, written series by series and time by time, and a 2 MB line', () => {
  const dir = tempDir();
  try {
    const mix = nodeMix(40, 3);
    const grouped: string[] = [];
    const timed: string[] = [];
    const text = (s: (typeof mix)[number]) =>
      s.labels.__name__ +
      '{' +
      Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(',') +
      '}';
    for (const s of mix)
      for (let i = 0; i < 1000; i++) grouped.push(`${text(s)} ${s.next()} ${T0 + i * 15}.00${i % 10}`);
    for (let i = 0; i < 1000; i++)
      for (const s of mix) timed.push(`${text(s)} ${s.next()} ${T0 + i * 15}.${i % 1000}`);
    const big = `big{v="${'x'.repeat(2 << 20)}"} 1 ${T0}`;
    for (const [name, lines] of [
      ['grouped', grouped],
      ['timed', timed],
      ['big', [...grouped.slice(0, 5000), big, big.replace(' 1 ', ' 2 '), ...grouped.slice(5000)]],
    ] as const) {
      const file = join(dir.path, `${name}.om`);
      writeFileSync(file, lines.join('\n') + '\n# EOF\n');
      const body = readFileSync(file);
      assert.ok(body.length > 2 << 20, `${name}: spans several read blocks`);
      const got = scanned(whole(file));
      assert.ok(got !== null, name);
      assert.equal(got.lines, newlines(body), name);
      assert.deepEqual(got.rows, plain(body), name);
    }
  } finally {
    dir.remove();
  }
});

test('series text ends where the parser ends it', () => {
  const at = (s: string) => seriesTextEnd(Buffer.from(s + '\n'), 0);
  assert.equal(at('a 1 2'), 1);
  assert.equal(at('a{} 1 2'), 3);
  assert.equal(at('a{x="} 1"} 2 3'), 10);
  assert.equal(at('a{x="\\"} 1"} 2 3'), 12);
  for (const bad of [
    '{x="1"} 1',
    'a{x="1",} 1',
    'a{x=1} 1',
    'a{x="1"}1',
    'a-b 1',
    ' a 1',
    'a{x="1\n"} 1',
    '1a 1',
  ])
    assert.equal(at(bad), -1, bad);
});

/** Deterministic pseudo-random numbers (a mutated body must be the same on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

test('mutated bodies: the fast path never answers where the plain parse fails, nor differently', () => {
  const dir = tempDir();
  try {
    const lines: string[] = ['# TYPE m_total counter'];
    for (let i = 0; i < 12; i++)
      for (const x of ['1', '2']) lines.push(`m_total{x="${x}",y="a b"} ${i * 1.5} ${T0 + i}.25`);
    lines.push('# TYPE g gauge');
    for (let i = 0; i < 12; i++) lines.push(`g ${-i}e-3 ${T0 + i}`);
    const base = lines.join('\n') + '\n# EOF\n';
    const alphabet = ' {}",=\\#.-+e0123456789\nxa_:E\u00e9';
    const rnd = random(17);
    const file = join(dir.path, 'm.om');
    let answered = 0;
    let failed = 0;
    for (let n = 0; n < 3000; n++) {
      let body = base;
      for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) {
        const i = Math.floor(rnd() * body.length);
        const op = rnd();
        const c = alphabet[Math.floor(rnd() * alphabet.length)];
        if (op < 0.5) body = body.slice(0, i) + c + body.slice(i + 1);
        else if (op < 0.75) body = body.slice(0, i) + c + body.slice(i);
        else body = body.slice(0, i) + body.slice(i + 1);
      }
      writeFileSync(file, body);
      const bytes = readFileSync(file);
      let want: Row[] | null = null;
      try {
        want = plain(bytes);
      } catch {
        failed++;
      }
      const got = scanned(whole(file));
      if (got === null) continue;
      answered++;
      assert.ok(want !== null, `the fast path answered where the parse fails:\n${body}`);
      assert.deepEqual(got.rows, want, body);
      assert.equal(got.lines, newlines(bytes));
    }
    assert.ok(answered > 500 && failed > 500, `answered ${answered}, plain failures ${failed}`);
  } finally {
    dir.remove();
  }
});
