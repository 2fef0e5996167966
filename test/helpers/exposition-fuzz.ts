// Generators for fuzzing the exposition parsers (shared/exposition), shared by the unit fuzz
// test and bench/fuzz.bench.ts: token soup, and real bodies (the samples and the OpenMetrics
// suite beside the checkout, where present) with a few edits.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpositionError, parseExposition } from '../../shared/exposition';
import type { ParseExpositionOptions } from '../../shared/exposition';
import { editedSeeds, tokenSoup } from './fuzz-edits';

const sharedDir: string | null = (() => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
  return existsSync(dir) ? dir : null;
})();

export const MODES: [string, ParseExpositionOptions][] = [
  ['text', {}],
  ['text 2.42', { utf8Names: false }],
  ['OpenMetrics strict', { format: 'openmetrics' }],
  ['OpenMetrics scrape mode', { format: 'openmetrics', strict: false, utf8Names: false }],
];

/** Parses and returns null, or the ExpositionError; anything else fails the property. */
export function judge(body: string, options: ParseExpositionOptions): ExpositionError | null {
  try {
    const r = parseExposition(body, options);
    // What came out is well formed.
    for (const s of r.samples) {
      assert.equal(typeof s.name, 'string');
      assert.equal(s.labels.length % 2, 0);
      assert.ok(s.timestampMs === null || Number.isFinite(s.timestampMs));
    }
    return null;
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e;
    assert.ok(e.line >= 1 && e.column >= 1, `bad position in ${e.message}`);
    assert.ok(e.text.length <= 201);
    return e;
  }
}

// Seeds: the real samples (first 4 KB each), the suite's bodies, and small hand-made ones.
export const seeds: string[] = [
  '# HELP a_total Help \\n text.\n# TYPE a_total counter\na_total{x="1",y="a\\"b"} 1.5e3 1700000000000\n',
  '# TYPE h histogram\nh_bucket{le="1"} 1 # {t="x"} 0.5 1.5\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 3\n# EOF\n',
  '{"my.metric","a.b"="1"} 1\n# HELP "my.metric" x\n# EOF\n',
];
if (sharedDir !== null) {
  for (const f of ['prometheus-server.prom', 'node_exporter.prom']) {
    const p = path.join(sharedDir, 'samples', f);
    if (existsSync(p)) seeds.push(readFileSync(p, 'utf8').slice(0, 4096));
  }
  const suite = path.join(sharedDir, 'conformance', 'openmetrics');
  if (existsSync(suite)) {
    for (const d of readdirSync(suite).sort()) {
      const m = path.join(suite, d, 'metrics');
      if (existsSync(m)) seeds.push(readFileSync(m, 'utf8'));
    }
  }
}

const ALPHABET = 'ab_:09 \t\n\r{}=,"\\#.eE+-xpInfNaHELPTYPEUNITEOF\u0000\u00e9\ud83d\ude00\ud800';
export const tokens = [
  ...ALPHABET,
  '# EOF',
  '# HELP ',
  '# TYPE ',
  '# UNIT ',
  ' # {',
  'le="+Inf"',
  '_total',
  '_bucket',
  'NaN',
  '"a.b"',
  '\\"',
  '\\n',
];
export const randomBody = tokenSoup(tokens, 80);

export const mutated = editedSeeds(seeds, tokens, { maxEdits: 4, repeat: 40 });
