// Parses a push body (Prometheus text, or OpenMetrics by Content-Type) into the group's series,
// applying the Pushgateway's rules: grouping labels override labels of the same name, no
// timestamps, no series twice. Series are filed under their metric family (for POST).
import type { LabelSet } from '../../../shared/api';
import {
  decodeExpositionBody,
  formatForContentType,
  parseWith,
  scrapeSampleError,
  seriesLabels,
} from '../../../shared/exposition';
import type { MetricType } from '../../../shared/exposition';
import { labelsKey } from '../../../shared/labels-key';

export interface PushedSeries {
  labels: LabelSet;
  key: string;
  v: number;
}

export class PushBodyError extends Error {}

export const PUSH_META_METRICS = ['push_time_seconds', 'push_failure_time_seconds'] as const;

const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  info: ['_info'],
};

/** Series by metric family name. Throws PushBodyError naming line (and column) on bad input. */
export function parsePushBody(
  body: Uint8Array,
  contentType: string | null,
  grouping: LabelSet,
): Map<string, PushedSeries[]> {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media === 'application/vnd.google.protobuf')
    throw new PushBodyError('protobuf push bodies are not supported: push the text format');
  const types = new Map<string, MetricType>();
  const families = new Map<string, PushedSeries[]>();
  const seen = new Set<string>();
  const familyOf = (name: string): string => {
    for (const [fam, type] of types) {
      for (const suffix of SUFFIXES[type] ?? []) if (name === fam + suffix) return fam;
    }
    return name;
  };
  try {
    parseWith(
      decodeExpositionBody(body),
      {
        type: (name, type) => void types.set(name, type),
        sample(name, flat, value, timestampMs, line) {
          if (timestampMs !== null)
            throw new PushBodyError(`line ${line}: pushed metrics must not have timestamps (${name})`);
          const invalid = scrapeSampleError(name, flat);
          if (invalid) throw new PushBodyError(`line ${line}: ${invalid}`);
          const sorted = seriesLabels(name, flat);
          const labels: LabelSet = {};
          for (let i = 0; i < sorted.length; i += 2) labels[sorted[i]] = sorted[i + 1];
          if ((PUSH_META_METRICS as readonly string[]).includes(labels.__name__))
            throw new PushBodyError(`line ${line}: ${labels.__name__} is reserved for the push time`);
          for (const [n, v] of Object.entries(grouping)) {
            if (v === '') delete labels[n];
            else labels[n] = v;
          }
          const key = labelsKey(labels);
          if (seen.has(key))
            throw new PushBodyError(`line ${line}: series ${key} was pushed twice in this body`);
          seen.add(key);
          const fam = familyOf(labels.__name__);
          const list = families.get(fam) ?? [];
          list.push({ labels, key, v: value });
          families.set(fam, list);
        },
      },
      { format: formatForContentType(contentType), utf8Names: false, strict: false },
    );
  } catch (err) {
    if (err instanceof PushBodyError) throw err;
    throw new PushBodyError(`invalid push body: ${(err as Error).message}`);
  }
  return families;
}
