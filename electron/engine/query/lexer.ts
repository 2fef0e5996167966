// PromQL lexer. Like Prometheus's it is stateful (inside braces, inside brackets, paren depth)
// and turns the first lexical problem into an ERROR token so the parser reports it in order.

export type TokenKind =
  | 'EOF'
  | 'ERROR'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'EQL'
  | 'COLON'
  | 'AT'
  | 'OP'
  | 'KEYWORD'
  | 'AGGR';

export interface Token {
  kind: TokenKind;
  /** The source text (for ERROR: the error message). */
  val: string;
  /** Unquoted value of a STRING. */
  str?: string;
  pos: number;
  end: number;
}

export const AGGREGATORS = new Set([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
]);

const KEYWORDS = new Set(['offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool']);
const WORD_OPS = new Set(['and', 'or', 'unless', 'atan2']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const NUMBER_RE =
  /0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]*(?:_[0-9]+)*)?(?:[eE][+-]?[0-9]+)?/y;
const DURATION_RE = /(?:[0-9]+(?:ms|[smhdwy]))+/y;

/** Go's quoted-string description ("%q") for a single character. */
function q(c: string): string {
  return JSON.stringify(c).replace(/\\u0000/g, '\\x00');
}

export function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;

  const emit = (kind: TokenKind, start: number, end: number, str?: string): void => {
    const t: Token = { kind, val: input.slice(start, end), pos: start, end };
    if (str !== undefined) t.str = str;
    out.push(t);
  };
  const fail = (msg: string, start: number): Token[] => {
    out.push({ kind: 'ERROR', val: msg, pos: start, end: Math.max(i, start) });
    return out;
  };

  while (true) {
    // Whitespace and comments.
    while (i < input.length) {
      const c = input[i];
      if (isSpace(c)) i++;
      else if (c === '#') {
        while (i < input.length && input[i] !== '\n') i++;
      } else break;
    }
    const start = i;
    if (i >= input.length) {
      if (braceOpen) return fail('unexpected end of input inside braces', start);
      if (parenDepth !== 0) return fail('unclosed left parenthesis', start);
      if (bracketOpen) return fail('unclosed left bracket', start);
      emit('EOF', start, start);
      return out;
    }
    const c = input[i];

    if (braceOpen) {
      if (isAlpha(c)) {
        i++;
        while (i < input.length && isAlnum(input[i])) i++;
        emit('IDENTIFIER', start, i);
      } else if (c === '"' || c === "'" || c === '`') {
        const r = lexString(input, i);
        if (typeof r === 'string') {
          i = input.length;
          return fail(r, start);
        }
        i = r.end;
        emit('STRING', start, i, r.value);
      } else if (c === ',') {
        i++;
        emit('COMMA', start, i);
      } else if (c === '=') {
        i++;
        if (input[i] === '~') {
          i++;
          emit('OP', start, i);
        } else emit('EQL', start, i);
      } else if (c === '!') {
        const n = input[i + 1];
        i += 2;
        if (n === '=' || n === '~') emit('OP', start, i);
        else return fail(`unexpected character after '!' inside braces: ${q(n ?? '')}`, start);
      } else if (c === '}') {
        i++;
        braceOpen = false;
        emit('RIGHT_BRACE', start, i);
      } else if (c === '{') {
        i++;
        return fail(`unexpected left brace ${q(c)}`, start);
      } else {
        i++;
        return fail(`unexpected character inside braces: ${q(c)}`, start);
      }
      continue;
    }

    if (isDigit(c) || (c === '.' && isDigit(input[i + 1] ?? ''))) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(input);
      let end = m ? i + m[0].length : i;
      if (end > i && !isAlnum(input[end] ?? '') && input[end] !== '.') {
        i = end;
        emit('NUMBER', start, i);
        continue;
      }
      DURATION_RE.lastIndex = i;
      const d = DURATION_RE.exec(input);
      if (d && !isAlnum(input[i + d[0].length] ?? '')) {
        i += d[0].length;
        emit('DURATION', start, i);
        continue;
      }
      end = Math.max(end, i + 1);
      while (end < input.length && (isAlnum(input[end]) || input[end] === '.')) end++;
      i = end;
      return fail(`bad number or duration syntax: ${JSON.stringify(input.slice(start, end))}`, start);
    }

    if (isAlpha(c) || (c === ':' && !bracketOpen)) {
      i++;
      while (i < input.length && (isAlnum(input[i]) || input[i] === ':')) i++;
      const word = input.slice(start, i);
      const lower = word.toLowerCase();
      if (word.includes(':')) emit('METRIC_IDENTIFIER', start, i);
      else if (lower === 'inf' || lower === 'nan') emit('NUMBER', start, i);
      else if (AGGREGATORS.has(lower)) emit('AGGR', start, i);
      else if (KEYWORDS.has(lower)) emit('KEYWORD', start, i);
      else if (WORD_OPS.has(lower)) emit('OP', start, i);
      else emit('IDENTIFIER', start, i);
      continue;
    }

    i++;
    switch (c) {
      case ',':
        emit('COMMA', start, i);
        break;
      case '*':
      case '/':
      case '%':
      case '+':
      case '-':
      case '^':
        emit('OP', start, i);
        break;
      case '=':
        if (input[i] === '=') {
          i++;
          emit('OP', start, i);
        } else if (input[i] === '~') {
          return fail(`unexpected character after '=': ${q('~')}`, start);
        } else emit('EQL', start, i);
        break;
      case '!':
        if (input[i] !== '=') {
          const n = input[i] ?? '';
          i++;
          return fail(`unexpected character after '!': ${q(n)}`, start);
        }
        i++;
        emit('OP', start, i);
        break;
      case '<':
      case '>':
        if (input[i] === '=') i++;
        emit('OP', start, i);
        break;
      case '"':
      case "'":
      case '`': {
        const r = lexString(input, start);
        if (typeof r === 'string') {
          i = input.length;
          return fail(r, start);
        }
        i = r.end;
        emit('STRING', start, i, r.value);
        break;
      }
      case '(':
        parenDepth++;
        emit('LEFT_PAREN', start, i);
        break;
      case ')':
        emit('RIGHT_PAREN', start, i);
        parenDepth--;
        if (parenDepth < 0) return fail(`unexpected right parenthesis ${q(c)}`, start);
        break;
      case '{':
        braceOpen = true;
        emit('LEFT_BRACE', start, i);
        break;
      case '[':
        if (bracketOpen) return fail(`unexpected left bracket ${q(c)}`, start);
        bracketOpen = true;
        gotColon = false;
        emit('LEFT_BRACKET', start, i);
        break;
      case ']':
        if (!bracketOpen) return fail(`unexpected right bracket ${q(c)}`, start);
        bracketOpen = false;
        emit('RIGHT_BRACKET', start, i);
        break;
      case ':':
        if (gotColon) return fail(`unexpected colon ${q(c)}`, start);
        gotColon = true;
        emit('COLON', start, i);
        break;
      case '@':
        emit('AT', start, i);
        break;
      default:
        return fail(`unexpected character: ${q(c)}`, start);
    }
  }
}

/** Lexes a quoted string at `start`; returns its end and unquoted value, or an error message. */
function lexString(input: string, start: number): { end: number; value: string } | string {
  const quote = input[start];
  let i = start + 1;
  let value = '';
  if (quote === '`') {
    const close = input.indexOf('`', i);
    if (close < 0) return 'unterminated raw string';
    return { end: close + 1, value: input.slice(i, close) };
  }
  while (true) {
    if (i >= input.length || input[i] === '\n') return 'unterminated quoted string';
    const c = input[i];
    if (c === quote) return { end: i + 1, value };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    i++;
    if (i >= input.length) return 'escape sequence not terminated';
    const e = input[i++];
    switch (e) {
      case 'a':
        value += '\x07';
        break;
      case 'b':
        value += '\b';
        break;
      case 'f':
        value += '\f';
        break;
      case 'n':
        value += '\n';
        break;
      case 'r':
        value += '\r';
        break;
      case 't':
        value += '\t';
        break;
      case 'v':
        value += '\v';
        break;
      case '\\':
        value += '\\';
        break;
      case quote:
        value += quote;
        break;
      case 'x':
      case 'u':
      case 'U':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        const octal = e >= '0' && e <= '7';
        const n = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 2;
        const base = octal ? 8 : 16;
        const digits = input.slice(i, i + n);
        if (digits.length < n) return 'escape sequence not terminated';
        const re = octal ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
        if (!re.test(digits)) {
          const bad = [...digits].find((d) => !re.test(d)) ?? '';
          return `illegal character ${unicodeDesc(bad)} in escape sequence`;
        }
        i += n;
        const code = parseInt(octal ? e + digits : digits, base);
        if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000))
          return 'escape sequence is an invalid Unicode code point';
        if (octal && code > 255) return 'escape sequence is an invalid Unicode code point';
        value += e === 'x' || octal ? String.fromCharCode(code) : String.fromCodePoint(code);
        break;
      }
      default:
        return `unknown escape sequence ${unicodeDesc(e)}`;
    }
  }
}

/** Go's %#U rendering: U+0071 'q'. */
function unicodeDesc(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}
