// Who holds a data directory's lock, in words a user can act on: "`promdesk serve`, pid 1234".
// The pid comes from the lock's promdesk.pid (store/data-dir-lock.ts); the kind of process from
// its command line where the system shows it (Linux /proc, else `ps`), and is left out otherwise.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockHolder {
  pid: number | null;
  /** e.g. "`promdesk serve`, pid 1234", "the Promdesk app, pid 99", "another Promdesk process". */
  description: string;
}

export function lockHolder(dataDir: string): LockHolder {
  let pid: number | null = null;
  try {
    const text = readFileSync(join(dataDir, 'promdesk.pid'), 'utf8').trim();
    if (/^\d+$/.test(text)) pid = Number(text);
  } catch {
    // no pid file (the holder is starting or stopping): say nothing about who
  }
  if (pid === null) return { pid, description: 'another Promdesk process' };
  return { pid, description: `${kindOf(commandLine(pid))}, pid ${pid}` };
}

function kindOf(args: string[] | null): string {
  const cmd = args?.findIndex((a) => /promdesk(\.mjs)?$|cli\.mjs$/.test(a)) ?? -1;
  const sub = cmd >= 0 ? args![cmd + 1] : undefined;
  if (sub === 'serve' || sub === 'import') return `\`promdesk ${sub}\``;
  if (args?.some((a) => /engine-host\.mjs$/.test(a) || a === '--type=utility')) return 'the Promdesk app';
  return 'another Promdesk process';
}

function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    // not Linux, or the process is gone
  }
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-p', String(pid), '-o', 'command='], {
      encoding: 'utf8',
      timeout: 2000,
    });
    return out.trim().split(/\s+/);
  } catch {
    return null;
  }
}
