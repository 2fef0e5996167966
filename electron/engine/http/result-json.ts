// Query results serialized straight to Prometheus's JSON text: big matrices are the largest cost
// of a range query, and building [t, "v"] arrays for JSON.stringify doubles it.
import type { LabelSet } from '../../../shared/api';
import { formatGoFloat } from '../../../shared/format/go-float';
import type { QueryResult } from '../query';

/** Unix seconds as Prometheus writes them (ms precision, no trailing zeros). */
function secs(ms: number): string {
  return String(ms / 1000);
}

const SAFE = /^[\x20-\x7e]*$/;

function str(s: string): string {
  return SAFE.test(s) && !s.includes('"') && !s.includes('\\') ? `"${s}"` : JSON.stringify(s);
}

function metricJson(l: LabelSet): string {
  const keys = Object.keys(l).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ',';
    out += `${str(keys[i])}:${str(l[keys[i]])}`;
  }
  return out + '}';
}

/** The `data` member of a query reply. */
export function encodeResultJson(res: QueryResult): string {
  switch (res.resultType) {
    case 'scalar':
      return `{"resultType":"scalar","result":[${secs(res.t)},"${formatGoFloat(res.v)}"]}`;
    case 'string':
      return `{"resultType":"string","result":[${secs(res.t)},${JSON.stringify(res.v)}]}`;
    case 'vector': {
      const parts: string[] = new Array<string>(res.result.length);
      for (let i = 0; i < res.result.length; i++) {
        const s = res.result[i];
        parts[i] = `{"metric":${metricJson(s.labels)},"value":[${secs(s.t)},"${formatGoFloat(s.v)}"]}`;
      }
      return `{"resultType":"vector","result":[${parts.join(',')}]}`;
    }
    case 'matrix': {
      const parts: string[] = new Array<string>(res.result.length);
      // A range query's series share its steps: each timestamp is formatted once.
      const stamps = new Map<number, string>();
      for (let i = 0; i < res.result.length; i++) {
        const s = res.result[i];
        const pts: string[] = new Array<string>(s.t.length);
        for (let j = 0; j < s.t.length; j++) {
          const t = s.t[j];
          let head = stamps.get(t);
          if (head === undefined) {
            head = `[${secs(t)},"`;
            if (stamps.size < 100_000) stamps.set(t, head);
          }
          pts[j] = `${head}${formatGoFloat(s.v[j])}"]`;
        }
        parts[i] = `{"metric":${metricJson(s.labels)},"values":[${pts.join(',')}]}`;
      }
      return `{"resultType":"matrix","result":[${parts.join(',')}]}`;
    }
  }
}
