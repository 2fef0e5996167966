// Request parameters as the Prometheus API reads them: times as unix seconds (float) or
// RFC 3339, durations as Prometheus durations or float seconds; GET query or POST form body.
import { MAX_TIMESTAMP_MS } from '../../../shared/api-schemas';
import { parseDuration } from '../../../shared/duration';
import { badData } from './api-error';

/** Prometheus's "min time" and "max time" for open-ended ranges, in ms. */
export const MIN_TIME_MS = -9223372036854776 / 1000 + 1;
export const MAX_TIME_MS = 9223372036854776 / 1000 - 1;

export class Params {
  constructor(private readonly values: URLSearchParams) {}

  static merge(query: URLSearchParams, form: URLSearchParams | null): Params {
    const all = new URLSearchParams(query);
    if (form) for (const [k, v] of form) all.append(k, v);
    return new Params(all);
  }

  get(name: string): string | null {
    return this.values.get(name);
  }

  getAll(name: string): string[] {
    return this.values.getAll(name);
  }

  /**
   * A time parameter in ms; `fallback` when absent. `optional` marks parameters Prometheus reads
   * with a default (its message then says "Invalid time value for 'name'").
   */
  time(name: string, fallback: number, optional = false): number {
    const raw = this.values.get(name);
    if (raw === null || raw === '') return fallback;
    const ms = parseTimeParam(raw);
    if (ms === null) {
      const inner = `cannot parse "${raw}" to a valid timestamp`;
      throw badData(
        `invalid parameter "${name}": ${optional ? `Invalid time value for '${name}': ${inner}` : inner}`,
      );
    }
    return ms;
  }

  /** A duration parameter in ms (Prometheus duration or float seconds). */
  duration(name: string): number | null {
    const raw = this.values.get(name);
    if (raw === null || raw === '') return null;
    const ms = parseDurationParam(raw);
    if (ms === null) throw badData(`invalid parameter "${name}": cannot parse "${raw}" to a valid duration`);
    return ms;
  }
}

export function parseTimeParam(raw: string): number | null {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    const ms = Math.round(Number(raw) * 1000);
    // Past 2^53 ms a step no longer moves a timestamp: keep to where every ms is exact.
    return Math.abs(ms) <= MAX_TIMESTAMP_MS ? ms : null;
  }
  // The extremes Prometheus's own clients send for "no bound".
  if (raw === '-292273086-05-16T16:47:06Z') return MIN_TIME_MS;
  if (raw === '292277025-08-18T07:12:54.999999999Z') return MAX_TIME_MS;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}

export function parseDurationParam(raw: string): number | null {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    const s = Number(raw);
    return Number.isFinite(s) ? Math.round(s * 1000) : null;
  }
  return parseDuration(raw);
}
