// OTLP/JSON (the protobuf JSON mapping: lowerCamelCase keys, the proto names accepted too; int64
// and fixed64 as strings or numbers; enums as numbers or names; bytes as base64) into the same
// model as the protobuf decoder. Each wrong type fails with an OtlpDecodeError naming its path.
import {
  OtlpDecodeError,
  formatAttrDouble,
  type Attributes,
  type HistogramPoint,
  type MetricData,
  type NumberPoint,
  type OtlpMetric,
  type OtlpRequest,
  type SummaryPoint,
} from './model';

type Obj = Record<string, unknown>;

const TEMPORALITY_NAMES: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

export function decodeOtlpJson(text: string): OtlpRequest {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new OtlpDecodeError(`body is not JSON: ${(err as Error).message}`);
  }
  const top = obj(root, '(body)');
  return {
    resources: list(top, 'resourceMetrics', '').map((rmv, i) => {
      const path = `resourceMetrics[${i}]`;
      const rm = obj(rmv, path);
      const res = field(rm, 'resource');
      return {
        attributes: res === undefined ? [] : attributes(obj(res, `${path}.resource`), `${path}.resource`),
        scopes: list(rm, 'scopeMetrics', path).map((smv, j) => {
          const sp = `${path}.scopeMetrics[${j}]`;
          const sm = obj(smv, sp);
          const scope = field(sm, 'scope');
          const so = scope === undefined ? {} : obj(scope, `${sp}.scope`);
          return {
            name: str(field(so, 'name'), `${sp}.scope.name`),
            version: str(field(so, 'version'), `${sp}.scope.version`),
            metrics: list(sm, 'metrics', sp).map((mv, k) =>
              metric(obj(mv, `${sp}.metrics[${k}]`), `${sp}.metrics[${k}]`),
            ),
          };
        }),
      };
    }),
  };
}

/** A field by its JSON name or its proto name (protojson parsers accept both). */
function field(o: Obj, camel: string): unknown {
  if (camel in o) return o[camel];
  const snake = camel.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
  return o[snake];
}

function fail(path: string, want: string, got: unknown): never {
  const what = got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  throw new OtlpDecodeError(`${path || '(body)'}: expected ${want}, got ${what}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Obj;
}

function list(o: Obj, key: string, base: string): unknown[] {
  const v = field(o, key);
  const path = base ? `${base}.${key}` : key;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, 'an array', v);
  return v;
}

function str(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v;
}

/** An int64/uint64/fixed64: a decimal string or a number. */
function int(v: unknown, path: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return fail(path, 'an integer (number or decimal string)', v);
}

/** A uint64 of nanoseconds as whole ms: a decimal string is cut exactly (a double of it is not). */
function nanosToMs(v: unknown, path: string): number {
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(BigInt(v) / 1_000_000n);
  return Math.floor(int(v, path) / 1e6);
}

/** A double: a number, or "NaN", "Infinity", "-Infinity" as the JSON mapping writes them. */
function dbl(v: unknown, path: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fail(path, 'a number', v);
}

function bool(v: unknown, path: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') fail(path, 'a boolean', v);
  return v;
}

function temporality(v: unknown, path: string): number {
  if (typeof v === 'string' && v in TEMPORALITY_NAMES) return TEMPORALITY_NAMES[v];
  return int(v, path);
}

function attributes(o: Obj, path: string): Attributes {
  return list(o, 'attributes', path).map((kvv, i) => {
    const p = `${path}.attributes[${i}]`;
    const kv = obj(kvv, p);
    const value = field(kv, 'value');
    const plain =
      value === undefined || value === null ? '' : anyValue(obj(value, `${p}.value`), `${p}.value`);
    return [str(field(kv, 'key'), `${p}.key`), typeof plain === 'string' ? plain : JSON.stringify(plain)];
  });
}

type Plain = string | Plain[] | { [k: string]: Plain };

function anyValue(o: Obj, path: string): Plain {
  const s = field(o, 'stringValue');
  if (s !== undefined) return str(s, `${path}.stringValue`);
  const b = field(o, 'boolValue');
  if (b !== undefined) return bool(b, `${path}.boolValue`) ? 'true' : 'false';
  const i = field(o, 'intValue');
  if (i !== undefined) return String(int(i, `${path}.intValue`));
  const d = field(o, 'doubleValue');
  if (d !== undefined) return formatAttrDouble(dbl(d, `${path}.doubleValue`));
  const a = field(o, 'arrayValue');
  if (a !== undefined)
    return list(obj(a, `${path}.arrayValue`), 'values', `${path}.arrayValue`).map((v, k) =>
      anyValue(obj(v, `${path}.arrayValue.values[${k}]`), `${path}.arrayValue.values[${k}]`),
    );
  const l = field(o, 'kvlistValue');
  if (l !== undefined) {
    const out: { [k: string]: Plain } = {};
    list(obj(l, `${path}.kvlistValue`), 'values', `${path}.kvlistValue`).forEach((v, k) => {
      const p = `${path}.kvlistValue.values[${k}]`;
      const kv = obj(v, p);
      const value = field(kv, 'value');
      out[str(field(kv, 'key'), `${p}.key`)] =
        value === undefined || value === null ? '' : anyValue(obj(value, `${p}.value`), `${p}.value`);
    });
    return out;
  }
  const by = field(o, 'bytesValue');
  if (by !== undefined) return str(by, `${path}.bytesValue`);
  return '';
}

function metric(o: Obj, path: string): OtlpMetric {
  const name = str(field(o, 'name'), `${path}.name`);
  const m: OtlpMetric = {
    name,
    description: str(field(o, 'description'), `${path}.description`),
    unit: str(field(o, 'unit'), `${path}.unit`),
    data: { kind: 'none' },
  };
  const at = (key: string) => {
    const v = field(o, key);
    return v === undefined || v === null ? null : obj(v, `${path}.${key}`);
  };
  const gauge = at('gauge');
  const sum = at('sum');
  const histogram = at('histogram');
  const exp = at('exponentialHistogram');
  const summary = at('summary');
  let data: MetricData = { kind: 'none' };
  if (gauge) data = { kind: 'gauge', points: numberPoints(gauge, `${path}.gauge`) };
  else if (sum)
    data = {
      kind: 'sum',
      points: numberPoints(sum, `${path}.sum`),
      temporality: temporality(field(sum, 'aggregationTemporality'), `${path}.sum.aggregationTemporality`),
      monotonic: bool(field(sum, 'isMonotonic'), `${path}.sum.isMonotonic`),
    };
  else if (histogram)
    data = {
      kind: 'histogram',
      points: list(histogram, 'dataPoints', `${path}.histogram`).map((v, i) =>
        histogramPoint(obj(v, `${path}.histogram.dataPoints[${i}]`), `${path}.histogram.dataPoints[${i}]`),
      ),
      temporality: temporality(
        field(histogram, 'aggregationTemporality'),
        `${path}.histogram.aggregationTemporality`,
      ),
    };
  else if (exp)
    data = {
      kind: 'exponential_histogram',
      points: list(exp, 'dataPoints', `${path}.exponentialHistogram`).length,
      temporality: temporality(
        field(exp, 'aggregationTemporality'),
        `${path}.exponentialHistogram.aggregationTemporality`,
      ),
    };
  else if (summary)
    data = {
      kind: 'summary',
      points: list(summary, 'dataPoints', `${path}.summary`).map((v, i) =>
        summaryPoint(obj(v, `${path}.summary.dataPoints[${i}]`), `${path}.summary.dataPoints[${i}]`),
      ),
    };
  m.data = data;
  return m;
}

function numberPoints(o: Obj, path: string): NumberPoint[] {
  return list(o, 'dataPoints', path).map((v, i) => {
    const p = `${path}.dataPoints[${i}]`;
    const d = obj(v, p);
    const asInt = field(d, 'asInt');
    return {
      attributes: attributes(d, p),
      timeMs: nanosToMs(field(d, 'timeUnixNano'), `${p}.timeUnixNano`),
      value: asInt !== undefined ? int(asInt, `${p}.asInt`) : dbl(field(d, 'asDouble'), `${p}.asDouble`),
      flags: int(field(d, 'flags'), `${p}.flags`),
    };
  });
}

function histogramPoint(d: Obj, p: string): HistogramPoint {
  const sum = field(d, 'sum');
  return {
    attributes: attributes(d, p),
    timeMs: nanosToMs(field(d, 'timeUnixNano'), `${p}.timeUnixNano`),
    count: int(field(d, 'count'), `${p}.count`),
    sum: sum === undefined || sum === null ? null : dbl(sum, `${p}.sum`),
    bucketCounts: list(d, 'bucketCounts', p).map((v, i) => int(v, `${p}.bucketCounts[${i}]`)),
    explicitBounds: list(d, 'explicitBounds', p).map((v, i) => dbl(v, `${p}.explicitBounds[${i}]`)),
    flags: int(field(d, 'flags'), `${p}.flags`),
  };
}

function summaryPoint(d: Obj, p: string): SummaryPoint {
  return {
    attributes: attributes(d, p),
    timeMs: nanosToMs(field(d, 'timeUnixNano'), `${p}.timeUnixNano`),
    count: int(field(d, 'count'), `${p}.count`),
    sum: dbl(field(d, 'sum'), `${p}.sum`),
    quantiles: list(d, 'quantileValues', p).map((v, i) => {
      const q = obj(v, `${p}.quantileValues[${i}]`);
      return {
        quantile: dbl(field(q, 'quantile'), `${p}.quantileValues[${i}].quantile`),
        value: dbl(field(q, 'value'), `${p}.quantileValues[${i}].value`),
      };
    }),
    flags: int(field(d, 'flags'), `${p}.flags`),
  };
}
