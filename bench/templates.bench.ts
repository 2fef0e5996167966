// Alert templates: expansions per second for typical annotations, and random templates
// (functions, printf formats, pipelines, control structures, errors) expanded by the engine and
// by Debian's promtool 2.42 side by side, with how many agree.
// `npm run bench templates` (ROUNDS=n for more random batches).
import { performance } from 'node:perf_hooks';
import { alertTemplateParseError, expandAlertText } from '../shared/templates/expand';
import { havePromtool, promtoolExpand } from '../test/unit/templates/promtool-templates';

const labels = { __name__: 'm', instance: 'host.example.com:9100', job: 'node' };
const ctx = (value: number) => ({
  timeMs: 60_000,
  externalURL: '',
  query: (q: string) => (q === 'm' ? [{ labels, value }] : []),
});
const data = (value: number) => ({ labels, externalLabels: {}, externalURL: '', value });

// --- speed ----------------------------------------------------------------------------------

const TYPICAL = [
  '{{ $labels.instance }} has been down for more than 5 minutes.',
  'Disk {{ $labels.mountpoint }} on {{ $labels.instance }} is {{ $value | humanizePercentage }} full.',
  '{{ printf "%.2f" $value }}% CPU on {{ $labels.instance | reReplaceAll ":.*" "" }}',
  '{{ range query "m" }}{{ .Labels.instance }}={{ .Value | humanize }} {{ end }}',
];
const N = 20_000;
for (const t of TYPICAL) expandAlertText('A', t, data(0.93), ctx(0.93));
const t0 = performance.now();
for (let i = 0; i < N; i++) expandAlertText('A', TYPICAL[i % TYPICAL.length], data(i), ctx(i));
const ms = performance.now() - t0;
console.log(
  `typical annotations: ${Math.round((N / ms) * 1000)} expansions/s (${((ms * 1000) / N).toFixed(1)} µs each)`,
);

// --- random templates against promtool ---------------------------------------------------------

let seed = Number(process.env.SEED ?? 42);
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)];

const LITERALS = [
  '0',
  '1',
  '-3',
  '42',
  '1000',
  '1.5',
  '0.000123',
  '1e3',
  '-2.5',
  '123456.789',
  "'a'",
  '0x10',
  'true',
  'false',
];
const STRINGS = [
  '""',
  '"a"',
  '"node"',
  '"x y"',
  '"1e3"',
  '"0.5"',
  '"héllo"',
  '"<b>&\'"',
  '"Inf"',
  '"host:80"',
  '"a.b.c:1"',
  '"5m"',
];
const OPERANDS = [
  'nil',
  '.',
  '$',
  '$value',
  '$labels.job',
  '$labels.nope',
  '$labels',
  '.Value',
  '.Labels.instance',
  '$externalURL',
  '(args 1 "a")',
];
const FORMATS = [
  '"%v"',
  '"%d"',
  '"%s"',
  '"%.2f"',
  '"%5.1f|%-4v|"',
  '"%q"',
  '"%x"',
  '"%g %e"',
  '"%T"',
  '"%08.3f"',
  '"%+d"',
  '"%v %v"',
  '"%.3g%%"',
  '"%t"',
  '"%6s|%-6s|"',
];
const FUNCS: [string, number][] = [
  ['humanize', 1],
  ['humanize1024', 1],
  ['humanizeDuration', 1],
  ['humanizePercentage', 1],
  ['humanizeTimestamp', 1],
  ['len', 1],
  ['not', 1],
  ['toUpper', 1],
  ['toLower', 1],
  ['title', 1],
  ['stripPort', 1],
  ['stripDomain', 1],
  ['urlquery', 1],
  ['html', 1],
  ['js', 1],
  ['print', 2],
  ['println', 1],
  ['eq', 2],
  ['ne', 2],
  ['lt', 2],
  ['ge', 2],
  ['and', 2],
  ['or', 2],
  ['index', 2],
  ['slice', 2],
  ['match', 2],
  ['reReplaceAll', 3],
  ['toTime', 1],
  ['parseDuration', 1],
  ['graphLink', 1],
  ['args', 2],
  ['safeHtml', 1],
];

function operand(depth: number): string {
  const r = rand(10);
  if (r < 3) return pick(LITERALS);
  if (r < 5) return pick(STRINGS);
  if (r < 7 || depth <= 0) return pick(OPERANDS);
  return `(${pipeline(depth - 1)})`;
}

function command(depth: number, piped: boolean): string {
  if (rand(6) === 0)
    return `printf ${pick(FORMATS)}${piped ? '' : ' ' + operand(depth)}${rand(2) ? ' ' + operand(depth) : ''}`;
  if (rand(8) === 0)
    return pick([
      'query "m" | first | value',
      'query "m" | first | label "job"',
      'query "none" | first',
      'len (query "m")',
    ]);
  const [name, arity] = pick(FUNCS);
  const n = piped ? arity - 1 : arity;
  const args = Array.from({ length: n }, () => operand(depth));
  return [name, ...args].join(' ');
}

function pipeline(depth: number): string {
  let p = rand(3) === 0 ? operand(depth) : command(depth, false);
  const stages = rand(3);
  for (let i = 0; i < stages; i++) p += ` | ${command(depth, true)}`;
  return p;
}

function action(): string {
  switch (rand(9)) {
    case 0:
      return `{{ if ${pipeline(1)} }}yes{{ else if ${pipeline(0)} }}maybe{{ else }}no{{ end }}`;
    case 1:
      return `{{ range $k, $v := ${pick(['$labels', '(args 1 "a")', '(query "m")', operand(1)])} }}{{ if eq $k ${pick(['"job"', '1', '0'])} }}{{ ${pick(['break', 'continue'])} }}{{ end }}{{ $k }}={{ $v }};{{ else }}empty{{ end }}`;
    case 2:
      return `{{ with ${pipeline(1)} }}[{{ . }}]{{ else }}none{{ end }}`;
    case 3:
      return `{{ $x := ${pipeline(1)} }}{{ $x }}|{{ $x = ${operand(0)} }}{{ $x | ${command(0, true)} }}`;
    case 4:
      return `{{ define "d${rand(1000)}" }}<{{ . }}>{{ ${pipeline(0)} }}{{ end }}`;
    case 5:
      return `{{${pick(['- ', ' '])}${pipeline(1)}${pick([' -', ' '])}}}`;
    case 6:
      return `{{/* ${pick(['c', 'x y'])} */}}`;
    default:
      return `{{ ${pipeline(2)} }}`;
  }
}

function template(): string {
  const parts: string[] = [];
  const n = 1 + rand(3);
  for (let i = 0; i < n; i++) parts.push(pick(['', ' ', '\n', ' text\n  ', '\t', 'é ']), action());
  return parts.join('');
}

if (!havePromtool) {
  console.log('random templates vs promtool: skipped (no /usr/bin/promtool)');
} else {
  const rounds = Number(process.env.ROUNDS ?? 10);
  const values = ['1234567', '0.25', '-3', 'NaN'];
  let same = 0;
  let total = 0;
  let skipped = 0;
  let parseErrors = 0;
  let execErrors = 0;
  const diffs: string[] = [];
  const t1 = performance.now();
  for (let round = 0; round < rounds; round++) {
    const value = values[round % values.length];
    const v = Number(value);
    const all = Array.from({ length: 60 }, template);
    // Parse errors are compared through promtool's load errors in a batch of their own.
    const parses = all.filter((t) => alertTemplateParseError('A', t) === undefined);
    const broken = all.filter((t) => !parses.includes(t));
    parseErrors += broken.length;
    const theirs = promtoolExpand({ labels, value, templates: parses });
    const theirErrors = broken.length ? promtoolExpand({ labels, value, templates: broken }) : [];
    const compare = (t: string, mine: string, got: string) => {
      // Pointers print as addresses in Go: nothing to compare.
      if (/0xc[0-9a-f]{5,}/.test(got)) {
        skipped++;
        return;
      }
      total++;
      if (got.startsWith('<error expanding')) execErrors++;
      if (mine === got) same++;
      else if (diffs.length < 20)
        diffs.push(`${t}\n    promtool: ${JSON.stringify(got)}\n    engine:   ${JSON.stringify(mine)}`);
    };
    parses.forEach((t, i) => compare(t, expandAlertText('A', t, data(v), ctx(v)), theirs[i]));
    broken.forEach((t, i) => compare(t, `PARSE: ${alertTemplateParseError('A', t)}`, theirErrors[i]));
  }
  const secs = ((performance.now() - t1) / 1000).toFixed(1);
  console.log(
    `random templates vs promtool 2.42: ${same}/${total} the same (${parseErrors} parse errors, ${execErrors} execution errors among them; ${skipped} skipped: Go pointer addresses) in ${secs} s`,
  );
  for (const d of diffs) console.log(`  ${d}`);
}
