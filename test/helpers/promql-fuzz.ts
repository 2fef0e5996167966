// Generators for fuzzing the PromQL parser: token soup from PromQL's whole vocabulary, real
// queries with a few edits, and pathological shapes (deep nesting, long operator chains, long
// names and strings) whose time must stay in proportion to their length.
import fc from 'fast-check';
import { editedSeeds, tokenSoup } from './fuzz-edits';

export const SEED_QUERIES = [
  'up',
  'rate(http_requests_total{job="api",code=~"5.."}[5m])',
  'sum by (job, instance) (rate(x_total[1m])) / on(job) group_left(team) team_info',
  'histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'max_over_time(deriv(x[5m])[1h:1m] offset 1d @ 1700000000)',
  'topk(3, count_values("v", build_info)) unless bottomk(1, up)',
  '-x ^ 2 ^ -3 % 4 atan2 y > bool 0.5',
  '{__name__=~"node_.+", job!="", mode!~"idle|iowait"}',
  'avg without (cpu) (1 - irate(node_cpu_seconds_total{mode="idle"}[30s])) * 100',
  'absent_over_time(x[1h]) or vector(time() - 0x1F) and on() day_of_week() == 0',
  'quantile(0.5, x) + ignoring(a) group_right x offset -5m',
  'sort_desc(clamp(x, -Inf, +Inf)) != NaN',
  'count(x @ start()) - count(x @ end())',
  '"a\\"b" + `raw\\` + \'c\'',
  'x[1h30m15s100ms:] # comment',
  'predict_linear(x[1y:1w], 86400) limitk(2, x)',
];

const TOKENS = [
  // names, numbers, durations, strings
  'x',
  'up',
  'job',
  'le',
  '__name__',
  'a:b',
  'é',
  '_',
  '1',
  '0.5',
  '1e3',
  '.5e-3',
  '0x1f',
  '1_000',
  'NaN',
  'Inf',
  '-Inf',
  '5m',
  '1h30m',
  '1ms',
  '0s',
  '1y',
  '1.5',
  '"a"',
  "'b'",
  '`c`',
  '"\\',
  '"\\u00e9"',
  '"\\x',
  // operators and keywords
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'and',
  'or',
  'unless',
  'atan2',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  '@',
  'start()',
  'end()',
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'stddev',
  'group',
  'limitk',
  'limit_ratio',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'label_replace',
  'label_join',
  'abs',
  'clamp',
  'vector',
  'time',
  'timestamp',
  'absent',
  'sort',
  'scalar',
  'day_of_week',
  'info',
  // punctuation
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '=',
  '=~',
  '!~',
  ' ',
  '\n',
  '\t',
  '#',
  '\u0000',
  '\ud800',
];

export const promqlSoup = tokenSoup(TOKENS, 60);

export const promqlMutated = editedSeeds(SEED_QUERIES, TOKENS, { maxEdits: 5, repeat: 30 });

/** Shapes whose cost must grow in proportion to `n`, never faster. */
export const PATHOLOGICAL: [string, (n: number) => string][] = [
  ['nested parentheses', (n) => '('.repeat(n) + 'x' + ')'.repeat(n)],
  ['unclosed parentheses', (n) => '('.repeat(n)],
  ['nested function calls', (n) => 'abs('.repeat(n) + 'x' + ')'.repeat(n)],
  ['nested subqueries', (n) => 'max_over_time('.repeat(n) + 'x' + '[1m:])'.repeat(n)],
  [
    'a chain of +',
    (n) =>
      Array(n + 1)
        .fill('x')
        .join('+'),
  ],
  [
    'a chain of ^ (right-associative)',
    (n) =>
      Array(n + 1)
        .fill('x')
        .join('^'),
  ],
  ['a chain of unary minus', (n) => '-'.repeat(n) + 'x'],
  [
    'a chain of and/or',
    (n) =>
      Array(n + 1)
        .fill('x')
        .join(' and on(a) '),
  ],
  ['many matchers', (n) => `x{${Array.from({ length: n }, (_, i) => `l${i}="v"`).join(',')}}`],
  ['a long name', (n) => 'x'.repeat(n * 10)],
  ['a long string', (n) => `"${'\\"'.repeat(n * 5)}"`],
  ['a long number', (n) => '9'.repeat(n * 10)],
  ['a long duration', (n) => `x[${'1h'.repeat(n)}]`],
  ['many grouping labels', (n) => `sum by (${Array.from({ length: n }, (_, i) => `l${i}`).join(',')}) (x)`],
];

export const promqlPathological = fc
  .tuple(fc.constantFrom(...PATHOLOGICAL), fc.integer({ min: 1, max: 20_000 }))
  .map(([[, make], n]) => make(n));

export const promqlInput = fc.oneof(promqlSoup, promqlMutated);
