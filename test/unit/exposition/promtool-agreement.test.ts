// Our verdicts beside `promtool check metrics` (Debian's 2.42). promtool parses with
// client_golang's expfmt, not the scrape parser we follow, so the two differ on a known set of
// bodies; the test pins both the agreements and each divergence. Exit codes: 0 clean, 3 lint
// problems only (parsed fine), 1 parse error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseExposition, scrapeSampleError } from '../../../shared/exposition';

const PROMTOOL = '/usr/bin/promtool';

type Verdict = 'accept' | 'reject';

/** What a Prometheus 2.42 scrape does with the body: parse, then the per-sample checks. */
function ours(body: string): Verdict {
  try {
    const { samples } = parseExposition(body, { utf8Names: false });
    return samples.every((s) => scrapeSampleError(s.name, s.labels) === null) ? 'accept' : 'reject';
  } catch {
    return 'reject';
  }
}

function promtool(body: string): Verdict {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: body, encoding: 'utf8', timeout: 10_000 });
  assert.ok(r.status === 0 || r.status === 1 || r.status === 3, `promtool exit ${r.status}: ${r.stderr}`);
  return r.status === 1 ? 'reject' : 'accept';
}

const agree: string[] = [
  'a 1\n',
  'a{} 1\n',
  'a{b="c",} 1\n',
  'a{,} 1\n',
  'a{b="c",,} 1\n',
  'a-1 2\n',
  'a 1 2\n',
  'a 1 1.5\n',
  'a 1\r\n',
  '\r\n',
  'a{b="x\\\n"} 1\n',
  "a{b='c'} 1\n",
  '9a 1\n',
  'a{1b="c"} 1\n',
  'a{b:c="d"} 1\n',
  'a Inf\n',
  'a +inf\n',
  'a nan\n',
  'a infinity\n',
  'a -nan\n',
  'a 0x10\n',
  'a 0x1p3\n',
  'a 1_0\n',
  'a 1e400\n',
  'a 1e-400\n',
  'a .5\n',
  'a 5.\n',
  'a 1 9223372036854775808\n',
  'a 1 9223372036854775807\n',
  '# HELP\n',
  '# TYPE a counter \n',
  '# TYPE a info\n',
  '# TYPE a untyped\na 1\n',
  'a 1 2 3\n',
  'a{b="c"}{d="e"} 1\n',
  'a{b="c"}1\n',
  'a\t1\n',
  '#x\na 1\n',
  'a{b="\\"\\\\\\n"} 1\n',
  'a{b="c"} 1 2x\n',
  '{a="b"} 1\n',
  'a{b="c"\n',
  'a\n',
  'a{b="c",b="d"} 1\n',
  'a 1\na 2\n',
];

// Body → promtool's verdict, which differs from the scrape parser's.
const diverge: [string, Verdict, string][] = [
  ['a{b="c"d="e"} 1\n', 'reject', 'Prometheus needs no comma between label pairs'],
  ['a 1 -2\n', 'accept', 'the Prometheus lexer takes only digits as a timestamp'],
  ['a{b="x\\ty"} 1\n', 'reject', 'Prometheus keeps unknown escapes verbatim'],
  ['a{b="x\ny"} 1\n', 'reject', 'Prometheus accepts a raw newline inside quotes'],
  ['# HELP a x\n# HELP a y\na 1\n', 'reject', 'Prometheus allows repeated HELP'],
  ['# TYPE a counter\na 1\n# TYPE a gauge\n', 'reject', 'Prometheus allows repeated or late TYPE'],
  ['# HELP x.y\n', 'reject', 'Prometheus drops the character after the name'],
  ['# HELP \n', 'accept', 'Prometheus wants a metric name after "HELP "'],
  ['# TYPE a  counter\n', 'accept', 'Prometheus keeps the second blank in the type'],
  ['a{b="",b="x"} 1\n', 'reject', 'Prometheus drops every label named like an empty one'],
  ['  a 1\n', 'accept', 'the Prometheus scrape parser keeps leading blanks in the metric name'],
];

describe('agreement with promtool check metrics', () => {
  const missing = !existsSync(PROMTOOL);
  it(
    'agrees on parse or reject for tricky bodies',
    { skip: missing && `${PROMTOOL} is not installed` },
    () => {
      for (const body of agree) assert.equal(ours(body), promtool(body), JSON.stringify(body));
    },
  );
  it(
    'differs exactly where expfmt and the scrape parser differ',
    { skip: missing && `${PROMTOOL} is not installed` },
    () => {
      for (const [body, theirs, why] of diverge) {
        assert.equal(promtool(body), theirs, `promtool on ${JSON.stringify(body)}`);
        assert.notEqual(ours(body), theirs, `${JSON.stringify(body)}: ${why}`);
      }
    },
  );
});
