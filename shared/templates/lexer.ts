// text/template's lexer, state for state as Go's: text and actions between {{ and }}, trim
// markers ("{{- " and " -}}" eat the white space beside them), comments, and inside an action
// the words, numbers, strings, variables, fields and punctuation. An error ends the stream
// with an 'error' token carrying Go's message.
import { goQuote } from './go-fmt';

export type TokenType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Token {
  type: TokenType;
  val: string;
  /** Offset in the template text (UTF-16 units; error messages convert to bytes). */
  pos: number;
  line: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
]);

const isKeyword = (t: TokenType): boolean => KEYWORDS.has(t) || t === 'dot';

/** Go's item.String(), as parse errors quote a token. */
export function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (isKeyword(t.type)) return `<${t.val}>`;
  if ([...t.val].length > 10) return goQuotePrefix(t.val, 10) + '...';
  return goQuote(t.val);
}

// %.10q: the string's first ten runes, quoted.
function goQuotePrefix(s: string, n: number): string {
  return goQuote([...s].slice(0, n).join(''));
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
const hasLeftTrimMarker = (s: string, i: number): boolean =>
  s[i] === '-' && i + 1 < s.length && isSpace(s[i + 1]);
const hasRightTrimMarker = (s: string, i: number): boolean => isSpace(s[i] ?? '') && s[i + 1] === '-';

const EOF = '';

type State = ((l: Lexer) => State) | null;

class Lexer {
  pos = 0;
  start = 0;
  parenDepth = 0;
  readonly tokens: Token[] = [];
  /** Offsets of the input's newlines, for a token's line. */
  private readonly newlines: number[] = [];
  constructor(
    readonly input: string,
    readonly breakOK: boolean,
  ) {
    for (let i = input.indexOf('\n'); i >= 0; i = input.indexOf('\n', i + 1)) this.newlines.push(i);
  }

  lineAt(pos: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  next(): string {
    if (this.pos >= this.input.length) return EOF;
    const cp = this.input.codePointAt(this.pos) as number;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    return c;
  }
  peek(): string {
    if (this.pos >= this.input.length) return EOF;
    return String.fromCodePoint(this.input.codePointAt(this.pos) as number);
  }
  /** Steps back over the last rune read (c). */
  backup(c: string): void {
    this.pos -= c.length;
  }
  emit(type: TokenType): void {
    this.tokens.push({
      type,
      val: this.input.slice(this.start, this.pos),
      pos: this.start,
      line: this.lineAt(this.start),
    });
    this.start = this.pos;
  }
  ignore(): void {
    this.start = this.pos;
  }
  errorf(message: string): State {
    this.tokens.push({ type: 'error', val: message, pos: this.start, line: this.lineAt(this.start) });
    return null;
  }
  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2))
      return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return r === RIGHT[0];
  }
}

/** Lexes a whole template; the last token is 'eof' or 'error'. */
export function lex(input: string, breakOK = true): Token[] {
  const l = new Lexer(input, breakOK);
  let state: State = lexText;
  while (state) state = state(l);
  const last = l.tokens[l.tokens.length - 1];
  if (!last || (last.type !== 'eof' && last.type !== 'error')) {
    l.tokens.push({ type: 'eof', val: '', pos: l.pos, line: l.lineAt(l.pos) });
  }
  return l.tokens;
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    if (l.pos > l.start) l.emit('text');
    l.emit('eof');
    return null;
  }
  // "{{- ": the text's trailing white space goes.
  let end = x;
  if (hasLeftTrimMarker(l.input, x + LEFT.length)) while (end > l.start && isSpace(l.input[end - 1])) end--;
  l.pos = end;
  if (l.pos > l.start) l.emit('text');
  l.pos = x;
  l.ignore();
  return lexLeftDelim;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT.length;
  const trim = hasLeftTrimMarker(l.input, l.pos);
  const after = trim ? 2 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + after)) {
    l.pos += after;
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.pos += after;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + RIGHT_COMMENT.length;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trim) l.pos += 2;
  l.pos += RIGHT.length;
  if (trim) while (l.pos < l.input.length && isSpace(l.input[l.pos])) l.pos++;
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const trim = hasRightTrimMarker(l.input, l.pos);
  if (trim) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.emit('rightDelim');
  if (trim) {
    while (l.pos < l.input.length && isSpace(l.input[l.pos])) l.pos++;
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): State {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(r);
    return lexSpace;
  }
  switch (r) {
    case '=':
      l.emit('assign');
      return lexInsideAction;
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case '|':
      l.emit('pipe');
      return lexInsideAction;
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.emit('leftParen');
      l.parenDepth++;
      return lexInsideAction;
    case ')':
      l.emit('rightParen');
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${goRune(r)}`);
      return lexInsideAction;
  }
  if (r === '.') {
    const c = l.input[l.pos];
    if (c === undefined || c < '0' || c > '9') return lexField;
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  const cp = r.codePointAt(0) as number;
  if (cp < 0x80 && cp >= 0x20 && cp !== 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${goRune(r)}`);
}

/** Go's %#U: U+0041 'A'. */
function goRune(r: string): string {
  const cp = r.codePointAt(0) as number;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(r) ? `U+${hex} '${r}'` : `U+${hex}`;
}

function lexSpace(l: Lexer): State {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // " -}}" after the spaces: the last space belongs to the trim marker.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos + 1)) {
    l.backup(l.input[l.pos - 1]);
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit('space');
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    if (r !== EOF) l.backup(r);
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${goRune(l.peek())}`);
    if (KEYWORDS.has(word)) {
      if ((word === 'break' || word === 'continue') && !l.breakOK) l.emit('identifier');
      else l.emit(word as TokenType);
    } else if (word === 'true' || word === 'false') l.emit('bool');
    else l.emit('identifier');
    return lexInsideAction;
  }
}

function lexField(l: Lexer): State {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) {
    l.emit('variable');
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) {
    l.emit(type === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r: string;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      if (r !== EOF) l.backup(r);
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${goRune(r)}`);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === '\\') {
      r = l.next();
      if (r !== EOF && r !== '\n') continue;
    }
    if (r === EOF || r === '\n') return l.errorf('unterminated character constant');
    if (r === "'") break;
  }
  l.emit('charConstant');
  return lexInsideAction;
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    // Complex: 1+2i.
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    l.emit('complex');
  } else l.emit('number');
  return lexInsideAction;
}

function accept(l: Lexer, valid: string): boolean {
  const c = l.peek();
  if (c !== EOF && valid.includes(c)) {
    l.next();
    return true;
  }
  return false;
}

function acceptRun(l: Lexer, valid: string): void {
  while (accept(l, valid));
}

function scanNumber(l: Lexer): boolean {
  accept(l, '+-');
  let digits = '0123456789_';
  if (accept(l, '0')) {
    if (accept(l, 'xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept(l, 'oO')) digits = '01234567_';
    else if (accept(l, 'bB')) digits = '01_';
  }
  acceptRun(l, digits);
  if (accept(l, '.')) acceptRun(l, digits);
  if (digits.length === 11 && accept(l, 'eE')) {
    accept(l, '+-');
    acceptRun(l, '0123456789_');
  }
  if (digits.length === 23 && accept(l, 'pP')) {
    accept(l, '+-');
    acceptRun(l, '0123456789_');
  }
  accept(l, 'i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === '\\') {
      r = l.next();
      if (r !== EOF && r !== '\n') continue;
    }
    if (r === EOF || r === '\n') return l.errorf('unterminated quoted string');
    if (r === '"') break;
  }
  l.emit('string');
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === '`') break;
  }
  l.emit('rawString');
  return lexInsideAction;
}
