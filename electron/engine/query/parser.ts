// PromQL parser: precedence climbing over the lexer's tokens, then a type-checking pass
// (check.ts). Error texts and positions follow Prometheus's parser, which clients match on.
import type { Matcher, MatchType } from '../store/types';
import type {
  AggregateOp,
  BinaryOp,
  Expr,
  MatrixSelector,
  SubqueryExpr,
  VectorMatching,
  VectorSelector,
} from './ast';
import { checkAST } from './check';
import { PromQLParseError } from './errors';
import { FUNCTIONS } from './function-defs';
import { lex, type Token } from './lexer';
import { parseDuration } from '../../../shared/duration';
import { compileMatcherRegex } from './regex';

const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};
/** Unary +/- bind like `*` (so `-a^b` is `-(a^b)` and `-a*b` is `(-a)*b`). */
const UNARY_OPERAND_PREC = 6;

/**
 * Most nested sub-expressions (parentheses, call and aggregation arguments, unary signs, `^`
 * and other right operands, subqueries of subqueries). The parser, the type check, the
 * evaluator and the printer recurse once per level, so this bounds their stacks; chains of
 * left-associative operators (`a + b + c ...`) do not nest and are not limited.
 */
export const MAX_NESTING = 500;

const SET_OPS = new Set(['and', 'or', 'unless']);
const AGGR_WITH_PARAM = new Set(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);

export function isSetOp(op: string): boolean {
  return SET_OPS.has(op);
}

/** Parses a PromQL expression; throws PromQLParseError with Prometheus's wording. */
export function parseExpr(input: string): Expr {
  const p = new Parser(input);
  const expr = p.parseTop();
  checkAST(expr, input);
  return expr;
}

/** Parses a `match[]` selector: it must be a plain vector selector. */
export function parseSeriesSelector(input: string): Matcher[] {
  const p = new Parser(input);
  const expr = p.parseTop();
  if (expr.type !== 'VectorSelector' || expr.offsetMs !== 0 || expr.atMs !== null || expr.atStartEnd) {
    const desc = expr.type === 'VectorSelector' ? 'vector selector with modifiers' : describeNode(expr);
    throw new PromQLParseError(`expected vector selector, got ${desc}`, input, expr.pos.start, expr.pos.end);
  }
  checkAST(expr, input);
  return expr.matchers;
}

function describeNode(e: Expr): string {
  switch (e.type) {
    case 'MatrixSelector':
      return 'range vector selector';
    case 'NumberLiteral':
      return 'number literal';
    case 'StringLiteral':
      return 'string literal';
    default:
      return e.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}

/** How Prometheus names a token in "unexpected ..." messages. */
export function tokenDesc(t: Token): string {
  switch (t.kind) {
    case 'EOF':
      return 'end of input';
    case 'ERROR':
      return t.val;
    case 'IDENTIFIER':
      return `identifier ${JSON.stringify(t.val)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${JSON.stringify(t.val)}`;
    case 'NUMBER':
      return `number ${goQuote(t.val)}`;
    case 'DURATION':
      return `duration ${goQuote(t.val)}`;
    case 'STRING':
      return `string ${goQuote(t.val)}`;
    case 'OP':
      return `<op:${t.val.toLowerCase()}>`;
    case 'AT':
      return '<op:@>';
    case 'KEYWORD':
      return `<${t.val.toLowerCase()}>`;
    case 'AGGR':
      return `<aggr:${t.val.toLowerCase()}>`;
    default:
      return JSON.stringify(t.val);
  }
}

/** Go's %q, shortened like Prometheus's item printer (%.10q...) for long values. */
function goQuote(s: string): string {
  return s.length > 10 ? `${JSON.stringify(s.slice(0, 10))}...` : JSON.stringify(s);
}

class Parser {
  private readonly toks: Token[];
  private i = 0;
  /** Sub-expressions open around the current token (see MAX_NESTING); the query itself is 0. */
  private depth = -1;

  constructor(private readonly input: string) {
    this.toks = lex(input);
  }

  parseTop(): Expr {
    if (this.peek().kind === 'EOF') this.fail('no expression found in input', 0, 0);
    const e = this.parseExpr(0);
    if (this.peek().kind !== 'EOF') this.unexpected();
    return e;
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    const t = this.toks[Math.min(this.i + offset, this.toks.length - 1)];
    // Tokens after an ERROR are never reached: the ERROR token is always last.
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind === 'ERROR') this.fail(t.val, t.pos, t.end);
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }

  private fail(msg: string, start: number, end: number): never {
    throw new PromQLParseError(msg, this.input, start, end);
  }

  private unexpected(context = '', expected = ''): never {
    const t = this.peek();
    if (t.kind === 'ERROR') this.fail(t.val, t.pos, t.end);
    let msg = `unexpected ${tokenDesc(t)}`;
    if (context) msg += ` in ${context}`;
    if (expected) msg += `, expected ${expected}`;
    this.fail(msg, t.pos, t.end);
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'OP' && ops.includes(t.val.toLowerCase());
  }

  private isKeyword(t: Token, kw: string): boolean {
    return t.kind === 'KEYWORD' && t.val.toLowerCase() === kw;
  }

  // ---- expressions ----

  private parseExpr(minPrec: number): Expr {
    // Opened by the token before: "(", a call's "(" or ",", a unary sign, an operator.
    this.nest(this.toks[Math.max(0, this.i - 1)]);
    let lhs = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'OP') break;
      const op = t.val.toLowerCase();
      const prec = PRECEDENCE[op];
      if (prec === undefined) this.unexpected();
      if (prec < minPrec) break;
      this.next();
      const mods = this.parseBinModifiers(op);
      const rhs = this.parseExpr(op === '^' ? prec : prec + 1);
      lhs = {
        type: 'BinaryExpr',
        op: op as BinaryOp,
        lhs,
        rhs,
        returnBool: mods.returnBool,
        matching: mods.matching,
        pos: { start: lhs.pos.start, end: rhs.pos.end },
      };
    }
    this.depth--;
    return lhs;
  }

  /**
   * Opens one more level of nesting; past MAX_NESTING the query is refused, not recursed. The
   * error points at `opener`, the token that opened the level.
   */
  private nest(opener: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING) {
      this.fail(`expression nesting too deep (more than ${MAX_NESTING} levels)`, opener.pos, opener.end);
    }
  }

  private parseBinModifiers(op: string): { returnBool: boolean; matching: VectorMatching } {
    let returnBool = false;
    const matching: VectorMatching = {
      card: isSetOp(op) ? 'many-to-many' : 'one-to-one',
      on: false,
      labels: [],
      include: [],
    };
    if (this.isKeyword(this.peek(), 'bool')) {
      this.next();
      returnBool = true;
    }
    const t = this.peek();
    if (this.isKeyword(t, 'on') || this.isKeyword(t, 'ignoring')) {
      this.next();
      matching.on = t.val.toLowerCase() === 'on';
      matching.labels = this.parseLabelList();
      const g = this.peek();
      if (this.isKeyword(g, 'group_left') || this.isKeyword(g, 'group_right')) {
        this.next();
        matching.card = g.val.toLowerCase() === 'group_left' ? 'many-to-one' : 'one-to-many';
        if (this.peek().kind === 'LEFT_PAREN') matching.include = this.parseLabelList();
      }
    }
    return { returnBool, matching };
  }

  /** `(a, b, ...)` as written after by/without/on/ignoring/group_x. */
  private parseLabelList(): string[] {
    if (this.peek().kind !== 'LEFT_PAREN') this.unexpected('grouping opts', '"("');
    this.next();
    const out: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'RIGHT_PAREN') {
        this.next();
        return out;
      }
      if (t.kind === 'STRING') out.push(t.str ?? '');
      else if (isLabelWord(t)) out.push(t.val);
      else this.unexpected('grouping opts', 'label');
      this.next();
      const sep = this.peek();
      if (sep.kind === 'COMMA') this.next();
      else if (sep.kind !== 'RIGHT_PAREN') this.unexpected('grouping opts', '"," or ")"');
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (this.isOp(t, '+', '-')) {
      this.next();
      const operand = this.parseExpr(UNARY_OPERAND_PREC);
      if (operand.type === 'NumberLiteral') {
        return {
          type: 'NumberLiteral',
          value: t.val === '-' ? -operand.value : operand.value,
          pos: { start: t.pos, end: operand.pos.end },
        };
      }
      return {
        type: 'UnaryExpr',
        op: t.val as '+' | '-',
        expr: operand,
        pos: { start: t.pos, end: operand.pos.end },
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** Range/subquery brackets, offset and @ bind tighter than any operator. */
  private parsePostfix(expr: Expr): Expr {
    let e = expr;
    let wraps = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'LEFT_BRACKET') {
        // Each `[...]` wraps what precedes it: `x[1m:][1m:]...` nests like parentheses.
        this.nest(t);
        wraps++;
        e = this.parseBrackets(e);
      } else if (this.isKeyword(t, 'offset')) e = this.parseOffset(e);
      else if (t.kind === 'AT') e = this.parseAt(e);
      else {
        this.depth -= wraps;
        return e;
      }
    }
  }

  private parseBrackets(e: Expr): Expr {
    const open = this.next();
    const rangeTok = this.peek();
    if (rangeTok.kind !== 'DURATION' && rangeTok.kind !== 'NUMBER') {
      this.unexpected('subquery or range selector', 'number, duration, step(), or range()');
    }
    const rangeMs = this.positiveDuration(this.next());
    const after = this.peek();
    if (after.kind === 'RIGHT_BRACKET') {
      const close = this.next();
      let err = '';
      if (e.type !== 'VectorSelector') err = 'ranges only allowed for vector selectors';
      else if (e.offsetMs !== 0) err = 'no offset modifiers allowed before range';
      else if (e.atMs !== null || e.atStartEnd) err = 'no @ modifiers allowed before range';
      if (err) this.fail(err, open.pos, close.end);
      const m: MatrixSelector = {
        type: 'MatrixSelector',
        selector: e as VectorSelector,
        rangeMs,
        pos: { start: e.pos.start, end: close.end },
      };
      return m;
    }
    if (after.kind !== 'COLON') this.unexpected('subquery or range', '":" or "]"');
    this.next();
    let stepMs = 0;
    const st = this.peek();
    if (st.kind === 'DURATION' || st.kind === 'NUMBER') {
      stepMs = this.positiveDuration(this.next());
      if (this.peek().kind !== 'RIGHT_BRACKET') this.unexpected('subquery selector', '"]"');
    } else if (st.kind !== 'RIGHT_BRACKET') {
      this.unexpected('subquery selector', 'number, duration, step(), range(), or "]"');
    }
    const close = this.next();
    const sq: SubqueryExpr = {
      type: 'SubqueryExpr',
      expr: e,
      rangeMs,
      stepMs,
      offsetMs: 0,
      atMs: null,
      atStartEnd: null,
      pos: { start: e.pos.start, end: close.end },
    };
    return sq;
  }

  /** A duration or a number of seconds inside brackets; must be > 0. */
  private positiveDuration(t: Token): number {
    const ms = this.durationMs(t);
    if (ms <= 0) this.fail('duration must be greater than 0', t.pos, t.end);
    return ms;
  }

  private durationMs(t: Token): number {
    if (t.kind === 'DURATION') {
      const ms = parseDuration(t.val);
      if (ms === null) this.fail(`not a valid duration string: ${JSON.stringify(t.val)}`, t.pos, t.end);
      return ms;
    }
    return Math.round(this.number(t) * 1000);
  }

  /** The modifiable selector behind `e` (vector selector, the one in a range selector, subquery). */
  private modifierTarget(e: Expr): VectorSelector | SubqueryExpr | null {
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') return e;
    if (e.type === 'MatrixSelector') return e.selector;
    return null;
  }

  private parseOffset(e: Expr): Expr {
    this.next();
    let sign = 1;
    let t = this.peek();
    if (this.isOp(t, '+', '-')) {
      sign = t.val === '-' ? -1 : 1;
      this.next();
      t = this.peek();
    }
    if (t.kind !== 'DURATION' && t.kind !== 'NUMBER') {
      this.unexpected('offset', 'number, duration, step(), or range()');
    }
    this.next();
    const ms = sign * this.durationMs(t);
    const target = this.modifierTarget(e);
    if (!target) {
      this.fail(
        'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        e.pos.start,
        e.pos.end,
      );
    }
    if (target.offsetMs !== 0) this.fail('offset may not be set multiple times', e.pos.start, e.pos.end);
    target.offsetMs = ms;
    e.pos = { start: e.pos.start, end: t.end };
    return e;
  }

  private parseAt(e: Expr): Expr {
    this.next();
    let t = this.peek();
    let atMs: number | null = null;
    let startEnd: 'start' | 'end' | null = null;
    let end: number;
    if (t.kind === 'IDENTIFIER' && (t.val === 'start' || t.val === 'end')) {
      this.next();
      if (this.peek().kind !== 'LEFT_PAREN') this.unexpected('@', 'timestamp');
      this.next();
      if (this.peek().kind !== 'RIGHT_PAREN') this.unexpected('@', 'timestamp');
      end = this.next().end;
      startEnd = t.val;
    } else {
      let sign = 1;
      if (this.isOp(t, '+', '-')) {
        sign = t.val === '-' ? -1 : 1;
        this.next();
        t = this.peek();
      }
      if (t.kind !== 'NUMBER' && t.kind !== 'DURATION') this.unexpected('@', 'timestamp');
      this.next();
      end = t.end;
      const secs = sign * (t.kind === 'DURATION' ? this.durationMs(t) / 1000 : this.number(t));
      if (!Number.isFinite(secs) || Math.abs(secs) * 1000 > 9.2e18) {
        this.fail(`timestamp out of bounds for @ modifier: ${secs.toFixed(6)}`, e.pos.start, end);
      }
      atMs = Math.round(secs * 1000);
    }
    const target = this.modifierTarget(e);
    if (!target) {
      this.fail(
        '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        e.pos.start,
        e.pos.end,
      );
    }
    if (target.atMs !== null || target.atStartEnd) {
      this.fail('@ <timestamp> may not be set multiple times', e.pos.start, e.pos.end);
    }
    target.atMs = atMs;
    target.atStartEnd = startEnd;
    e.pos = { start: e.pos.start, end };
    return e;
  }

  private number(t: Token): number {
    const s = t.val.replace(/_/g, '');
    const lower = s.toLowerCase();
    if (lower === 'inf' || lower === '+inf') return Infinity;
    if (lower === 'nan') return NaN;
    if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
    // Go's ParseInt with base 0 reads a leading 0 as octal.
    if (/^0[0-7]+$/.test(s)) return parseInt(s, 8);
    const v = Number(s);
    if (Number.isNaN(v)) this.fail(`error parsing number: ${s}`, t.pos, t.end);
    return v;
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'NUMBER':
        this.next();
        return { type: 'NumberLiteral', value: this.number(t), pos: { start: t.pos, end: t.end } };
      case 'DURATION':
        this.next();
        return {
          type: 'NumberLiteral',
          value: this.durationMs(t) / 1000,
          pos: { start: t.pos, end: t.end },
        };
      case 'STRING':
        this.next();
        return { type: 'StringLiteral', value: t.str ?? '', pos: { start: t.pos, end: t.end } };
      case 'LEFT_PAREN': {
        this.next();
        const inner = this.parseExpr(0);
        if (this.peek().kind !== 'RIGHT_PAREN') this.unexpected();
        const close = this.next();
        return { type: 'ParenExpr', expr: inner, pos: { start: t.pos, end: close.end } };
      }
      case 'LEFT_BRACE':
        return this.parseSelector(null, t.pos);
      case 'AGGR': {
        const n = this.peek(1);
        if (n.kind === 'LEFT_PAREN' || this.isKeyword(n, 'by') || this.isKeyword(n, 'without')) {
          return this.parseAggregate();
        }
        this.next();
        return this.parseSelector(t.val, t.pos);
      }
      case 'IDENTIFIER':
        if (this.peek(1).kind === 'LEFT_PAREN') return this.parseCall();
        this.next();
        return this.parseSelector(t.val, t.pos);
      case 'METRIC_IDENTIFIER':
      case 'KEYWORD':
        this.next();
        return this.parseSelector(t.val, t.pos);
      case 'OP':
        if (/^[a-z]/i.test(t.val)) {
          this.next();
          return this.parseSelector(t.val, t.pos);
        }
        return this.unexpected();
      default:
        return this.unexpected();
    }
  }

  private parseCall(): Expr {
    const name = this.next();
    const fn = FUNCTIONS.get(name.val);
    if (!fn) this.fail(`unknown function with name ${JSON.stringify(name.val)}`, name.pos, name.end);
    this.next(); // (
    const args: Expr[] = [];
    if (this.peek().kind !== 'RIGHT_PAREN') {
      for (;;) {
        args.push(this.parseExpr(0));
        const sep = this.peek();
        if (sep.kind === 'COMMA') {
          this.next();
          if (this.peek().kind === 'RIGHT_PAREN') {
            this.fail('trailing commas not allowed in function call args', sep.pos, sep.end);
          }
          continue;
        }
        if (sep.kind === 'RIGHT_PAREN') break;
        this.unexpected('function call args', '"," or ")"');
      }
    }
    const close = this.next();
    return {
      type: 'Call',
      func: name.val,
      args,
      returnType: fn.returnType,
      pos: { start: name.pos, end: close.end },
    };
  }

  private parseAggregate(): Expr {
    const opTok = this.next();
    const op = opTok.val.toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let sawGrouping = false;
    const readGrouping = (): void => {
      const kw = this.next();
      without = kw.val.toLowerCase() === 'without';
      grouping = this.parseLabelList();
      sawGrouping = true;
    };
    if (this.peek().kind === 'KEYWORD') readGrouping();
    if (this.peek().kind !== 'LEFT_PAREN') this.unexpected('aggregation', '"("');
    const open = this.next();
    const args: Expr[] = [];
    if (this.peek().kind !== 'RIGHT_PAREN') {
      for (;;) {
        args.push(this.parseExpr(0));
        const sep = this.peek();
        if (sep.kind === 'COMMA') {
          this.next();
          if (this.peek().kind === 'RIGHT_PAREN') break;
          continue;
        }
        if (sep.kind === 'RIGHT_PAREN') break;
        this.unexpected('aggregation', '"," or ")"');
      }
    }
    let close = this.next();
    const t = this.peek();
    if (!sawGrouping && (this.isKeyword(t, 'by') || this.isKeyword(t, 'without'))) {
      readGrouping();
      close = this.toks[this.i - 1];
    }
    const pos = { start: opTok.pos, end: close.end };
    if (args.length === 0) {
      this.fail('no arguments for aggregate expression provided', pos.start, pos.end);
    }
    const want = AGGR_WITH_PARAM.has(op) ? 2 : 1;
    if (args.length !== want) {
      this.fail(
        `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`,
        pos.start,
        pos.end,
      );
    }
    void open;
    return {
      type: 'AggregateExpr',
      op,
      expr: args[want - 1],
      param: want === 2 ? args[0] : null,
      grouping,
      without,
      pos,
    };
  }

  /** `name`, `name{...}` or `{...}`; `start` is where the selector text begins. */
  private parseSelector(name: string | null, start: number): VectorSelector {
    const matchers: Matcher[] = [];
    let end = name === null ? start : start + name.length;
    if (this.peek().kind === 'LEFT_BRACE') {
      this.next();
      for (;;) {
        const t = this.peek();
        if (t.kind === 'RIGHT_BRACE') break;
        if (t.kind !== 'IDENTIFIER' && t.kind !== 'STRING') {
          this.unexpected('label matching', 'identifier or "}"');
        }
        this.next();
        const label = t.kind === 'STRING' ? (t.str ?? '') : t.val;
        const opTok = this.peek();
        if (t.kind === 'STRING' && (opTok.kind === 'COMMA' || opTok.kind === 'RIGHT_BRACE')) {
          // A bare quoted name inside the braces is the metric name.
          matchers.push({ name: '__name__', type: '=', value: label });
        } else {
          let type: MatchType;
          if (opTok.kind === 'EQL') type = '=';
          else if (opTok.kind === 'OP' && (opTok.val === '!=' || opTok.val === '=~' || opTok.val === '!~')) {
            type = opTok.val;
          } else this.unexpected('label matching', 'label matching operator');
          this.next();
          const v = this.peek();
          if (v.kind !== 'STRING') this.unexpected('label matching', 'string');
          this.next();
          const value = v.str ?? '';
          if (type === '=~' || type === '!~') {
            const err = compileMatcherRegex(value).error;
            if (err) this.fail(err, v.pos, v.end);
          }
          matchers.push({ name: label, type, value });
        }
        const sep = this.peek();
        if (sep.kind === 'COMMA') this.next();
        else if (sep.kind !== 'RIGHT_BRACE') this.unexpected('label matching', '"," or "}"');
      }
      end = this.next().end;
    }
    if (name !== null) matchers.push({ name: '__name__', type: '=', value: name });
    return {
      type: 'VectorSelector',
      name,
      matchers,
      offsetMs: 0,
      atMs: null,
      atStartEnd: null,
      pos: { start, end },
    };
  }
}

/** Tokens usable as a label name in grouping lists (keywords and operators included). */
function isLabelWord(t: Token): boolean {
  if (t.kind === 'IDENTIFIER' || t.kind === 'KEYWORD' || t.kind === 'AGGR') return true;
  if (t.kind === 'OP' && /^[a-z]/i.test(t.val)) return true;
  return t.kind === 'NUMBER' && /^(inf|nan)$/i.test(t.val);
}
