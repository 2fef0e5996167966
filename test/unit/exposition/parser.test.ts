// The Prometheus text format parser against Prometheus 2.42's textparse behaviour.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExpositionError, parseExposition, parsePrometheusText } from '../../../shared/exposition';
import type { ExpositionVisitor } from '../../../shared/exposition';
import { accepts, one, parse, rejects, sharedDir } from './helpers';
import { cpuMsSince } from '../../helpers/cpu-time';

describe('real exporter output', () => {
  for (const file of ['prometheus-server.prom', 'node_exporter.prom']) {
    it(`parses ${file} completely`, (t) => {
      if (sharedDir === null) return t.skip('../shared is absent');
      const body = readFileSync(path.join(sharedDir, 'samples', file), 'utf8');
      const { samples, families } = parse(body);
      const sampleLines = body.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
      assert.equal(samples.length, sampleLines.length);
      assert.ok(families.length > 10);
      assert.ok(families.every((f) => f.type !== null && f.help !== null));
      for (const s of samples) assert.equal(typeof s.value, 'number');
      // Quantile and bucket bounds stay label text.
      assert.ok(samples.some((s) => s.labels.includes('quantile') || s.labels.includes('le')));
    });
  }
});

describe('samples', () => {
  it('reads name, labels in written order, value and timestamp', () => {
    const s = one('http_requests_total{method="post",code="200"} 1027 1395066363000\n');
    assert.deepEqual(s, {
      name: 'http_requests_total',
      labels: ['method', 'post', 'code', '200'],
      value: 1027,
      timestampMs: 1395066363000,
      line: 1,
    });
  });
  it('accepts metric names with colons, underscores and digits', () => {
    assert.equal(one(':a_b:c9 1').name, ':a_b:c9');
    assert.equal(one('_ 1').name, '_');
    assert.equal(one('__name 1').name, '__name');
  });
  it('rejects a line starting with a digit, a brace or other characters', () => {
    rejects('9a 1', /expected metric name, comment or blank line, got "9a"/, 1, 1);
    rejects('{a="ok"} 1', /expected metric name/, 1, 1);
    rejects('a.b 1', /expected float value, got ".b"/);
    rejects('métrica 1', /expected float value, got "étrica"/);
    rejects('-a 1', /expected metric name/);
  });
  it('a missing value is an error', () => {
    rejects('a', /expected value after metric, got end of line/, 1, 2);
    rejects('a ', /expected value after metric, got end of line/, 1, 3);
    rejects('a{b="c"}', /expected value after metric/);
    rejects('a{b="c"} ', /expected value after metric/);
  });
  it('takes any run of non-blank characters after the name as the value', () => {
    assert.deepEqual(one('a-1 2'), { name: 'a', labels: [], value: -1, timestampMs: 2, line: 1 });
    assert.equal(one('a+5').value, 5);
    rejects('a}1', /expected float value, got "}1"/);
    rejects('a"x" 1', /invalid syntax/);
  });
  it('needs no blank between } and the value', () => {
    assert.equal(one('a{b="c"}1').value, 1);
    assert.equal(one('a{}1').value, 1);
  });
  it('rejects a second label set', () => {
    rejects('a{b="c"}{d="e"} 1', /expected value after metric, got "{"/);
    rejects('a{b="c"} {d="e"} 1', /expected value after metric, got "{"/);
    rejects('a 1{', /expected timestamp or end of line, got "{"/);
  });
  it('accepts blanks (spaces and tabs) wherever the lexer skips them', () => {
    const s = one(' \t a \t { \t b \t = \t "c" \t , \t d = "e" \t } \t 1 \t 2 \t ');
    assert.deepEqual(s.labels, ['b', 'c', 'd', 'e']);
    assert.equal(s.value, 1);
    assert.equal(s.timestampMs, 2);
    assert.equal(one('a\t1').value, 1);
  });
  it('does not take other whitespace as blanks', () => {
    rejects('a\v1', /invalid syntax/);
    rejects('a\f1', /invalid syntax/);
    rejects('a\u00a01', /invalid syntax/);
    rejects('\u00a0a 1', /expected metric name/);
  });
  it('delivers samples before an error, then stops at the first error', () => {
    const seen: string[] = [];
    assert.throws(
      () => parsePrometheusText('a 1\nb 2\nc\nd 4\n', { sample: (name) => seen.push(name) }),
      ExpositionError,
    );
    assert.deepEqual(seen, ['a', 'b']);
  });
  it('hands each sample a fresh labels array', () => {
    const { samples } = parse('a{x="1"} 1\na{x="2"} 2\na 3\n');
    assert.deepEqual(
      samples.map((s) => s.labels),
      [['x', '1'], ['x', '2'], []],
    );
    assert.notEqual(samples[0].labels, samples[1].labels);
  });
});

describe('label sets', () => {
  it('accepts {} and a trailing comma', () => {
    assert.deepEqual(one('a{} 1').labels, []);
    assert.deepEqual(one('a{b="c",} 1').labels, ['b', 'c']);
    assert.deepEqual(one('a{b="c" , } 1').labels, ['b', 'c']);
  });
  it('accepts label pairs without a comma between them (Prometheus does)', () => {
    assert.deepEqual(one('a{b="c"d="e"} 1').labels, ['b', 'c', 'd', 'e']);
    assert.deepEqual(one('a{b="c" d="e"} 1').labels, ['b', 'c', 'd', 'e']);
  });
  it('rejects stray commas', () => {
    rejects('a{,} 1', /expected label name or "}", got ","/, 1, 3);
    rejects('a{,b="c"} 1', /expected label name/);
    rejects('a{b="c",,} 1', /expected label name or "}", got ","/, 1, 9);
  });
  it('rejects invalid label names', () => {
    rejects('empty_label_name{="x"} 0', /expected label name or "}", got "="/);
    rejects('a{1b="c"} 1', /expected label name/);
    rejects('a{b:c="d"} 1', /expected "=" after label name, got ":c"/);
    rejects('a{b-c="d"} 1', /expected "=" after label name/);
    rejects('a{é="d"} 1', /expected label name/);
  });
  it('accepts reserved-looking label names (the scrape checks handle __name__)', () => {
    assert.deepEqual(one('a{__x__="1",_="2"} 1').labels, ['__x__', '1', '_', '2']);
  });
  it('passes duplicate names and empty values through as written', () => {
    assert.deepEqual(one('a{b="",b="x"} 1').labels, ['b', '', 'b', 'x']);
  });
  it('requires = and a double-quoted value', () => {
    rejects('a{b} 1', /expected "=" after label name, got "}"/);
    rejects('a{b "c"} 1', /expected "=" after label name/);
    rejects("a{b='c'} 1", /expected label value \(a quoted string\), got "'c'"/, 1, 5);
    rejects('a{b=c} 1', /expected label value/);
    rejects('a{b=} 1', /expected label value/);
    rejects(
      'a{b=\n',
      /expected label value, got end of line|expected label value \(a quoted string\), got end of line/,
    );
  });
  it('rejects an unterminated value or label set', () => {
    rejects('a{b="c', /unterminated/, 1, 5);
    rejects('something_weird{problem="', /unterminated/);
    rejects('a{b="c"', /expected label name or "}", got end of line/);
    rejects('a{b="c" 1', /expected label name or "}", got "1"/);
    rejects('a{', /expected label name/);
  });
});

describe('label value escapes', () => {
  it('resolves \\\\, \\" and \\n', () => {
    assert.deepEqual(one('a{b="x\\\\y\\"z\\n"} 1').labels, ['b', 'x\\y"z\n']);
    assert.deepEqual(one('a{b="\\\\n"} 1').labels, ['b', '\\n']);
    assert.deepEqual(one('a{b="\\\\\\\\"} 1').labels, ['b', '\\\\']);
  });
  it('keeps any other escape as written, backslash included', () => {
    assert.deepEqual(one('a{b="\\t\\x41\\u00e9\\a\\ \\}"} 1').labels, ['b', '\\t\\x41\\u00e9\\a\\ \\}']);
  });
  it('rejects a backslash before a line break or the end', () => {
    rejects('a{b="x\\\n"} 1', /backslash at the end of a line/, 1, 7);
    rejects('a{b="x\\', /backslash at the end of a line/);
  });
  it('accepts a raw line break inside the quotes and keeps counting lines', () => {
    const { samples } = parse('a{b="x\ny"} 1\nc 2\n');
    assert.deepEqual(samples[0].labels, ['b', 'x\ny']);
    assert.equal(samples[0].line, 1);
    assert.equal(samples[1].line, 3);
    rejects('a{b="x\ny"} oops\n', /expected float value/, 2, 5);
  });
  it('accepts any Unicode and empty values', () => {
    assert.deepEqual(one('a{b="",c="日本語 ✓ 😀"} 1').labels, ['b', '', 'c', '日本語 ✓ 😀']);
    assert.deepEqual(one('a{b="\\"😀\\""} 1').labels, ['b', '"😀"']);
  });
  it('keeps CR, tabs and braces inside values', () => {
    assert.deepEqual(one('a{b="\r\t{}=,#"} 1').labels, ['b', '\r\t{}=,#']);
  });
  it('rejects invalid UTF-8 (lone surrogates) in label values', () => {
    rejects('a{b="\ud800"} 1', /invalid UTF-8 label value/, 1, 5);
    rejects('a{b="x\udc80y"} 1', /invalid UTF-8 label value/);
  });
});

describe('HELP and TYPE', () => {
  it('reports HELP with \\\\ and \\n resolved, other escapes kept', () => {
    const helps: [string, string, number][] = [];
    parsePrometheusText('# HELP a Some \\\\ text\\nmore \\" \\t\n', {
      sample() {},
      help: (name, text, line) => helps.push([name, text, line]),
    });
    assert.deepEqual(helps, [['a', 'Some \\ text\nmore \\" \\t', 1]]);
  });
  it('reports every TYPE', () => {
    const types: string[] = [];
    parsePrometheusText(
      '# TYPE a counter\n# TYPE b gauge\n# TYPE c histogram\n# TYPE d summary\n# TYPE e untyped\n',
      { sample() {}, type: (name, type) => types.push(`${name}:${type}`) },
    );
    assert.deepEqual(types, ['a:counter', 'b:gauge', 'c:histogram', 'd:summary', 'e:untyped']);
  });
  it('rejects other types, including OpenMetrics ones and other cases', () => {
    for (const t of [
      'unknown',
      'info',
      'stateset',
      'gaugehistogram',
      'Counter',
      'COUNTER',
      'int',
      'constructor',
    ]) {
      rejects(`# TYPE a ${t}\n`, /invalid metric type/, 1, 10);
    }
  });
  it('takes the text after exactly one separator character', () => {
    assert.equal(parse('# HELP a  two spaces').families[0].help, ' two spaces');
    assert.equal(parse('# HELP a\ttab').families[0].help, 'tab');
    assert.equal(parse('# HELP a trailing  ').families[0].help, 'trailing  ');
    rejects('# TYPE a  counter', /invalid metric type " counter"/);
    rejects('# TYPE a counter ', /invalid metric type "counter "/);
    assert.equal(parse('# TYPE a\tcounter').families[0].type, 'counter');
    assert.equal(parse('#\t TYPE \t a counter').families[0].type, 'counter');
  });
  it('drops whatever single character follows the name (Prometheus quirk)', () => {
    assert.equal(parse('# HELP a.b text').families[0].help, 'b text');
    assert.equal(parse('# TYPE a{counter').families[0].type, 'counter');
  });
  it('gives empty help text for a name alone or followed by blanks', () => {
    assert.equal(parse('# HELP a').families[0].help, '');
    assert.equal(parse('# HELP a  \t ').families[0].help, '');
    rejects('# TYPE a', /invalid metric type ""/);
    rejects('# TYPE a   ', /invalid metric type ""/);
  });
  it('treats a keyword without a following blank as a plain comment', () => {
    const comments: string[] = [];
    parsePrometheusText('# HELP\n# TYPE\n#HELP a b\n# HELPa b\n# help a b\n# TYPEa counter\n', {
      sample() {},
      help: () => assert.fail('no HELP here'),
      type: () => assert.fail('no TYPE here'),
      comment: (text) => comments.push(text),
    });
    assert.deepEqual(comments, [
      '# HELP',
      '# TYPE',
      '#HELP a b',
      '# HELPa b',
      '# help a b',
      '# TYPEa counter',
    ]);
  });
  it('requires a metric name after the keyword and its blank', () => {
    rejects('# HELP \n', /expected metric name after HELP, got end of line/, 1, 8);
    rejects('# TYPE #\n', /expected metric name after TYPE, got "#"/);
    rejects('# HELP 1a x\n', /expected metric name after HELP/);
    rejects('# HELP {a} x\n', /expected metric name after HELP/);
  });
  it('does not check HELP/TYPE against the samples', () => {
    const r = accepts('# TYPE a counter\n# TYPE a gauge\n# HELP a x\n# HELP a y\nb 1\n# TYPE b summary\n');
    assert.deepEqual(
      r.families.map((f) => [f.name, f.type, f.help, f.typeLine, f.helpLine]),
      [
        ['a', 'gauge', 'y', 2, 4],
        ['b', 'summary', null, 6, null],
      ],
    );
  });
  it('rejects invalid UTF-8 in HELP text', () => {
    rejects('# HELP a \udfff\n', /help text is not valid UTF-8/);
  });
  it('keeps a CR at the end of HELP text, and rejects it in TYPE', () => {
    assert.equal(parse('# HELP a text\r\n').families[0].help, 'text\r');
    rejects('# TYPE a counter\r\n', /invalid metric type "counter\\r"/);
  });
});

describe('comments and blank lines', () => {
  it('skips comments, blank and blank-only lines, with or without a final newline', () => {
    const comments: [string, number][] = [];
    const samples: number[] = [];
    parsePrometheusText('\n# a comment\n \t \n#\n#x\n  # indented\na 1\n\nb 2', {
      sample: (_n, _l, _v, _t, line) => samples.push(line),
      comment: (text, line) => comments.push([text, line]),
    });
    assert.deepEqual(comments, [
      ['# a comment', 2],
      ['#', 4],
      ['#x', 5],
      ['# indented', 6],
    ]);
    assert.deepEqual(samples, [7, 9]);
    assert.deepEqual(parse('').samples, []);
    assert.deepEqual(parse('\n\n').samples, []);
  });
  it('accepts anything in comments', () => {
    accepts('# \r {}"\\ \udc80 \u0000 garbage\na 1\n');
  });
});

describe('CR and CRLF', () => {
  it('rejects CRLF line endings', () => {
    rejects('a 1\r\n', /expected float value, got "1\\r"/, 1, 3);
    rejects('a 1 2\r\n', /expected end of line after timestamp, got carriage return/, 1, 6);
    rejects('a{b="c"}\r\n', /expected value after metric|invalid syntax/);
    rejects('\r\n', /expected metric name, comment or blank line, got carriage return/, 1, 1);
    rejects('a 1\n\r\nb 2\n', /got carriage return/, 2, 1);
    rejects('a\r 1', /expected float value|invalid syntax/);
  });
});

describe('sample values', () => {
  const ok: [string, number][] = [
    ['1', 1],
    ['-1', -1],
    ['+1', 1],
    ['0', 0],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e+3', 1000],
    ['1.5e-3', 0.0015],
    ['007', 7],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['0.1', 0.1],
    ['3.0000000000000004', 3.0000000000000004],
    ['1.7976931348623157e308', 1.7976931348623157e308],
    ['4.9e-324', 5e-324],
    ['1e-400', 0],
    ['Inf', Infinity],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['inf', Infinity],
    ['INF', Infinity],
    ['infinity', Infinity],
    ['-Infinity', -Infinity],
    ['+iNfInItY', Infinity],
    ['NaN', NaN],
    ['nan', NaN],
    ['NAN', NaN],
  ];
  for (const [text, value] of ok) {
    it(`accepts ${text}`, () => assert.deepEqual(one(`a ${text}`).value, value));
  }
  it('keeps the sign of -0', () => assert.ok(Object.is(one('a -0').value, -0)));
  const bad: [string, RegExp][] = [
    ['1_000', /unsupported character/],
    ['0x1p-3', /unsupported character/],
    ['0X1P3', /unsupported character/],
    ['0x10', /invalid syntax/],
    ['0x1.8', /invalid syntax/],
    ['-nan', /invalid syntax/],
    ['+NaN', /invalid syntax/],
    ['infin', /invalid syntax/],
    ['Infinityy', /invalid syntax/],
    ['in', /invalid syntax/],
    ['true', /invalid syntax/],
    ['.', /invalid syntax/],
    ['-', /invalid syntax/],
    ['+', /invalid syntax/],
    ['e5', /invalid syntax/],
    ['1e', /invalid syntax/],
    ['1e+', /invalid syntax/],
    ['1.2.3', /invalid syntax/],
    ['1,5', /invalid syntax/],
    ['--1', /invalid syntax/],
    ['1e400', /out of range/],
    ['-1e400', /out of range/],
    ['1.8e308', /out of range/],
    ['１', /invalid syntax/],
  ];
  for (const [text, reason] of bad) {
    it(`rejects ${text}`, () => void rejects(`a ${text}`, reason, 1, 3));
  }
});

describe('timestamps', () => {
  it('accepts int64 milliseconds, leading zeros included', () => {
    assert.equal(one('a 1 0').timestampMs, 0);
    assert.equal(one('a 1 000123').timestampMs, 123);
    assert.equal(one('a 1 1700000000000').timestampMs, 1700000000000);
    assert.equal(one('a 1 9223372036854775807').timestampMs, 2 ** 63); // int64 max, as the nearest double
    assert.equal(one('a 1 00000000000000000009223372036854775807').timestampMs, 2 ** 63); // int64 max, as the nearest double
    assert.equal(one('a 1').timestampMs, null);
  });
  it('rejects out-of-range, signed, fractional and trailing garbage', () => {
    rejects('a 1 9223372036854775808', /out of the int64 range/, 1, 5);
    rejects('a 1 99999999999999999999', /out of the int64 range/);
    rejects('a 1 -5', /expected timestamp or end of line, got "-5"/, 1, 5);
    rejects('a 1 +5', /expected timestamp or end of line/);
    rejects('a 1 1.5', /expected end of line after timestamp, got ".5"/, 1, 6);
    rejects('a 1 1e3', /expected end of line after timestamp/);
    rejects('a 1 2 3', /expected end of line after timestamp, got "3"/);
    rejects('a 1 2x', /expected end of line after timestamp/);
    rejects('a 0 1_2', /expected end of line after timestamp/);
    rejects('a 1 x', /expected timestamp or end of line, got "x"/);
  });
});

describe('NUL bytes (as Prometheus handles them)', () => {
  it('ends the body silently at a NUL that starts a record', () => {
    assert.equal(parse('a 1\n\u0000garbage\n{{{').samples.length, 1);
    assert.equal(parse('a 1\n  \u0000 garbage').samples.length, 1);
    assert.equal(parse('a 1\n#x\u0000y\n{{{').samples.length, 1);
    assert.equal(parse('a 1\n# \u0000HELP x\n{{{').samples.length, 1);
  });
  it('skips NULs inside "# " comments and keeps them in HELP text', () => {
    rejects('# com\u0000ment\n{', /expected metric name/, 2, 1);
    assert.equal(parse('# HE\u0000LP a x\u0000y').families[0].help, 'x\u0000y');
  });
  it('keeps NULs inside label values', () => {
    assert.deepEqual(one('a{b="abc\u0000"} 1').labels, ['b', 'abc\u0000']);
    assert.deepEqual(one('a{b="\u0000"} 1').labels, ['b', '\u0000']);
    assert.deepEqual(one('a{b= \u0000"x"} 1').labels, ['b', 'x']);
  });
  it('shifts the closing quote into the value when NULs follow it (Prometheus quirk)', () => {
    assert.deepEqual(one('a{b="x"\u0000} 1').labels, ['b', 'x"']);
    assert.deepEqual(one('a{b="x"\u0000\u0000,c="d"} 1').labels, ['b', 'x"\u0000', 'c', 'd']);
  });
  it('rejects NULs elsewhere', () => {
    rejects('a{b=\u0000"ssss"} 1', /expected label value/);
    rejects('a{b="\u0000', /unterminated/);
    rejects('a{b\u0000="hiih"}\t1', /expected "=" after label name, got NUL byte/);
    rejects('a\u0000{b="ddd"} 1', /expected value after metric, got NUL byte/);
    rejects('a 0 1\u0000', /expected end of line after timestamp, got NUL byte/);
    rejects('a 1\u0000', /expected timestamp or end of line, got NUL byte/);
    rejects('# TYPE a\u0000counter', /invalid metric type ""/);
    rejects('# HELP a\u0000text', /expected end of line after HELP, got NUL byte/);
  });
});

describe('ExpositionError', () => {
  it('carries line, column, the offending line and a readable message', () => {
    const e = rejects('ok 1\n# HELP x y\nbad{a="1",b=x} 1\nnever 1\n');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'ExpositionError');
    assert.equal(e.line, 3);
    assert.equal(e.column, 13);
    assert.equal(e.text, 'bad{a="1",b=x} 1');
    assert.equal(e.message, 'line 3, column 13: expected label value (a quoted string), got "x"');
  });
  it('truncates a long offending line', () => {
    const e = rejects('a'.repeat(5000) + ' x');
    assert.equal(e.text.length, 201);
    assert.ok(e.text.endsWith('…'));
    assert.equal(e.column, 5002);
  });
  it('places errors after a multi-line label value on the right line', () => {
    const e = rejects('a{b="1\n2\n3",c=4} 1');
    assert.equal(e.line, 3);
    assert.equal(e.column, 6);
    assert.equal(e.text, '3",c=4} 1');
  });
  it('lets an exception from the visitor through unchanged', () => {
    const boom = new RangeError('sample limit');
    const visitor: ExpositionVisitor = {
      sample() {
        throw boom;
      },
    };
    assert.throws(
      () => parsePrometheusText('a 1\n', visitor),
      (e) => e === boom,
    );
  });
});

describe('robustness', () => {
  it('throws nothing but ExpositionError on random input', () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'ab_:09 \t\n\r{}=,"\\#.eE+-xpInfNaHELPTYPE\u0000\u00e9\ud83d\ude00\ud800';
    let parsed = 0;
    for (let k = 0; k < 5000; k++) {
      let body = '';
      const len = rand(60);
      for (let i = 0; i < len; i++) body += alphabet[rand(alphabet.length)];
      try {
        parseExposition(body);
        parsed++;
      } catch (e) {
        assert.ok(e instanceof ExpositionError, `${JSON.stringify(body)} threw ${String(e)}`);
        assert.ok(e.line >= 1 && e.column >= 1);
      }
    }
    assert.ok(parsed > 0);
  });
  it('mutations of a valid body never throw anything else', () => {
    const base =
      '# HELP a_total Help \\n text.\n# TYPE a_total counter\na_total{x="1",y="a\\"b"} 1.5e3 1700000000000\n';
    for (let i = 0; i < base.length; i++) {
      for (const ch of ['', ' ', '\n', '"', '\\', '{', '}', '\u0000', '\r', ',', '=']) {
        const body = base.slice(0, i) + ch + base.slice(i + 1);
        try {
          parseExposition(body);
        } catch (e) {
          assert.ok(e instanceof ExpositionError, `${JSON.stringify(body)} threw ${String(e)}`);
        }
      }
    }
  });
  const MB = 1 << 20;
  const pathological: [string, string][] = [
    ['a huge metric name', 'a'.repeat(MB) + ' 1'],
    ['a huge label value', `a{b="${'x'.repeat(MB)}"} 1`],
    ['a huge escaped label value', `a{b="${'\\"'.repeat(MB / 2)}"} 1`],
    ['an unterminated quote over many lines', `a{b="${'x\n'.repeat(MB / 2)}`],
    ['many labels', `a{${'b="c",'.repeat(MB / 6)}} 1`],
    ['a huge value', `a ${'9'.repeat(MB)}`],
    ['a huge timestamp', `a 1 ${'9'.repeat(MB)}`],
    ['a huge comment', `# ${'x'.repeat(MB)}\na 1`],
    ['huge HELP text', `# HELP a ${'\\n'.repeat(MB / 2)}`],
    ['many NULs', `a{b="${'\u0000'.repeat(MB)}"} 1`],
    ['many blank lines', '\n'.repeat(MB)],
    ['many backslashes', `a{b="${'\\\\'.repeat(MB / 2)}`],
  ];
  for (const [what, body] of pathological) {
    it(`stays linear on ${what} (1 MB)`, () => {
      // CPU time, not wall time: a loaded machine stretches the latter several times over.
      const t0 = process.cpuUsage();
      try {
        parseExposition(body);
      } catch (e) {
        assert.ok(e instanceof ExpositionError);
      }
      const ms = cpuMsSince(t0);
      assert.ok(ms < 1000, `${what} took ${ms.toFixed(0)} ms`);
    });
  }
});
