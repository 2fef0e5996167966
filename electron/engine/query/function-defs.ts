// Signatures of PromQL functions, used for type checking at parse time.
import type { ValueType } from './ast';

export interface FunctionDef {
  argTypes: ValueType[];
  /** 0: exactly argTypes; n > 0: up to n extra (last type repeats); -1: unlimited extra. */
  variadic: number;
  returnType: ValueType;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const def = (argTypes: ValueType[], returnType: ValueType, variadic = 0): FunctionDef => ({
  argTypes,
  variadic,
  returnType,
});

const vectorMath = [
  'abs',
  'ceil',
  'floor',
  'exp',
  'sqrt',
  'ln',
  'log2',
  'log10',
  'sgn',
  'deg',
  'rad',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'cos',
  'cosh',
  'sin',
  'sinh',
  'tan',
  'tanh',
  'timestamp',
  'absent',
  'sort',
  'sort_desc',
];
const overTime = [
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'last_over_time',
  'first_over_time',
  'present_over_time',
  'absent_over_time',
  'mad_over_time',
  'ts_of_min_over_time',
  'ts_of_max_over_time',
  'ts_of_last_over_time',
  'ts_of_first_over_time',
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'resets',
  'changes',
];
const dateFns = [
  'minute',
  'hour',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'month',
  'year',
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ...vectorMath.map((n): [string, FunctionDef] => [n, def([V], V)]),
  ...overTime.map((n): [string, FunctionDef] => [n, def([M], V)]),
  ...dateFns.map((n): [string, FunctionDef] => [n, def([V], V, 1)]),
  ['clamp', def([V, S, S], V)],
  ['clamp_max', def([V, S], V)],
  ['clamp_min', def([V, S], V)],
  ['round', def([V, S], V, 1)],
  ['predict_linear', def([M, S], V)],
  ['quantile_over_time', def([S, M], V)],
  ['holt_winters', def([M, S, S], V)],
  ['double_exponential_smoothing', def([M, S, S], V)],
  ['histogram_quantile', def([S, V], V)],
  ['label_replace', def([V, STR, STR, STR, STR], V)],
  ['label_join', def([V, STR, STR, STR], V, -1)],
  ['sort_by_label', def([V, STR], V, -1)],
  ['sort_by_label_desc', def([V, STR], V, -1)],
  ['scalar', def([V], S)],
  ['vector', def([S], V)],
  ['time', def([], S)],
  // Query-context functions and scalar min/max from Prometheus 3 (cheap, and clients send them).
  ['start', def([], S)],
  ['end', def([], S)],
  ['range', def([], S)],
  ['step', def([], S)],
  ['min_of', def([S, S], S)],
  ['max_of', def([S, S], S)],
  ['pi', def([], S)],
]);
