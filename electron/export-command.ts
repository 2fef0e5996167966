// `promdesk export`: writes stored samples as OpenMetrics text with timestamps, the format
// `promdesk import` (and promtool's backfill) reads, so import then export is lossless.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { LabelSet } from '../shared/api';
import { parseSeriesSelector } from './engine/query';
import { openStore, type SeriesStore } from './engine/store/open-store';
import type { Matcher } from './engine/store/types';
import { defaultDataDir } from './engine/paths';
import { MAX_TIME_MS, MIN_TIME_MS, parseTimeParam } from './engine/http/params';

export const EXPORT_USAGE = `  export   Write stored samples as OpenMetrics text with timestamps
           promdesk export [--data DIR] [--match SELECTOR]... [--start TIME] [--end TIME] [--output FILE]`;

export class ExportError extends Error {}

/** Integer milliseconds as exact decimal seconds (no float rounding): 1700000000123 → 1700000000.123 */
export function formatSeconds(ms: number): string {
  const neg = ms < 0;
  const abs = Math.abs(ms);
  const secs = Math.floor(abs / 1000);
  const frac = abs - secs * 1000;
  const s = frac === 0 ? String(secs) : `${secs}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  return neg ? '-' + s : s;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function seriesText(labels: LabelSet): string {
  const pairs = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${escapeLabelValue(labels[k])}"`);
  return pairs.length ? `${labels.__name__}{${pairs.join(',')}}` : labels.__name__;
}

/** Writes every matching series, grouped by metric name, ending with # EOF. Returns counts. */
export async function exportTo(
  store: SeriesStore,
  out: Writable,
  matcherSets: Matcher[][],
  start: number,
  end: number,
): Promise<{ series: number; samples: number }> {
  const sets = matcherSets.length ? matcherSets : [[{ name: '__name__', type: '=~' as const, value: '.+' }]];
  const seen = new Set<string>();
  const all = sets
    .flatMap((ms) => store.select(ms, start, end))
    .filter((s) => {
      const key = seriesText(s.labels);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // OpenMetrics wants each metric's lines together: sort by name, then by label set.
  all.sort((a, b) =>
    a.labels.__name__ < b.labels.__name__ ? -1 : a.labels.__name__ > b.labels.__name__ ? 1 : 0,
  );
  let samples = 0;
  let buf = '';
  const flush = async () => {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  };
  for (const s of all) {
    const head = seriesText(s.labels) + ' ';
    for (let i = 0; i < s.t.length; i++) {
      if (s.stale?.[i]) continue; // staleness markers have no OpenMetrics form
      buf += head + formatValue(s.v[i]) + ' ' + formatSeconds(s.t[i]) + '\n';
      samples++;
      if (buf.length > 1 << 20) await flush();
    }
  }
  buf += '# EOF\n';
  await flush();
  return { series: all.length, samples };
}

export async function runExport(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      match: { type: 'string', multiple: true },
      start: { type: 'string' },
      end: { type: 'string' },
      output: { type: 'string' },
    },
    strict: true,
  });
  const time = (name: 'start' | 'end', fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const ms = parseTimeParam(raw);
    if (ms === null)
      throw new ExportError(`--${name}: cannot parse "${raw}" as a time (unix seconds or RFC 3339)`);
    return ms;
  };
  const matcherSets = (values.match ?? []).map((m) => {
    try {
      return parseSeriesSelector(m);
    } catch (err) {
      throw new ExportError(`--match ${m}: ${(err as Error).message}`);
    }
  });
  const start = time('start', MIN_TIME_MS);
  const end = time('end', MAX_TIME_MS);
  const store = openStore(resolve(values.data ?? defaultDataDir()));
  try {
    const out = values.output ? createWriteStream(values.output) : process.stdout;
    const r = await exportTo(store, out, matcherSets, start, end);
    if (values.output)
      await new Promise<void>((res, rej) =>
        (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? rej(e) : res())),
      );
    console.error(`exported ${r.samples} samples of ${r.series} series`);
  } finally {
    store.close();
  }
  return 0;
}
