// The functions templates call: Go's builtins (len, index, slice, comparisons, escapers) and
// Prometheus 2.42's (humanize*, query/first/value/label, regexps, strings, URLs, durations),
// with Go's and Prometheus's results and error texts (checked with promtool 2.42).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandTemplate, TemplateExpandError } from '../../../shared/templates/expand';
import type { QuerySample } from '../../../shared/templates/prometheus-funcs';

const samples: QuerySample[] = [
  { labels: { __name__: 'up', instance: 'b:9100', job: 'node' }, value: 1 },
  { labels: { __name__: 'up', instance: 'a:9100', job: 'node', __value__: 'x' }, value: 0.25 },
];
const ctx = {
  timeMs: 60_000,
  externalURL: 'https://prom.example.com/sub%20path/prom',
  query: (q: string) => {
    if (q === 'up') return samples;
    if (q === 'none') return [];
    throw new Error(`1:1: parse error: unexpected ${JSON.stringify(q)}`);
  },
};

const run = (text: string): string => expandTemplate('t', text, undefined, ctx);

function fails(text: string): string {
  try {
    run(text);
  } catch (err) {
    assert.ok(err instanceof TemplateExpandError, String(err));
    // Only what Go's function said: drop "error executing ... at <node>: ".
    return err.message.replace(/^.*?: executing "t" at <.*?>: /, '');
  }
  assert.fail(`${text} did not fail`);
}

test('comparisons: basic kinds only, ints and floats never mix', () => {
  assert.equal(
    run(
      '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}',
    ),
    'true true true true true true false',
  );
  assert.equal(fails('{{ eq 1 1.0 }}'), 'error calling eq: incompatible types for comparison');
  assert.equal(fails('{{ lt true false }}'), 'error calling lt: invalid type for comparison');
  assert.equal(fails('{{ lt "a" 1 }}'), 'error calling lt: incompatible types for comparison');
  assert.equal(fails('{{ eq 1 }}'), 'error calling eq: missing argument for comparison');
  assert.equal(
    fails('{{ eq (args) (args) }}'),
    'error calling eq: non-comparable type map[]: map[string]interface {}',
  );
  // A missing interface value compares unequal, without an error.
  assert.equal(run('{{ eq (args).x "" }}'), 'false');
});

test('len, index and slice over strings (bytes), maps and slices', () => {
  assert.equal(
    run(
      '{{ len "héllo" }} {{ index "abc" 1 }} {{ slice "abcdef" 1 3 }} {{ slice "abc" 1 }} {{ slice "abc" }}',
    ),
    '6 98 bc bc abc',
  );
  assert.equal(
    run(
      '{{ len (query "up") }} {{ (index (query "up") 1).Labels.instance }} {{ len (slice (query "up") 1) }}',
    ),
    '2 a:9100 1',
  );
  assert.equal(fails('{{ index "abc" 5 }}'), 'error calling index: index out of range: 5');
  assert.equal(fails('{{ index (query "up") 2 }}'), 'error calling index: reflect: slice index out of range');
  assert.equal(fails('{{ index (args) 1 }}'), 'error calling index: value has type int; should be string');
  assert.equal(fails('{{ index 1 1 }}'), "error calling index: can't index item of type int");
  assert.equal(
    fails('{{ index "abc" "x" }}'),
    'error calling index: cannot index slice/array with type string',
  );
  assert.equal(fails('{{ len 3 }}'), 'error calling len: len of type int');
  assert.equal(fails('{{ slice "abc" 2 1 }}'), 'error calling slice: invalid slice index: 2 > 1');
  assert.equal(fails('{{ slice "abc" 1 5 }}'), 'error calling slice: index out of range: 5');
  assert.equal(fails('{{ slice "abc" 0 1 2 }}'), 'error calling slice: cannot 3-index slice a string');
});

test('print, printf, println, html, js and urlquery', () => {
  assert.equal(
    run('{{ print 1 2 "a" "b" 3 true }}|{{ println 1 "a" }}|{{ print nil }}'),
    '1 2ab3 true|1 a\n|<nil>',
  );
  assert.equal(
    run(`{{ html "<a href='x'>&\\"" }} {{ html 1 2 "a" nil }}`),
    '&lt;a href=&#39;x&#39;&gt;&amp;&#34; 1 2a&lt;no value&gt;',
  );
  assert.equal(
    run('{{ js "it\'s <b> \\"q\\" & = \\\\ \\n é \\u2028" }} {{ js 1.5 }}'),
    'it\\\'s \\u003Cb\\u003E \\"q\\" \\u0026 \\u003D \\\\ \\u000A é \\u2028 1.5',
  );
  assert.equal(run('{{ urlquery "a b&c=d/é~" }} {{ urlquery }}'), 'a+b%26c%3Dd%2F%C3%A9~ ');
});

test('humanize, humanize1024, humanizeDuration, humanizePercentage', () => {
  assert.equal(
    run(
      '{{ humanize 0 }} {{ humanize 1 }} {{ humanize 999.95 }} {{ humanize 1000 }} {{ humanize 1234.5 }} {{ humanize 0.001234 }} {{ humanize -0.5 }}',
    ),
    '0 1 1000 1k 1.234k 1.234m -500m',
  );
  assert.equal(
    run(
      '{{ humanize 1e30 }} {{ humanize 1e-30 }} {{ humanize 999999 }} {{ humanize -1234 }} {{ humanize 12345678 }}',
    ),
    '1e+06Y 1e-06y 1000k -1.234k 12.35M',
  );
  assert.equal(
    run('{{ humanize "1e3" }} {{ humanize "Inf" }} {{ humanize "nan" }} {{ humanize 3 }}'),
    '1k +Inf NaN 3',
  );
  assert.equal(
    run(
      '{{ humanize1024 1 }} {{ humanize1024 1024 }} {{ humanize1024 1048576.7 }} {{ humanize1024 -3000 }} {{ humanize1024 0.5 }} {{ humanize1024 1e30 }}',
    ),
    '1 1ki 1Mi -2.93ki 0.5 8.272e+05Yi',
  );
  assert.equal(
    run(
      '{{ humanizeDuration 0 }} {{ humanizeDuration 0.0015 }} {{ humanizeDuration 59.5 }} {{ humanizeDuration 61 }} {{ humanizeDuration 3601 }} {{ humanizeDuration 90061.9 }} {{ humanizeDuration -90 }}',
    ),
    '0s 1.5ms 59.5s 1m 1s 1h 0m 1s 1d 1h 1m 1s -1m 30s',
  );
  assert.equal(
    run('{{ humanizeDuration 1e-10 }} {{ humanizeDuration 86400 }} {{ humanizeDuration 0.5 }}'),
    '100ps 1d 0h 0m 0s 500ms',
  );
  assert.equal(
    run(
      '{{ humanizePercentage 0.1234567 }} {{ humanizePercentage 1 }} {{ humanizePercentage "0.5" }} {{ humanizePercentage 0.000012 }}',
    ),
    '12.35% 100% 50% 0.0012%',
  );
  assert.equal(
    fails('{{ humanize "x" }}'),
    'error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax',
  );
  assert.equal(
    fails('{{ humanize "1e400" }}'),
    'error calling humanize: strconv.ParseFloat: parsing "1e400": value out of range',
  );
  assert.equal(fails('{{ humanize true }}'), "error calling humanize: can't convert bool to float");
});

test('humanizeTimestamp and toTime: UTC, at millisecond precision', () => {
  assert.equal(
    run('{{ humanizeTimestamp 1435065584.128 }} | {{ humanizeTimestamp 0 }} | {{ humanizeTimestamp -1.5 }}'),
    '2015-06-23 13:19:44.128 +0000 UTC | 1970-01-01 00:00:00 +0000 UTC | 1969-12-31 23:59:58.5 +0000 UTC',
  );
  assert.equal(
    run('{{ humanizeTimestamp 1e9 }} | {{ humanizeTimestamp "1435065584.1289" }} | {{ toTime 1435065584 }}'),
    '2001-09-09 01:46:40 +0000 UTC | 2015-06-23 13:19:44.128 +0000 UTC | 2015-06-23 13:19:44 +0000 UTC',
  );
  assert.equal(
    fails('{{ humanizeTimestamp 1e20 }}'),
    'error calling humanizeTimestamp: 1e+20 cannot be represented as a nanoseconds timestamp since it overflows int64',
  );
  assert.equal(fails('{{ toTime "NaN" }}'), 'error calling toTime: value is NaN or Inf');
});

test('query, first, value, label, strvalue, sortByLabel', () => {
  assert.equal(
    run('{{ range $i, $s := query "up" }}{{ $i }}:{{ $s.Value }}:{{ $s.Labels.instance }} {{ end }}'),
    '0:1:b:9100 1:0.25:a:9100 ',
  );
  assert.equal(
    run(
      '{{ query "up" | first | value }} {{ query "up" | first | label "instance" }} {{ with query "up" }}{{ index . 1 | strvalue }}{{ end }}',
    ),
    '1 b:9100 x',
  );
  assert.equal(
    run('{{ range query "up" | sortByLabel "instance" }}{{ .Labels.instance }} {{ end }}'),
    'a:9100 b:9100 ',
  );
  assert.equal(
    run('{{ range query "none" }}x{{ else }}empty{{ end }} {{ query "up" | first }}'),
    'empty {map[__name__:up instance:b:9100 job:node] 1}',
  );
  assert.equal(
    fails('{{ query "none" | first | value }}'),
    'error calling first: first() called on vector with no elements',
  );
  assert.equal(fails('{{ query "sum(" }}'), 'error calling query: 1:1: parse error: unexpected "sum("');
  assert.equal(fails('{{ value 1 }}'), "can't handle 1 for arg of type *template.sample");
  assert.equal(
    fails('{{ label "job" (query "up") }}'),
    'wrong type for value; expected *template.sample; got template.queryResult',
  );
  assert.equal(fails('{{ sortByLabel "x" 1 }}'), "can't handle 1 for arg of type template.queryResult");
});

test("reReplaceAll and match: Go regexps, unanchored, with Go's $ expansion", () => {
  assert.equal(run('{{ reReplaceAll "(\\\\w+):(\\\\d+)" "$2-${1}x-$1x-$$" "host:9100" }}'), '9100-hostx--$');
  assert.equal(
    run(
      '{{ reReplaceAll "a*" "-" "baaac" }} {{ reReplaceAll "(?P<h>[a-z]+)" "<$h>" "ab cd" }} {{ reReplaceAll "x" "$" "axb" }}',
    ),
    '-b-c- <ab> <cd> a$b',
  );
  assert.equal(
    run(
      '{{ match "^node" "node_exporter" }} {{ match "exp" "node_exporter" }} {{ match "^exp" "node_exporter" }}',
    ),
    'true true false',
  );
  assert.equal(
    fails('{{ match "(" "x" }}'),
    'error calling match: error parsing regexp: missing closing ): `(`',
  );
  assert.equal(
    fails('{{ reReplaceAll "(" "x" "y" }}'),
    'error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
  );
});

test('strings, hosts, links, URLs and durations', () => {
  assert.equal(
    run('{{ title "hello wORLD foo-bar_baz" }}|{{ toUpper "straße" }}|{{ toLower "ÀB" }}'),
    'Hello WORLD Foo-Bar_baz|STRAßE|àb',
  );
  // Digraphs take their title case (ǅ), not their upper case (Ǆ); İ lowers to i as in Go.
  assert.equal(run('{{ title "ǆemal ǉubav" }} {{ toLower "İ" }}'), 'ǅemal ǈubav i');
  assert.equal(
    run(
      '{{ stripPort "host:9100" }} {{ stripPort "[::1]:80" }} {{ stripPort "host" }} {{ stripPort "a:b:c" }}',
    ),
    'host ::1 host a:b:c',
  );
  assert.equal(
    run(
      '{{ stripDomain "host.example.com:9100" }} {{ stripDomain "10.0.0.1:80" }} {{ stripDomain "a.b" }} {{ stripDomain "[fe80::1]:80" }} {{ stripDomain "[::ffff:1.2.3.4]:1" }}',
    ),
    'host:9100 10.0.0.1:80 a [fe80::1]:80 [::ffff:1.2.3.4]:1',
  );
  assert.equal(
    run('{{ graphLink "rate(x[5m])" }} {{ tableLink "up == 0" }}'),
    '/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=0 /graph?g0.expr=up+%3D%3D+0&g0.tab=1',
  );
  assert.equal(
    run('{{ externalURL }} {{ pathPrefix }}'),
    'https://prom.example.com/sub%20path/prom /sub path/prom',
  );
  assert.equal(
    run('{{ parseDuration "1h30m" }} {{ parseDuration "5ms" }} {{ parseDuration "0" }}'),
    '5400 0.005 0',
  );
  assert.equal(
    fails('{{ parseDuration "x" }}'),
    'error calling parseDuration: not a valid duration string: "x"',
  );
  assert.equal(fails('{{ parseDuration "" }}'), 'error calling parseDuration: empty duration string');
  assert.equal(
    run('{{ args 1 "a" }} {{ (args 1 "a").arg1 }} {{ safeHtml "<b>" }} {{ safeHtml "x" | printf "%T" }}'),
    'map[arg0:1 arg1:a] a <b> template.HTML',
  );
  assert.equal(
    fails('{{ safeHtml "x" | toUpper }}'),
    'wrong type for value; expected string; got template.HTML',
  );
});
