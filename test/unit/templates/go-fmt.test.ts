// Go's fmt for template values: verbs, flags, widths, precisions and in-band errors, and
// floats rounded half to even on their exact binary value as strconv does (outputs as Go 1.19
// prints them, checked with promtool 2.42).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote, sprint, sprintf, sprintln } from '../../../shared/templates/go-fmt';
import { formatFloat } from '../../../shared/templates/go-float-format';
import { GoHTML, GoStruct, GoTime, stringMap, type GoValue } from '../../../shared/templates/values';

const f = (format: string, ...args: GoValue[]) => sprintf(format, args);

test('%v of each kind, and Sprint / Sprintln spacing', () => {
  assert.equal(f('%v %v %v %v %v', true, 1n, 1.5, 's', undefined), 'true 1 1.5 s <nil>');
  assert.equal(f('%v %v %v %v', 100000, 1000000, 0.0001, 0.00001), '100000 1e+06 0.0001 1e-05');
  assert.equal(f('%v %v %v', 1e100, -0, NaN), '1e+100 -0 NaN');
  assert.equal(
    f('%v|%d', stringMap({ b: 'x', a: 'y' }), stringMap({ a: 'y' })),
    'map[a:y b:x]|map[%!d(string=a):%!d(string=y)]',
  );
  const s = new GoStruct(
    '*template.sample',
    new Map<string, GoValue>([
      ['Labels', stringMap({ a: '1' })],
      ['Value', 2],
    ]),
  );
  assert.equal(f('%v %+v', s, s), '&{map[a:1] 2} &{Labels:map[a:1] Value:2}');
  assert.equal(
    f('%v %s', new GoTime(86_400_123), new GoTime(0)),
    '1970-01-02 00:00:00.123 +0000 UTC 1970-01-01 00:00:00 +0000 UTC',
  );
  assert.equal(f('%s %q', new GoHTML('<b>'), new GoHTML('x')), '<b> "x"');
  assert.equal(sprint([1n, 2n, 'a', 'b', 3n, true]), '1 2ab3 true');
  assert.equal(sprintln([1n, 'a']), '1 a\n');
  assert.equal(sprint([undefined]), '<nil>');
});

test('integers: %d %x %X %o %O %b %c %q %U with flags', () => {
  assert.equal(
    f('%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U', 42n, 42n, 42n, -42n, 255n, 255n, 8n, 5n, 65n, 65n, 65n),
    "42|   42|42   |-0042|ff|FF|10|101|A|'A'|U+0041",
  );
  assert.equal(f('%+08d|%x|%#o|%o|%#x|%O', 42n, -255n, 8n, -8n, 255n, 8n), '+0000042|-ff|010|-10|0xff|0o10');
  assert.equal(f('%-08d|% d|% d|%+d|%.3d', 5n, 5n, -5n, 0n, 7n), '5       | 5|-5|+0|007');
});

test('floats: %f %e %g with precision, flags and width', () => {
  assert.equal(
    f('%.2f|%8.3f|%-8.1f|%08.2f|%+.1e|%g|%G|%e', 3.14159, 2.5, 1.25, -3.5, 12345.678, 1e-7, 1e21, 0),
    '3.14|   2.500|1.2     |-0003.50|+1.2e+04|1e-07|1E+21|0.000000e+00',
  );
  assert.equal(
    f('%08.3f|%X|%x|%x', -3.14159, 3.5, 1, 0.1),
    '-003.142|0X1.CP+01|0x1p+00|0x1.999999999999ap-04',
  );
  assert.equal(f('%6.2f%%', 99.5), ' 99.50%');
  assert.equal(
    f('%.3g|%.10g|%.4g|%.4g|%#.4g|%#g', 1234567, 0.1, 0.00012345, 123456, 1, 2),
    '1.23e+06|0.1|0.0001234|1.235e+05|1.000|2.00000',
  );
  assert.equal(
    f('%f %v %+v % v %5.1f|%-6v|', Infinity, -Infinity, Infinity, NaN, NaN, 1.5),
    '+Inf -Inf +Inf  NaN   NaN|1.5   |',
  );
  assert.equal(f('%08.2f|%+.0f', -Infinity, 2.5), '    -Inf|+2');
});

test('rounding is half to even on the exact binary value', () => {
  // 0.5, 1.5 and 2.5 are exact: ties go to even. 2.675 and 1.005 are just below their ties.
  assert.equal(f('%.0f %.0f %.0f %.1f %.2f %.2f', 0.5, 1.5, 2.5, 0.25, 1.005, 2.675), '0 2 2 0.2 1.00 2.67');
  assert.equal(f('%.1f %.3e %.0e %.2f', 0.05, 1.0005, 5.5, 0.125), '0.1 1.000e+00 6e+00 0.12');
  assert.equal(formatFloat(9.9999, 'f', 2), '10.00');
  // 999.95 is 999.950000000000045...: above the tie, so it rounds up.
  assert.equal(formatFloat(999.95, 'g', 4), '1000');
  assert.equal(formatFloat(0.125, 'g', 2), '0.12');
  assert.equal(formatFloat(5e-324, 'e', 3), '4.941e-324');
  assert.equal(formatFloat(1.7976931348623157e308, 'f', 0).length, 309);
  assert.equal(formatFloat(-0, 'f', 1), '-0.0');
});

test('strings: %s %q %x with precision and flags', () => {
  assert.equal(
    f(
      '%s|%10s|%-10s|%.2s|%q|%x|% x|%#x|%X',
      'héllo',
      'hi',
      'hi',
      'héllo',
      'tab\there',
      'hi',
      'hi',
      'hi',
      'hi',
    ),
    'héllo|        hi|hi        |hé|"tab\\there"|6869|68 69|0x6869|6869',
  );
  assert.equal(
    f('%3.1s|%.0s|%q|%#q|%+q', 'abc', 'abc', 'é\x01', 'back`', 'é'),
    '  a||"é\\x01"|"back`"|"\\u00e9"',
  );
  assert.equal(f('%#q', 'plain'), '`plain`');
  assert.equal(goQuote('a"b\\\n\u2028\u{1F600}'), '"a\\"b\\\\\\n\\u2028\u{1F600}"');
});

test('in-band errors: wrong verb, missing and extra arguments, %T, argument indexes, * widths', () => {
  assert.equal(
    f('%s %d %f %z %t', 1n, 1.5, 'x', 1n, 'x'),
    '%!s(int=1) %!d(float64=1.5) %!f(string=x) %!z(int=1) %!t(string=x)',
  );
  assert.equal(f('%d %d', 1n), '1 %!d(MISSING)');
  assert.equal(f('%d', 1n, 2n, 'x'), '1%!(EXTRA int=2, string=x)');
  assert.equal(f('%!'), '%!!(MISSING)');
  assert.equal(f('100%%'), '100%');
  assert.equal(f('%'), '%!(NOVERB)');
  assert.equal(f('%d', undefined), '%!d(<nil>)');
  assert.equal(
    f('%T %T %T %T %T %T', 1n, 1.5, 'x', true, stringMap({}), undefined),
    'int float64 string bool map[string]string <nil>',
  );
  assert.equal(f('%[1]d %[1]d %[2]s', 5n, 'x'), '5 5 x');
  assert.equal(f('%*d|%-*d|%.*f', 5n, 1n, 5n, 1n, 2n, 3.14159), '    1|1    |3.14');
  assert.equal(f('%*d', 'x', 1n), '%!(BADWIDTH)1');
  assert.equal(f('%5t|%-7v|%3c', true, undefined, 66n), ' true|<nil>  |  B');
  // A wrong verb shows the operand under %v with the same flags, width and precision.
  assert.equal(
    f('%08.3f|%5.1f|%+d|%6s|', 'str', 'Inf', 0.25, NaN),
    '%!f(string=00000str)|%!f(string=    I)|%!d(float64=+0.25)|%!s(float64=   NaN)|',
  );
});

test('the 0 flag: zeros for strings, spaces for integers with a precision', () => {
  assert.equal(f('%05s|%05q|%05t', 'ab', 'a', true), '000ab|00"a"|0true');
  assert.equal(f('%08.3d|%08.3f', 7n, 0n), '     007|%!f(int=     000)');
  assert.equal(f('%#U|%#U|%#b|%05c', 65n, 7n, 5n, 65n), "U+0041 'A'|U+0007|0b101|0000A");
});

// An oracle for %.Nf: the double's exact value as a fraction (BigInt), rounded half to even.
function exactFixed(v: number, prec: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  const exp = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mant += 1n << 52n;
  // value = mant * 2^exp; scaled = value * 10^prec as num / den
  let num = mant * 10n ** BigInt(prec);
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q++;
  const s = q.toString().padStart(prec + 1, '0');
  const out = prec === 0 ? s : `${s.slice(0, -prec)}.${s.slice(-prec)}`;
  return (v < 0 || Object.is(v, -0) ? '-' : '') + out;
}

test('%.Nf agrees with exact half-to-even rounding on random doubles, ties included', () => {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 3000; i++) {
    const prec = Math.floor(rnd() * 8);
    // Ties: k/2^j values; others: anything in a wide range.
    const v =
      i % 3 === 0
        ? Math.floor(rnd() * 100000) / 2 ** Math.floor(rnd() * 12)
        : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 24 - 8);
    assert.equal(formatFloat(v, 'f', prec), exactFixed(v, prec), `${v} %.${prec}f`);
  }
});
