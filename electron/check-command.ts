// `promdesk check`: verifies a data directory (SQLite integrity, every chunk's checksum and
// decoding, the sample log's records) and says what it found, changing nothing. Exit 0 when it
// is intact, 1 when anything is damaged, 2 on a usage error.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './engine/paths';
import { checkDataDir, type DataDirReport } from './engine/store/data-dir-check';

export const CHECK_USAGE = `  check    Verify a data directory without changing it: SQLite integrity, chunk checksums, log records
           promdesk check [--data DIR] [--json]
           exit 0: intact, 1: damage found (listed with file and offset or row), 2: usage error`;

export async function runCheck(argv: string[]): Promise<number> {
  let dir: string;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`Usage:\n${CHECK_USAGE}\n`);
      return 0;
    }
    dir = resolve(values.data ?? defaultDataDir());
    json = values.json === true;
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new Error(`${dir} is not a directory`);
  } catch (err) {
    process.stderr.write(`promdesk check: ${(err as Error).message}\n\nUsage:\n${CHECK_USAGE}\n`);
    return 2;
  }
  const report = checkDataDir(dir);
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return report.damage.length > 0 ? 1 : 0;
}

export function formatReport(r: DataDirReport): string {
  const lines = [`checking ${r.dir}`];
  lines.push(
    r.inUse
      ? `  in use: ${r.inUse.replace(/; stop it first$/, '')}; checked read-only beside it`
      : '  not in use: its lock was held for the check',
  );
  for (const f of r.facts) lines.push(`  ${f}`);
  if (r.damage.length === 0) lines.push('intact: no damage found');
  else {
    lines.push(`DAMAGED: ${r.damage.length} problem(s)`);
    for (const d of r.damage) lines.push(`  ${d.file}: ${d.where}: ${d.problem}`);
  }
  return lines.join('\n') + '\n';
}
