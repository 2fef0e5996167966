// Prints an AST the way Prometheus 2.42 does: exprString is its Node.String() (canonical one-line
// form), prettyExpr its Pretty(0) (what /api/v1/format_query returns: split over lines, indented
// by two spaces, where a node's one-line form exceeds 100 characters).
import { formatDuration } from '../../../shared/duration';
import {
  leftSpine,
  type AggregateExpr,
  type BinaryExpr,
  type Expr,
  type SubqueryExpr,
  type TimeModifiers,
  type VectorSelector,
} from './ast';
import { InvalidQueryError } from './errors';
import { formatGoFloatG } from '../../../shared/format/go-float';

const MAX_LINE = 100;

/** Go's %q: a double-quoted string with Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function modifiers(e: TimeModifiers): string {
  let at = '';
  if (e.atMs !== null) at = ` @ ${(e.atMs / 1000).toFixed(3)}`;
  else if (e.atStartEnd) at = ` @ ${e.atStartEnd}()`;
  let offset = '';
  if (e.offsetMs > 0) offset = ` offset ${formatDuration(e.offsetMs)}`;
  else if (e.offsetMs < 0) offset = ` offset -${formatDuration(-e.offsetMs)}`;
  return at + offset;
}

function selectorBody(e: VectorSelector): string {
  const name = e.name ?? '';
  const parts: string[] = [];
  for (const m of e.matchers) {
    if (m.name === '__name__' && m.type === '=' && m.value === name) continue;
    parts.push(`${m.name}${m.type}${goQuote(m.value)}`);
  }
  if (parts.length === 0) return name;
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}{${parts.join(',')}}`;
}

function aggOp(e: AggregateExpr): string {
  if (e.without) return `${e.op} without (${e.grouping.join(', ')}) `;
  if (e.grouping.length > 0) return `${e.op} by (${e.grouping.join(', ')}) `;
  return e.op;
}

function matchingStr(e: BinaryExpr): string {
  const m = e.matching;
  if (!m || (m.labels.length === 0 && !m.on)) return '';
  let s = ` ${m.on ? 'on' : 'ignoring'} (${m.labels.join(', ')})`;
  if (m.card === 'many-to-one' || m.card === 'one-to-many') {
    s += ` group_${m.card === 'many-to-one' ? 'left' : 'right'} (${m.include.join(', ')})`;
  }
  return s;
}

function subquerySuffix(e: SubqueryExpr): string {
  const step = e.stepMs > 0 ? formatDuration(e.stepMs) : '';
  return `[${formatDuration(e.rangeMs)}:${step}]${modifiers(e)}`;
}

/** Longest /api/v1/format_query answer: Pretty() indents each level of an operator chain deeper. */
export const MAX_PRETTY_CHARS = 16 * 1024 * 1024;

/** Prometheus's one-line canonical form of an expression. */
export function exprString(e: Expr): string {
  return new Printer().flat(e);
}

/**
 * Prometheus's Pretty(level): the one-line form where it fits in 100 characters, else split.
 * Throws InvalidQueryError past MAX_PRETTY_CHARS (a 20k-operator chain would need ~400M).
 */
export function prettyExpr(e: Expr, level = 0): string {
  return new Printer().pretty(e, level);
}

const indent = (n: number) => '  '.repeat(n);

/**
 * One print: one-line forms are kept per node (Pretty asks for them at every level), and both
 * forms walk chains of left operands in a loop, so a 200k-operator chain prints in linear time
 * without a deep stack.
 */
class Printer {
  private readonly flats = new Map<Expr, string>();
  private prettyChars = 0;

  flat(e: Expr): string {
    let s = this.flats.get(e);
    if (s === undefined) {
      s = this.flatNode(e);
      this.flats.set(e, s);
    }
    return s;
  }

  private flatNode(e: Expr): string {
    switch (e.type) {
      case 'NumberLiteral':
        return formatGoFloatG(e.value);
      case 'StringLiteral':
        return goQuote(e.value);
      case 'VectorSelector':
        return selectorBody(e) + modifiers(e);
      case 'MatrixSelector':
        return `${selectorBody(e.selector)}[${formatDuration(e.rangeMs)}]${modifiers(e.selector)}`;
      case 'SubqueryExpr':
        return this.flat(e.expr) + subquerySuffix(e);
      case 'Call':
        return `${e.func}(${e.args.map((a) => this.flat(a)).join(', ')})`;
      case 'AggregateExpr':
        return `${aggOp(e)}(${e.param ? this.flat(e.param) + ', ' : ''}${this.flat(e.expr)})`;
      case 'BinaryExpr': {
        const spine = leftSpine(e);
        let s = this.flat(spine[spine.length - 1].lhs);
        for (let i = spine.length - 1; i >= 0; i--) {
          const n = spine[i];
          s = `${s} ${operator(n)} ${this.flat(n.rhs)}`;
          this.flats.set(n, s);
        }
        return s;
      }
      case 'UnaryExpr':
        return `${e.op}${this.flat(e.expr)}`;
      case 'ParenExpr':
        return `(${this.flat(e.expr)})`;
    }
  }

  /** New pretty-printed text, counted against MAX_PRETTY_CHARS. */
  private text(s: string): string {
    this.prettyChars += s.length;
    if (this.prettyChars > MAX_PRETTY_CHARS) {
      throw new InvalidQueryError(
        `formatted query would be longer than ${MAX_PRETTY_CHARS} characters (operators nested too deep)`,
      );
    }
    return s;
  }

  pretty(e: Expr, level: number): string {
    const flat = this.flat(e);
    if (flat.length <= MAX_LINE) {
      return e.type === 'SubqueryExpr' ? this.text(flat) : this.text(indent(level) + flat);
    }
    switch (e.type) {
      case 'AggregateExpr': {
        let s = this.text(`${indent(level)}${aggOp(e)}(\n`);
        if (e.param) s += `${this.pretty(e.param, level + 1)}${this.text(',\n')}`;
        return `${s}${this.pretty(e.expr, level + 1)}${this.text(`\n${indent(level)})`)}`;
      }
      case 'BinaryExpr': {
        // spine[k] is printed at level + k; the ones too long for a line come first.
        const spine = leftSpine(e);
        let j = 1;
        while (j < spine.length && this.flat(spine[j]).length > MAX_LINE) j++;
        let s =
          j < spine.length
            ? this.text(indent(level + j) + this.flat(spine[j]))
            : this.pretty(spine[j - 1].lhs, level + j);
        for (let k = j - 1; k >= 0; k--) {
          const n = spine[k];
          s += this.text(`\n${indent(level + k)}${operator(n)}\n`) + this.pretty(n.rhs, level + k + 1);
        }
        return s;
      }
      case 'Call':
        return (
          this.text(`${indent(level)}${e.func}(\n`) +
          e.args.map((a) => this.pretty(a, level + 1)).join(this.text(',\n')) +
          this.text(`\n${indent(level)})`)
        );
      case 'ParenExpr':
        return `${this.text(`${indent(level)}(\n`)}${this.pretty(e.expr, level + 1)}${this.text(`\n${indent(level)})`)}`;
      case 'SubqueryExpr':
        return this.pretty(e.expr, level) + this.text(subquerySuffix(e));
      case 'UnaryExpr':
        return `${this.text(`${indent(level)}${e.op}`)}${this.pretty(e.expr, level).trim()}`;
      default:
        return this.text(indent(level) + flat);
    }
  }
}

/** A binary operator with its bool and vector-matching modifiers. */
function operator(e: BinaryExpr): string {
  return `${e.op}${e.returnBool ? ' bool' : ''}${matchingStr(e)}`;
}
