// The JSON body Prometheus 2.42 POSTs to an Alertmanager: for API v2 the openapi PostableAlerts
// (annotations left out when empty, times with milliseconds, as go-openapi's strfmt.DateTime
// writes them), for v1 its own Alert struct (times as Go's RFC3339Nano). Keys in name order, as
// Go writes maps. A zero time is Go's zero time (0001-01-01), as Prometheus would send it.
import type { LabelSet } from '../../../../shared/api';

/** An alert as the notifier queues it (Prometheus's notifier.Alert). */
export interface NotifierAlert {
  labels: LabelSet;
  annotations: Record<string, string>;
  /** 0: unset (Go's zero time). */
  startsAtMs: number;
  endsAtMs: number;
  generatorURL: string;
}

const GO_ZERO_TIME_MS = -62135596800000;

export function encodeAlerts(alerts: readonly NotifierAlert[], apiVersion: 'v1' | 'v2'): string {
  if (apiVersion === 'v1') {
    return JSON.stringify(
      alerts.map((a) => {
        const o: Record<string, unknown> = {
          labels: sorted(a.labels),
          annotations: sorted(a.annotations),
          startsAt: rfc3339Nano(a.startsAtMs),
          endsAt: rfc3339Nano(a.endsAtMs),
        };
        if (a.generatorURL !== '') o.generatorURL = a.generatorURL;
        return o;
      }),
    );
  }
  return JSON.stringify(
    alerts.map((a) => {
      const o: Record<string, unknown> = {};
      if (Object.keys(a.annotations).length > 0) o.annotations = sorted(a.annotations);
      o.endsAt = rfc3339Millis(a.endsAtMs);
      o.startsAt = rfc3339Millis(a.startsAtMs);
      if (a.generatorURL !== '') o.generatorURL = a.generatorURL;
      o.labels = sorted(a.labels);
      return o;
    }),
  );
}

function sorted(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** strfmt.DateTime: 2006-01-02T15:04:05.000Z07:00 (in UTC here). */
function rfc3339Millis(ms: number): string {
  return new Date(ms === 0 ? GO_ZERO_TIME_MS : ms).toISOString();
}

/** time.RFC3339Nano: fraction digits without trailing zeros, none for a whole second. */
function rfc3339Nano(ms: number): string {
  return rfc3339Millis(ms).replace(/\.(\d*?)0*Z$/, (_, d: string) => (d === '' ? 'Z' : `.${d}Z`));
}
