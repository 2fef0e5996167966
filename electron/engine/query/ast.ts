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

/** The value type an expression evaluates to (types are checked at parse time). */
export function typeOf(e: Expr): ValueType {
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
    case 'BinaryExpr':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'UnaryExpr':
    case 'ParenExpr':
      return typeOf(e.expr);
  }
}

/** Prometheus's user-facing type names ("instant vector", "range vector"). */
export function documentedType(t: ValueType): string {
  if (t === 'vector') return 'instant vector';
  if (t === 'matrix') return 'range vector';
  return t;
}
