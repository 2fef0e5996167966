// Type checking of a parsed expression, in the order Prometheus's checkAST reports problems.
import { documentedType, leftSpine, typeOf, type BinaryExpr, type Expr, type ValueType } from './ast';
import { PromQLParseError } from './errors';
import { FUNCTIONS } from './function-defs';
import { matchesValue } from './regex';

const COMPARISONS = new Set(['==', '!=', '<=', '<', '>=', '>']);
const SET_OPS = new Set(['and', 'or', 'unless']);

export function checkAST(root: Expr, input: string): void {
  const fail = (msg: string, start: number, end: number): never => {
    throw new PromQLParseError(msg, input, start, end);
  };
  const expectType = (e: Expr, want: ValueType, context: string): void => {
    const t = check(e);
    if (t !== want) {
      fail(
        `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`,
        e.pos.start,
        e.pos.end,
      );
    }
  };

  /** Checks `e` and returns its type (computed from the children's, so each node costs O(1)). */
  function check(e: Expr): ValueType {
    switch (e.type) {
      case 'AggregateExpr':
        expectType(e.expr, 'vector', 'aggregation expression');
        if (e.param) {
          expectType(e.param, e.op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
        }
        break;
      case 'BinaryExpr': {
        // Left operands first, bottom-up, in a loop: a 200k-operator chain needs no deep stack.
        const spine = leftSpine(e);
        let t = check(spine[spine.length - 1].lhs);
        for (let i = spine.length - 1; i >= 0; i--) t = checkBinary(spine[i], t);
        return t;
      }
      case 'Call': {
        const fn = FUNCTIONS.get(e.func);
        if (!fn) return fail(`unknown function with name ${JSON.stringify(e.func)}`, e.pos.start, e.pos.end);
        const nargs = fn.argTypes.length;
        const name = JSON.stringify(e.func);
        if (fn.variadic === 0) {
          if (nargs !== e.args.length) {
            fail(
              `expected ${nargs} argument(s) in call to ${name}, got ${e.args.length}`,
              e.pos.start,
              e.pos.end,
            );
          }
        } else {
          const na = nargs - 1;
          if (na > e.args.length) {
            fail(
              `expected at least ${na} argument(s) in call to ${name}, got ${e.args.length}`,
              e.pos.start,
              e.pos.end,
            );
          } else if (fn.variadic > 0 && na + fn.variadic < e.args.length) {
            fail(
              `expected at most ${na + fn.variadic} argument(s) in call to ${name}, got ${e.args.length}`,
              e.pos.start,
              e.pos.end,
            );
          }
        }
        e.args.forEach((arg, idx) => {
          let i = idx;
          if (i >= nargs) {
            if (fn.variadic === 0) return;
            i = nargs - 1;
          }
          const t = check(arg);
          if (t !== fn.argTypes[i]) {
            fail(
              `expected type ${documentedType(fn.argTypes[i])} in call to function ${name}, got ${documentedType(t)}`,
              arg.pos.start,
              arg.pos.end,
            );
          }
        });
        break;
      }
      case 'ParenExpr':
        return check(e.expr);
      case 'UnaryExpr': {
        const t = check(e.expr);
        if (t !== 'scalar' && t !== 'vector') {
          fail(
            `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`,
            e.pos.start,
            e.pos.end,
          );
        }
        return t;
      }
      case 'SubqueryExpr': {
        const t = check(e.expr);
        if (t !== 'vector')
          fail(`subquery is only allowed on instant vector, got ${t} instead`, e.pos.start, e.pos.end);
        break;
      }
      case 'MatrixSelector':
        check(e.selector);
        break;
      case 'VectorSelector':
        if (e.name !== null) {
          for (const m of e.matchers.slice(0, -1)) {
            if (m.name === '__name__') {
              fail(
                `metric name must not be set twice: ${JSON.stringify(e.name)} or ${JSON.stringify(m.value)}`,
                e.pos.start,
                e.pos.end,
              );
            }
          }
          break;
        }
        if (!e.matchers.some((m) => !matchesValue(m, ''))) {
          fail('vector selector must contain at least one non-empty matcher', e.pos.start, e.pos.end);
        }
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
    return typeOf(e);
  }

  /** The checks of one binary expression whose left operand (type `lt`) is already checked. */
  function checkBinary(e: BinaryExpr, lt: ValueType): ValueType {
    const rt = check(e.rhs);
    const isCmp = COMPARISONS.has(e.op);
    const isSet = SET_OPS.has(e.op);
    if (e.returnBool && !isCmp)
      fail('bool modifier can only be used on comparison operators', ...operatorRange(e, input));
    if (isCmp && !e.returnBool && lt === 'scalar' && rt === 'scalar') {
      fail('comparisons between scalars must use BOOL modifier', ...operatorRange(e, input));
    }
    const m = e.matching;
    if (m && m.on) {
      for (const l of m.labels) {
        if (m.include.includes(l)) {
          fail(
            `label ${JSON.stringify(l)} must not occur in ON and GROUP clause at once`,
            ...operatorRange(e, input),
          );
        }
      }
    }
    if (lt !== 'scalar' && lt !== 'vector') {
      fail(
        'binary expression must contain only scalar and instant vector types',
        e.lhs.pos.start,
        e.lhs.pos.end,
      );
    }
    if (rt !== 'scalar' && rt !== 'vector') {
      fail(
        'binary expression must contain only scalar and instant vector types',
        e.rhs.pos.start,
        e.rhs.pos.end,
      );
    }
    if ((lt !== 'vector' || rt !== 'vector') && m) {
      if (m.labels.length > 0 || m.on) {
        fail('vector matching only allowed between instant vectors', e.pos.start, e.pos.end);
      }
      e.matching = null;
    } else if (isSet && m) {
      if (m.card === 'one-to-many' || m.card === 'many-to-one') {
        fail(`no grouping allowed for ${JSON.stringify(e.op)} operation`, e.pos.start, e.pos.end);
      }
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSet) {
      fail(
        `set operator ${JSON.stringify(e.op)} not allowed in binary scalar expression`,
        e.pos.start,
        e.pos.end,
      );
    }
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  check(root);
}

/** Where a binary expression's operator (and its modifiers) stands: between the operands' text. */
function operatorRange(e: BinaryExpr, input: string): [number, number] {
  let s = e.lhs.pos.end;
  while (/\s/.test(input[s] ?? '')) s++;
  let en = e.rhs.pos.start - 1;
  while (/\s/.test(input[en] ?? '')) en--;
  return [s, en];
}
