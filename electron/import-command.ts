// `promdesk import`: backfills samples with timestamps from OpenMetrics or Prometheus text files
// into a data directory, like `promtool tsdb create-blocks-from openmetrics`. Run it while no
// Promdesk process uses the directory (the data-dir lock enforces that).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { LabelSet } from '../shared/api';
import { scrapeSampleError, seriesLabels } from '../shared/exposition';
import { forEachSample } from './engine/scrape/parse-body';
import { openStore } from './engine/store/open-store';
import { defaultDataDir } from './engine/paths';
import { Progress } from './progress';

const BATCH = 50_000;

export const IMPORT_USAGE = `  import   Backfill samples with timestamps from files into a data directory
           promdesk import [--data DIR] [--format auto|openmetrics|text] FILE...`;

export type ImportFormat = 'auto' | 'openmetrics' | 'text';

export interface ImportSummary {
  file: string;
  samples: number;
  series: number;
  outOfOrder: number;
  duplicates: number;
}

export class ImportError extends Error {}

/** OpenMetrics when the file ends with the `# EOF` line, else the Prometheus text format. */
export function detectFormat(text: string): 'openmetrics' | 'text' {
  return /(^|\n)# EOF\n?$/.test(text) ? 'openmetrics' : 'text';
}

export function importFile(
  store: ReturnType<typeof openStore>,
  file: string,
  format: ImportFormat,
  progress: Progress | null,
): ImportSummary {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const fmt = format === 'auto' ? detectFormat(text) : format;
  const contentType =
    fmt === 'openmetrics' ? 'application/openmetrics-text; version=1.0.0' : 'text/plain; version=0.0.4';
  let totalLines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) totalLines++;
  const cache = new Map<string, LabelSet>();
  const series = new Set<LabelSet>();
  const summary: ImportSummary = { file, samples: 0, series: 0, outOfOrder: 0, duplicates: 0 };
  let app = store.appender();
  let pending = 0;
  try {
    forEachSample(bytes, contentType, (name, flat, value, timestampMs, line) => {
      if (timestampMs === null) {
        throw new ImportError(
          `${file}:${line}: sample of ${name} has no timestamp; import needs one on every sample`,
        );
      }
      const raw = flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000');
      let labels = cache.get(raw);
      if (!labels) {
        const invalid = scrapeSampleError(name, flat);
        if (invalid) throw new ImportError(`${file}:${line}: ${invalid}`);
        const sorted = seriesLabels(name, flat);
        labels = {};
        for (let i = 0; i < sorted.length; i += 2) labels[sorted[i]] = sorted[i + 1];
        cache.set(raw, labels);
      }
      series.add(labels);
      const outcome = app.append(labels, timestampMs, value);
      if (outcome === 'ok') summary.samples++;
      else if (outcome === 'out_of_order') summary.outOfOrder++;
      else if (outcome === 'duplicate') summary.duplicates++;
      if (++pending >= BATCH) {
        app.commit();
        app = store.appender();
        pending = 0;
        progress?.update(line / totalLines, summary.samples);
      }
    });
    app.commit();
  } catch (err) {
    app.rollback();
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${file}: ${(err as Error).message}`);
  }
  summary.series = series.size;
  progress?.update(1, summary.samples);
  return summary;
}

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, format: { type: 'string', default: 'auto' } },
    allowPositionals: true,
    strict: true,
  });
  const format = values.format as ImportFormat;
  if (!['auto', 'openmetrics', 'text'].includes(format))
    throw new ImportError(`--format must be auto, openmetrics or text`);
  if (positionals.length === 0) throw new ImportError('no input files given');
  const dataDir = resolve(values.data ?? defaultDataDir());
  const store = openStore(dataDir);
  const started = Date.now();
  try {
    for (const file of positionals) {
      const progress = process.stderr.isTTY ? new Progress(process.stderr, file) : null;
      const s = importFile(store, file, format, progress);
      progress?.done();
      const extra = [
        s.outOfOrder ? `${s.outOfOrder} out of order` : '',
        s.duplicates ? `${s.duplicates} duplicates` : '',
      ].filter(Boolean);
      console.error(
        `imported ${s.samples} samples of ${s.series} series from ${file}` +
          (extra.length ? ` (skipped: ${extra.join(', ')})` : ''),
      );
    }
  } finally {
    store.close();
  }
  console.error(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; data in ${dataDir}`);
  return 0;
}
