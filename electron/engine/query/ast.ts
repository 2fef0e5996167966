// The PromQL syntax tree. Positions are character offsets [start, end) into the query.
import type { Matcher } from '../store/types';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface PosRange {
  start: number;
  end: number;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'and'
  | 'or'
  | 'unless';

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export interface NumberLiteral {
  type: 'NumberLiteral';
  value: number;
  pos: PosRange;
}

export interface StringLiteral {
  type: 'StringLiteral';
  value: string;
  pos: PosRange;
}

/** Fields shared by nodes that take `offset` and `@`. */
export interface TimeModifiers {
  /** Offset in ms (positive looks back). */
  offsetMs: number;
  /** `@ <ts>` in ms, or null. */
  atMs: number | null;
  /** `@ start()` / `@ end()`, resolved to atMs by the engine per query. */
  atStartEnd: 'start' | 'end' | null;
}

export interface VectorSelector extends TimeModifiers {
  type: 'VectorSelector';
  /** Metric name when written outside the braces (or as a bare quoted name). */
  name: string | null;
  matchers: Matcher[];
  pos: PosRange;
}

export interface MatrixSelector {
  type: 'MatrixSelector';
  selector: VectorSelector;
  rangeMs: number;
  pos: PosRange;
}

export interface SubqueryExpr extends TimeModifiers {
  type: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  /** 0 means "the query's step / default evaluation interval". */
  stepMs: number;
  pos: PosRange;
}

export interface Call {
  type: 'Call';
  func: string;
  args: Expr[];
  returnType: ValueType;
  pos: PosRange;
}

export interface AggregateExpr {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  param: Expr | null;
  grouping: string[];
  without: boolean;
  pos: PosRange;
}

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** true for on(...), false for ignoring(...) (or no clause). */
  on: boolean;
  labels: string[];
  /** Extra labels of group_left/group_right. */
  include: string[];
}

export interface BinaryExpr {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  /** Null when either side is a scalar. */
  matching: VectorMatching | null;
  pos: PosRange;
}

export interface UnaryExpr {
  type: 'UnaryExpr';
  op: '-' | '+';
  expr: Expr;
  pos: PosRange;
}

export interface ParenExpr {
  type: 'ParenExpr';
  expr: Expr;
  pos: PosRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

/**
 * The value type an expression evaluates to (types are checked at parse time). Iterative, so a
 * chain of 200k operators costs one walk and no stack: a binary expression is a scalar only when
 * every operand under it (through parentheses and unary signs) is one.
 */
export function typeOf(e: Expr): ValueType {
  const top = leaf(e);
  if (top.type !== 'BinaryExpr') return leafType(top);
  const todo: Expr[] = [top.lhs, top.rhs];
  while (todo.length > 0) {
    const x = leaf(todo.pop()!);
    if (x.type === 'BinaryExpr') todo.push(x.lhs, x.rhs);
    else if (leafType(x) !== 'scalar') return 'vector';
  }
  return 'scalar';
}

/** `e` without the parentheses and unary signs around it (which keep its type). */
function leaf(e: Expr): Exclude<Expr, ParenExpr | UnaryExpr> {
  let x = e;
  while (x.type === 'ParenExpr' || x.type === 'UnaryExpr') x = x.expr;
  return x;
}

function leafType(e: Exclude<Expr, ParenExpr | UnaryExpr | BinaryExpr>): ValueType {
  switch (e.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'Call':
      return e.returnType;
  }
}

/**
 * The binary expressions down the left operands of `e`, `e` first: `a + b - c` gives
 * [(a + b) - c, a + b]. Left-associative chains nest this way without limit (they need no
 * parentheses), so walkers loop over this list instead of recursing into `lhs`.
 */
export function leftSpine(e: BinaryExpr): BinaryExpr[] {
  const out = [e];
  let x = e.lhs;
  while (x.type === 'BinaryExpr') {
    out.push(x);
    x = x.lhs;
  }
  return out;
}

/** Prometheus's user-facing type names ("instant vector", "range vector"). */
export function documentedType(t: ValueType): string {
  if (t === 'vector') return 'instant vector';
  if (t === 'matrix') return 'range vector';
  return t;
}
