// `promdesk dashboard import|export`: Grafana dashboard JSON into and out of a data directory.
//
// It opens only <data>/dashboards, never the sample store, so it takes no data-dir lock: each
// dashboard is one file written atomically (a temporary file renamed into place), and a running
// `promdesk serve` or desktop app reads that folder on every call, so an import beside a running
// Promdesk is safe and shows in its Dashboards list at once, without a restart.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { UnsupportedItem } from '../shared/dashboards/model';
import { DashboardStore } from './engine/dashboards/dashboard-store';
import { defaultDataDir } from './engine/paths';

export const DASHBOARD_USAGE = `  dashboard  Import or export Grafana dashboard JSON
           promdesk dashboard import [--data DIR] [--json] FILE...
             prints what each dashboard could not carry over; exit 2 when a file could not be read
           promdesk dashboard export [--data DIR] UID   prints the dashboard as Grafana JSON`;

/** One file's outcome, as `--json` prints it. */
export interface DashboardImportEntry {
  file: string;
  uid?: string;
  title?: string;
  panels?: number;
  unsupported?: UnsupportedItem[];
  /** Why the file could not be imported (then nothing else is set). */
  error?: string;
}

/** Imports each file; an unreadable one is an entry with `error`, and the rest still go in. */
export function importDashboardFiles(dataDir: string, files: string[]): DashboardImportEntry[] {
  const store = new DashboardStore(dataDir, () => {});
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { file, error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    try {
      const r = store.import(text);
      return { file, uid: r.uid, title: r.title, panels: r.panels, unsupported: r.unsupported };
    } catch (err) {
      return { file, error: (err as Error).message };
    }
  });
}

function textReport(entries: DashboardImportEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (e.error !== undefined) {
      lines.push(`${e.file}: not imported: ${e.error}`);
      continue;
    }
    const n = e.unsupported!.length;
    lines.push(
      `${e.file}: imported "${e.title}" as ${e.uid} (${e.panels} panels), ${n ? `${n} item(s) not carried over:` : 'everything carried over'}`,
    );
    for (const u of e.unsupported!) lines.push(`  ${u.panel}: ${u.item}: ${u.reason}`);
  }
  return lines.join('\n');
}

/** Runs `promdesk dashboard ...`; returns the exit code. */
export function runDashboard(argv: string[], out = process.stdout, err = process.stderr): number {
  const [sub, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    err.write(`promdesk dashboard: ${(e as Error).message}\n${DASHBOARD_USAGE}\n`);
    return 2;
  }
  const dataDir = resolve(parsed.values.data ?? defaultDataDir());
  const args = parsed.positionals;
  if (sub === 'import') {
    if (!args.length) {
      err.write(`promdesk dashboard import: no FILE given\n${DASHBOARD_USAGE}\n`);
      return 2;
    }
    const entries = importDashboardFiles(dataDir, args);
    out.write(parsed.values.json ? `${JSON.stringify(entries, null, 2)}\n` : `${textReport(entries)}\n`);
    return entries.some((e) => e.error !== undefined) ? 2 : 0;
  }
  if (sub === 'export') {
    if (args.length !== 1) {
      err.write(`promdesk dashboard export: give one UID\n${DASHBOARD_USAGE}\n`);
      return 2;
    }
    try {
      out.write(new DashboardStore(dataDir, () => {}).export(args[0]));
      return 0;
    } catch (e) {
      err.write(`promdesk dashboard export: ${(e as Error).message} in ${dataDir}\n`);
      return 1;
    }
  }
  err.write(
    `promdesk dashboard: unknown subcommand ${sub === undefined ? '(none)' : `"${sub}"`}\n${DASHBOARD_USAGE}\n`,
  );
  return 2;
}
