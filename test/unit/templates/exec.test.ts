// The evaluator: pipelines, variables, fields and map keys, if/with/range (else, break,
// continue), define/template/block, missingkey, and execution errors with Go's position and
// node. Expected texts are Go 1.19's (as promtool 2.42 prints them for the same templates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expandAlertText,
  expandTemplate,
  expandTemplateAsync,
  TemplateExpandError,
  type AlertTemplateData,
} from '../../../shared/templates/expand';
import { GoMap, GoSlice, MAP_STRING_ANY, stringMap, type GoValue } from '../../../shared/templates/values';
import type { MissingKey } from '../../../shared/templates/exec';

const ctx = { timeMs: 0, externalURL: 'http://prom.example:9090/prom' };
const labels = { __name__: 'up', instance: 'host.example.com:9100', job: 'node' };
const alertData: AlertTemplateData = {
  labels,
  externalLabels: { site: 'lab' },
  externalURL: ctx.externalURL,
  value: 1234567,
};

const run = (text: string, data: GoValue = undefined, missingKey: MissingKey = 'zero'): string =>
  expandTemplate('t', text, data, ctx, missingKey);
const alert = (text: string): string => expandAlertText('A', text, alertData, ctx);

function fails(text: string, data: GoValue = undefined, missingKey: MissingKey = 'zero'): string {
  try {
    run(text, data, missingKey);
  } catch (err) {
    assert.ok(err instanceof TemplateExpandError, String(err));
    return err.message;
  }
  assert.fail(`${text} did not fail`);
}

const list = (...items: GoValue[]) => new GoSlice('[]interface {}', 'any', items);
const anyMap = (o: Record<string, GoValue>) => new GoMap(MAP_STRING_ANY, 'any', new Map(Object.entries(o)));

test('text, actions and printing of each kind', () => {
  assert.equal(run('plain'), 'plain');
  assert.equal(run('{{ "s" }} {{ 1 }} {{ 1.5 }} {{ 1e21 }} {{ true }} {{ . }}', 7n), 's 1 1.5 1e+21 true 7');
  assert.equal(run('{{ . }}'), '<no value>');
  assert.equal(run('{{ . }}', stringMap({ b: '2', a: '1' })), 'map[a:1 b:2]');
  assert.equal(run('{{ . }}', list(1n, 'x', 2.5)), '[1 x 2.5]');
  assert.equal(
    alert('{{ . }}'),
    '{map[__name__:up instance:host.example.com:9100 job:node] map[site:lab] http://prom.example:9090/prom 1.234567e+06}',
  );
});

test("fields, map keys, variables and Prometheus's four definitions", () => {
  assert.equal(
    alert('{{ .Labels.job }} {{ $labels.instance }} {{ index $labels "job" }} {{ $value }}'),
    'node host.example.com:9100 node 1.234567e+06',
  );
  assert.equal(
    alert('{{ $externalLabels.site }} {{ $externalURL }} {{ .ExternalURL }}'),
    'lab http://prom.example:9090/prom http://prom.example:9090/prom',
  );
  assert.equal(run('{{ $x := 1 }}{{ $x = 2 }}{{ $x }}'), '2');
  assert.equal(run('{{ $y := 1 }}{{ if true }}{{ $y := 2 }}{{ $y }}{{ end }}{{ $y }}'), '21');
  assert.equal(run('{{ $x := 0 }}{{ range . }}{{ $x = . }}{{ end }}{{ $x }}', list(1n, 2n)), '2');
  assert.equal(run('{{ $ }}', 'root'), 'root');
});

test('missing map keys: zero value (Prometheus), <no value>, or an error', () => {
  assert.equal(
    alert('[{{ .Labels.nope }}|{{ $labels.nope }}|{{ index $labels "nope" }}|{{ len $labels.nope }}]'),
    '[|||0]',
  );
  assert.equal(run('{{ .nope }}', stringMap({}), 'default'), '<no value>');
  assert.equal(run('{{ .nope }}', anyMap({}), 'zero'), '<no value>');
  assert.equal(
    run('{{ (args 1).arg5 }}|{{ index (args 1) "x" }}|{{ print (args).x }}'),
    '<no value>|<no value>|<nil>',
  );
  assert.equal(
    fails('{{ .nope }}', stringMap({}), 'error'),
    'error executing template t: template: t:1:3: executing "t" at <.nope>: map has no entry for key "nope"',
  );
  assert.equal(run('{{ .a.b }}', anyMap({}), 'default'), '<no value>');
});

test('if, else if, else and with', () => {
  const t = '{{ if eq . 1 }}one{{ else if eq . 2 }}two{{ else }}many{{ end }}';
  assert.deepEqual(
    [1n, 2n, 3n].map((v) => run(t, v)),
    ['one', 'two', 'many'],
  );
  assert.equal(
    run('{{ if "" }}y{{ else }}n{{ end }}{{ if 0.0 }}y{{ else }}n{{ end }}{{ if . }}y{{ end }}', list()),
    'nn',
  );
  assert.equal(run('{{ with .a }}{{ . }}{{ else }}none{{ end }}', anyMap({ a: 'A' })), 'A');
  assert.equal(
    alert('{{ with $labels.nope }}has{{ else }}none{{ end }} {{ with 0 }}no{{ else }}zero{{ end }}'),
    'none zero',
  );
  assert.equal(run('{{ with $x := 5 }}{{ $x }}{{ . }}{{ end }}'), '55');
});

test('range over slices and maps (sorted keys), with variables, else, break and continue', () => {
  assert.equal(run('{{ range . }}[{{ . }}]{{ end }}', list('a', 'b')), '[a][b]');
  assert.equal(run('{{ range $i, $v := . }}{{ $i }}={{ $v }} {{ end }}', list('a', 'b')), '0=a 1=b ');
  assert.equal(
    run('{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}', stringMap({ z: '1', a: '2', m: '3' })),
    'a=2;m=3;z=1;',
  );
  assert.equal(run('{{ range $v := . }}{{ $v }}{{ end }}', stringMap({ b: '2', a: '1' })), '12');
  assert.equal(run('{{ range . }}x{{ else }}empty{{ end }}', list()), 'empty');
  assert.equal(run('{{ range .nope }}x{{ else }}nil{{ end }}', anyMap({})), 'nil');
  assert.equal(
    run('{{ range . }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}', list(1n, 2n, 3n, 4n)),
    '12',
  );
  assert.equal(
    run('{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', list(1n, 2n, 3n)),
    '13',
  );
  assert.equal(run('{{ range $i, $e := . }}{{ printf "%T" $i }}{{ end }}', list('a')), 'int');
  assert.match(fails('{{ range 5 }}x{{ end }}'), /at <5>: range can't iterate over 5$/);
  assert.match(fails('{{ range "ab" }}x{{ end }}'), /range can't iterate over ab$/);
});

test('pipelines pass the value on as the last argument', () => {
  assert.equal(
    run('{{ "x" | printf "%s-%s" "a" }} {{ 1 | printf "%d %d" 2 }} {{ "a" | toUpper | printf "%s!" }}'),
    'a-x 2 1 A!',
  );
  assert.equal(
    run(
      '{{ (1) }} {{ (printf "%s" "x") }} {{ ("abc" | len) }} {{ (index . 0).a }}',
      list(anyMap({ a: 'A' })),
    ),
    '1 x 3 A',
  );
  assert.equal(alert('{{ $labels.instance | reReplaceAll ":.*" "" }}'), 'host.example.com');
});

test('define, template and block', () => {
  assert.equal(
    run('{{ define "t1" }}T({{ . }}){{ end }}{{ template "t1" "arg" }} {{ template "t1" }}'),
    'T(arg) T(<no value>)',
  );
  assert.equal(run('{{ template "z" }}{{ define "z" }}Z{{ end }}'), 'Z');
  assert.equal(run('{{ block "b" 5 }}B{{ . }}{{ end }}'), 'B5');
  // A template call sees its own $ only.
  assert.equal(run('{{ define "v" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "v" 2 }}'), '2');
  assert.equal(
    fails('{{ template "nope" }}'),
    'error executing template t: template: t:1:12: executing "t" at <{{template "nope"}}>: template "nope" not defined',
  );
  // An error inside a called template names it, at its own position.
  assert.equal(
    fails('{{ define "y" }}{{ humanize "bad" }}{{ end }}A{{ template "y" }}'),
    'error executing template t: template: t:1:19: executing "y" at <humanize "bad">: error calling humanize: strconv.ParseFloat: parsing "bad": invalid syntax',
  );
  assert.match(
    fails('{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}'),
    /exceeded maximum template depth \(200\)$/,
  );
});

test('execution errors: position (bytes, 0-based) and node as Go reports them', () => {
  const prefix = 'error executing template __alert_A: template: __alert_A:1:';
  const wrap = (col: number, at: string, msg: string) =>
    `<error expanding template: ${prefix}${col}: executing "__alert_A" at <${at}>: ${msg}>`;
  // 112 bytes of Prometheus's definitions precede the text.
  assert.equal(
    alert('{{ humanize "x" }}'),
    wrap(115, 'humanize "x"', 'error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax'),
  );
  assert.equal(
    alert('{{ .Foo }}'),
    wrap(
      115,
      '.Foo',
      "can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }",
    ),
  );
  assert.equal(
    alert('{{ .Labels.job.x }}'),
    wrap(122, '.Labels.job.x', "can't evaluate field x in type string"),
  );
  assert.equal(
    alert('{{ humanize }}'),
    wrap(115, 'humanize', 'wrong number of args for humanize: want 1 got 0'),
  );
  assert.equal(
    alert('{{ printf }}'),
    wrap(115, 'printf', 'wrong number of args for printf: want at least 1 got 0'),
  );
  assert.equal(alert('{{ printf 1 }}'), wrap(122, '1', 'expected string; found 1'));
  assert.equal(
    alert('{{ toUpper $value }}'),
    wrap(123, '$value', 'wrong type for value; expected string; got float64'),
  );
  assert.equal(alert('{{ nil }}'), wrap(115, 'nil', 'nil is not a command'));
  assert.equal(alert('{{ 1 2 }}'), wrap(115, '1', "can't give argument to non-function 1"));
  assert.equal(alert('{{ $value 1 }}'), wrap(115, '$value', "can't give argument to non-function $value"));
  assert.equal(
    alert('{{ .Labels 1 }}'),
    wrap(115, '.Labels', 'Labels has arguments but cannot be invoked as function'),
  );
  // $labels.job is a variable and a field: the node sits at the field.
  assert.equal(
    alert('{{ $labels.job 1 }}'),
    wrap(122, '$labels.job', 'job is not a method but has arguments'),
  );
  assert.equal(
    alert('{{ if gt $value 5 }}big{{ end }}'),
    wrap(118, 'gt $value 5', 'error calling gt: incompatible types for comparison'),
  );
  // Lines count from the start of the text (the definitions are on line 1), columns in bytes.
  assert.equal(
    alert('line1\n{{ humanize "x" }}'),
    '<error expanding template: error executing template __alert_A: template: __alert_A:2:3: executing "__alert_A" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax>',
  );
  assert.equal(
    alert('é{{ humanize "x" }}'),
    wrap(117, 'humanize "x"', 'error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax'),
  );
  // A parse error has no position past the line.
  assert.equal(
    alert('{{ nosuch 1 }}'),
    '<error expanding template: error parsing template __alert_A: template: __alert_A:1: function "nosuch" not defined>',
  );
});

test('and/or stop at the first decisive argument; not', () => {
  assert.equal(
    run('{{ and 1 0 }} {{ and 1 2 }} {{ or 0 "" }} {{ or 0 "x" }} {{ not 0 }} {{ not "a" }}'),
    '0 2  x true false',
  );
  // The second argument is never evaluated, so its error never happens.
  assert.equal(run('{{ or (eq 1 1) (humanize "x") }}'), 'true');
  assert.match(fails('{{ and (eq 1 1) (humanize "x") }}'), /error calling humanize/);
  assert.equal(alert('{{ if and $labels.job (eq $labels.job "node") }}ok{{ end }}'), 'ok');
});

test("time.Time methods on toTime's result", () => {
  assert.equal(
    run(
      '{{ (toTime 1435065584).Unix }} {{ (toTime 1435065584.5).Format "2006-01-02T15:04:05.000Z07:00 Mon Jan" }}',
    ),
    '1435065584 2015-06-23T13:19:44.500Z Tue Jun',
  );
  assert.equal(run('{{ toTime 86400.123 }}'), '1970-01-02 00:00:00.123 +0000 UTC');
  assert.equal(run('{{ (toTime 0).Year }} {{ (toTime -1).UnixMilli }}'), '1970 -1000');
});

test('the output is bounded', () => {
  // Each level calls the one below 16 times: 1 KiB at d0 is 64 MiB at d4.
  let text = `{{ define "d0" }}${'x'.repeat(1024)}{{ end }}`;
  for (let i = 1; i <= 4; i++)
    text += `{{ define "d${i}" }}${`{{ template "d${i - 1}" }}`.repeat(16)}{{ end }}`;
  assert.match(fails(text + '{{ template "d4" }}'), /output exceeds 16777216 characters$/);
});

test('an asynchronous query function is awaited; the synchronous path refuses one', async () => {
  const asyncCtx = {
    ...ctx,
    query: async (q: string) =>
      q === 'up'
        ? [
            { labels: { job: 'a' }, value: 1 },
            { labels: { job: 'b' }, value: 0 },
          ]
        : [],
  };
  const text = '{{ range query "up" }}{{ .Labels.job }}={{ .Value }} {{ end }}';
  assert.equal(await expandTemplateAsync('t', text, undefined, asyncCtx), 'a=1 b=0 ');
  assert.throws(
    () => expandTemplate('t', text, undefined, asyncCtx),
    /error calling query: a query function returned a promise/,
  );
  const failing = {
    ...ctx,
    query: async () => Promise.reject(new Error('1:5: parse error: unclosed left parenthesis')),
  };
  await assert.rejects(
    expandTemplateAsync('t', '{{ query "sum(" }}', undefined, failing),
    /at <query "sum\(">: error calling query: 1:5: parse error: unclosed left parenthesis$/,
  );
});

test('complex literals as Go has them: (re+imi), compared by eq only', () => {
  assert.equal(
    run('{{ 3i }} {{ 1+2i }} {{ 1.5-2.5i }} {{ 0i }} {{ printf "%.2f|%T" 1+2i 3i }}'),
    '(0+3i) (1+2i) (1.5-2.5i) (0+0i) (1.00+2.00i)|complex128',
  );
  assert.equal(run('{{ eq 1+2i 1+2i }} {{ if 0i }}t{{ else }}f{{ end }}'), 'true f');
  assert.match(fails('{{ lt 1i 2i }}'), /error calling lt: invalid type for comparison$/);
  assert.match(fails('{{ humanize 1i }}'), /error calling humanize: can't convert complex128 to float$/);
});
