// Prints an AST the way Prometheus 2.42 does: exprString is its Node.String() (canonical one-line
// form), prettyExpr its Pretty(0) (what /api/v1/format_query returns: split over lines, indented
// by two spaces, where a node's one-line form exceeds 100 characters).
import { formatDuration } from '../../../shared/duration';
import type { AggregateExpr, BinaryExpr, Expr, SubqueryExpr, TimeModifiers, VectorSelector } from './ast';

const MAX_LINE = 100;

/** Go's fmt %v of a float64: shortest digits, exponent form below 1e-4 and from 1e6. */
export function formatGoG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp >= -4 && exp < 6) return String(v);
  const [mant, e] = v.toExponential().split('e');
  const sign = e[0];
  const digits = e.slice(1);
  return `${mant}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

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

/** Prometheus's one-line canonical form of an expression. */
export function exprString(e: Expr): string {
  switch (e.type) {
    case 'NumberLiteral':
      return formatGoG(e.value);
    case 'StringLiteral':
      return goQuote(e.value);
    case 'VectorSelector':
      return selectorBody(e) + modifiers(e);
    case 'MatrixSelector':
      return `${selectorBody(e.selector)}[${formatDuration(e.rangeMs)}]${modifiers(e.selector)}`;
    case 'SubqueryExpr':
      return exprString(e.expr) + subquerySuffix(e);
    case 'Call':
      return `${e.func}(${e.args.map(exprString).join(', ')})`;
    case 'AggregateExpr':
      return `${aggOp(e)}(${e.param ? exprString(e.param) + ', ' : ''}${exprString(e.expr)})`;
    case 'BinaryExpr':
      return `${exprString(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${matchingStr(e)} ${exprString(e.rhs)}`;
    case 'UnaryExpr':
      return `${e.op}${exprString(e.expr)}`;
    case 'ParenExpr':
      return `(${exprString(e.expr)})`;
  }
}

const indent = (n: number) => '  '.repeat(n);

/** Prometheus's Pretty(level): the one-line form where it fits in 100 characters, else split. */
export function prettyExpr(e: Expr, level = 0): string {
  const flat = exprString(e);
  const fits = flat.length <= MAX_LINE;
  switch (e.type) {
    case 'AggregateExpr': {
      if (fits) return indent(level) + flat;
      let s = `${indent(level)}${aggOp(e)}(\n`;
      if (e.param) s += `${prettyExpr(e.param, level + 1)},\n`;
      return `${s}${prettyExpr(e.expr, level + 1)}\n${indent(level)})`;
    }
    case 'BinaryExpr':
      if (fits) return indent(level) + flat;
      return (
        `${prettyExpr(e.lhs, level + 1)}\n${indent(level)}${e.op}${e.returnBool ? ' bool' : ''}` +
        `${matchingStr(e)}\n${prettyExpr(e.rhs, level + 1)}`
      );
    case 'Call':
      if (fits) return indent(level) + flat;
      return `${indent(level)}${e.func}(\n${e.args.map((a) => prettyExpr(a, level + 1)).join(',\n')}\n${indent(level)})`;
    case 'ParenExpr':
      if (fits) return indent(level) + flat;
      return `${indent(level)}(\n${prettyExpr(e.expr, level + 1)}\n${indent(level)})`;
    case 'SubqueryExpr':
      if (fits) return flat;
      return prettyExpr(e.expr, level) + subquerySuffix(e);
    case 'UnaryExpr':
      return `${indent(level)}${e.op}${prettyExpr(e.expr, level).trim()}`;
    default:
      return indent(level) + flat;
  }
}
