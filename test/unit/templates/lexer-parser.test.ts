// The template lexer and parser: Go's tokens, trim markers and comments, the tree per
// {{define}}, and parse errors worded and numbered as Go's text/template words them (outputs
// checked against promtool 2.42, which reports them from `check rules`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../../shared/templates/lexer';
import { parseTemplate, TemplateParseError } from '../../../shared/templates/parser';
import { goUnquote } from '../../../shared/templates/go-literals';
import { nodeString } from '../../../shared/templates/ast';
import { BUILTINS } from '../../../shared/templates/builtins';

const hasFunction = (name: string): boolean => BUILTINS.has(name) || name === 'humanize';
const parse = (text: string) => parseTemplate('t', text, hasFunction);

function parseError(text: string): string {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof TemplateParseError);
    return err.message;
  }
  assert.fail(`${text} parsed`);
}

const kinds = (text: string): string[] => lex(text).map((t) => `${t.type}:${t.val}`);

test('lexer: text, delimiters, words, punctuation and the end', () => {
  assert.deepEqual(kinds('a {{ .Labels.job | printf "%s" $x }}b'), [
    'text:a ',
    'leftDelim:{{',
    'space: ',
    'field:.Labels',
    'field:.job',
    'space: ',
    'pipe:|',
    'space: ',
    'identifier:printf',
    'space: ',
    'string:"%s"',
    'space: ',
    'variable:$x',
    'space: ',
    'rightDelim:}}',
    'text:b',
    'eof:',
  ]);
  assert.deepEqual(kinds('{{$x := 1.5}}{{$y = `r`}}{{if true}}{{else}}{{end}}'), [
    'leftDelim:{{',
    'variable:$x',
    'space: ',
    'declare::=',
    'space: ',
    'number:1.5',
    'rightDelim:}}',
    'leftDelim:{{',
    'variable:$y',
    'space: ',
    'assign:=',
    'space: ',
    'rawString:`r`',
    'rightDelim:}}',
    'leftDelim:{{',
    'if:if',
    'space: ',
    'bool:true',
    'rightDelim:}}',
    'leftDelim:{{',
    'else:else',
    'rightDelim:}}',
    'leftDelim:{{',
    'end:end',
    'rightDelim:}}',
    'eof:',
  ]);
});

test('lexer: trim markers eat the white space beside them; "{{-3}}" is a number', () => {
  assert.deepEqual(kinds('a  \n {{- 1 -}} \n b'), [
    'text:a',
    'leftDelim:{{',
    'number:1',
    'rightDelim:}}',
    'text:b',
    'eof:',
  ]);
  assert.deepEqual(kinds('{{-3}}'), ['leftDelim:{{', 'number:-3', 'rightDelim:}}', 'eof:']);
  // Comments vanish, with their trim markers.
  assert.deepEqual(kinds('x {{- /* c */ -}} y'), ['text:x', 'text:y', 'eof:']);
});

test("lexer: errors end the stream with Go's message", () => {
  const last = (text: string) => lex(text).at(-1);
  assert.equal(last('{{ "abc')?.val, 'unterminated quoted string');
  assert.equal(last('{{ `abc')?.val, 'unterminated raw quoted string');
  assert.equal(last('{{ 1')?.val, 'unclosed action');
  assert.equal(last('{{/* x')?.val, 'unclosed comment');
  assert.equal(last('{{/* x */ 1}}')?.val, 'comment ends before closing delimiter');
  assert.equal(last('{{ (1 }}')?.val, 'unclosed left paren');
  assert.equal(last('{{ 1) }}')?.val, "unexpected right paren U+0029 ')'");
  assert.equal(last('{{ a-b }}')?.val, "bad character U+002D '-'");
  assert.equal(last('{{ 1x }}')?.val, 'bad number syntax: "1x"');
  assert.equal(last('{{ \u0007 }}')?.val, 'unrecognized character in action: U+0007');
});

test('parser: the tree prints back as Go prints it', () => {
  const p = parse(
    '{{ $x := .a.b | printf "%d" 1 }}{{ if eq $x "1" }}y{{ else if not . }}z{{ else }}w{{ end }}',
  );
  const root = p.trees.get('t');
  assert.ok(root);
  assert.equal(
    nodeString(root),
    '{{$x := .a.b | printf "%d" 1}}{{if eq $x "1"}}y{{else}}{{if not .}}z{{else}}w{{end}}{{end}}',
  );
  assert.equal(
    nodeString(parse('{{ (index . 1).x }}{{ range $i, $v := . }}{{ break }}{{ end }}').trees.get('t')!),
    '{{(index . 1).x}}{{range $i, $v := .}}{{break}}{{end}}',
  );
});

test('parser: define and block add templates; a second non-empty definition is an error', () => {
  const p = parse('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}main');
  assert.deepEqual([...p.trees.keys()].sort(), ['a', 'b', 't']);
  assert.equal(nodeString(p.trees.get('a')!), 'A');
  assert.equal(
    parseError('{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}'),
    'template: t:1: template: multiple definition of template "a"',
  );
  // An empty body does not count as a definition.
  assert.doesNotThrow(() => parse('{{ define "a" }}x{{ end }}{{ define "a" }} {{ end }}'));
});

test("parser: errors in Go's words, with the line", () => {
  const cases: [string, string][] = [
    ['{{ nosuch 1 }}', 'function "nosuch" not defined'],
    ['{{ if }}{{ end }}', 'missing value for if'],
    ['{{ range }}{{ end }}', 'missing value for range'],
    ['{{ end }}', 'unexpected {{end}}'],
    ['{{ else }}', 'unexpected {{else}}'],
    ['{{ if 1 }}x', 'unexpected EOF'],
    ['{{ if 1 }}x{{ else }}y{{ else }}z{{ end }}', 'expected end; found {{else}}'],
    ['{{ $x }}', 'undefined variable "$x"'],
    ['{{ $x := }}', 'missing value for command'],
    ['{{ "a" | 1 }}', 'non executable command in pipeline stage 2'],
    ['{{ 1.x }}', 'bad number syntax: "1.x"'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ range . }}{{ break 1 }}{{ end }}', 'unexpected "1" in {{break}}'],
    ['{{ range $a, $b, $c := . }}{{ end }}', 'too many declarations in range'],
    ['{{ $a, $b := 1 }}', 'too many declarations in command'],
    ['{{ define 1 }}{{ end }}', 'unexpected "1" in define clause'],
    ['{{ template x }}', 'unexpected "x" in template clause'],
    ['{{ 1e }}', 'illegal number syntax: "1e"'],
    ['{{ "\\z" }}', 'invalid syntax'],
    ['{{ 99999999999999999999 }}', 'integer overflow: "99999999999999999999"'],
    ['{{ "unterminated }}', 'unterminated quoted string'],
    ['{{ | x }}', 'unexpected "|" in command'],
  ];
  for (const [text, want] of cases) assert.equal(parseError(text), `template: t:1: ${want}`, text);
  assert.equal(parseError('a\nb\n{{ nosuch }}'), 'template: t:3: function "nosuch" not defined');
  // An error inside an action begun on an earlier line names that line.
  assert.equal(parseError('{{ 1\n\n'), 'template: t:3: unclosed action in action started at t:1');
  // A variable's scope ends with its control structure.
  assert.equal(parseError('{{ if $z := 1 }}{{ end }}{{ $z }}'), 'template: t:1: undefined variable "$z"');
  assert.doesNotThrow(() => parse('{{ $x := 1 }}{{ if 1 }}{{ $x = 2 }}{{ end }}{{ $x }}'));
});

test('numbers: Go literals, ints and floats apart', () => {
  const num = (text: string) => {
    const root = parse(`{{ ${text} }}`).trees.get('t')!;
    const action = root.nodes[0];
    assert.equal(action.type, 'action');
    const n = action.pipe.cmds[0].args[0];
    assert.equal(n.type, 'number');
    return { isInt: n.isInt, int: n.int, isFloat: n.isFloat, float: n.float };
  };
  assert.deepEqual(num('42'), { isInt: true, int: 42n, isFloat: true, float: 42 });
  assert.deepEqual(num('0x1F'), { isInt: true, int: 31n, isFloat: true, float: 31 });
  assert.deepEqual(num('010'), { isInt: true, int: 8n, isFloat: true, float: 8 });
  assert.deepEqual(num('1_000'), { isInt: true, int: 1000n, isFloat: true, float: 1000 });
  assert.deepEqual(num('1e3'), { isInt: true, int: 1000n, isFloat: true, float: 1000 });
  assert.deepEqual(num('-2.5'), { isInt: false, int: 0n, isFloat: true, float: -2.5 });
  assert.deepEqual(num("'a'"), { isInt: true, int: 97n, isFloat: true, float: 97 });
});

test('strings: Go unquoting of "...", `...` and \'...\'', () => {
  assert.equal(goUnquote('"a\\tb\\n\\x41\\u00e9\\101\\\\\\""'), 'a\tb\nAéA\\"');
  assert.equal(goUnquote('`raw\\n`'), 'raw\\n');
  assert.equal(goUnquote("'x'"), 'x');
  assert.equal(goUnquote('"\\q"'), undefined);
  assert.equal(goUnquote("'ab'"), undefined);
  assert.equal(goUnquote('"a\nb"'), undefined);
});

test('nesting deeper than the stack allows is a parse error, not a crash', () => {
  const n = 20_000;
  assert.equal(parseError(`{{ ${'('.repeat(n)}1${')'.repeat(n)} }}`), 'template: t: nested too deeply');
  assert.equal(parseError('{{ if 1 }}'.repeat(n) + '{{ end }}'.repeat(n)), 'template: t: nested too deeply');
  assert.doesNotThrow(() => parse(`{{ ${'('.repeat(50)}1${')'.repeat(50)} }}`));
});
