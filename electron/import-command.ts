// `promdesk import`: backfills samples with timestamps from OpenMetrics or Prometheus text files
// into a data directory, like `promtool tsdb create-blocks-from openmetrics`. Run it while no
// Promdesk process uses the directory (the data-dir lock enforces that).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openStore } from './engine/store/open-store';
import { defaultDataDir } from './engine/paths';
import { ImportError, ImportSession, type ImportFormat } from './import-file';
import { importFileParallel, startEncoder } from './import-parallel';
import { Progress } from './progress';

export const IMPORT_USAGE = `  import   Backfill samples with timestamps from files into a data directory
           promdesk import [--data DIR] [--format auto|openmetrics|text] FILE...`;

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
  const encoder = startEncoder(positionals, format);
  try {
    return await importInto(dataDir, positionals, format, encoder);
  } finally {
    void encoder?.stop();
  }
}

async function importInto(
  dataDir: string,
  files: string[],
  format: ImportFormat,
  encoder: ReturnType<typeof startEncoder>,
): Promise<number> {
  const store = openStore(dataDir);
  const started = Date.now();
  try {
    const session = new ImportSession(store);
    for (const file of files) {
      const progress = process.stderr.isTTY ? new Progress(process.stderr, file) : null;
      const s = await importFileParallel(session, file, format, progress, { encoder });
      progress?.done();
      const extra = [
        s.outOfOrder ? `${s.outOfOrder} out of order` : '',
        s.duplicates ? `${s.duplicates} duplicates` : '',
      ].filter(Boolean);
      if (s.slowPath > 0)
        console.error(
          `${s.slowPath} of the series were already in the store: their samples went through the head`,
        );
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
