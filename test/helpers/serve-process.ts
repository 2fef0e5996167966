// `promdesk serve` as a real child process (the built CLI, as a user runs it) on a free port,
// ready when /-/ready answers; stop() sends SIGTERM and resolves with the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './peers';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin', 'promdesk.mjs');

export interface ServeProcess {
  base: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after 15 s; that counts as a failure: null). */
  stop(): Promise<number | null>;
}

/** Starts serve on dataDir (with a config file if given); `running` tracks live processes. */
export async function startServeProcess(
  dataDir: string,
  configFile?: string,
  running?: Set<ServeProcess>,
  /** More flags, e.g. ['--query.timeout', '1m']. */
  flags: readonly string[] = [],
): Promise<ServeProcess> {
  const port = await freePort();
  const args = [BIN, 'serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir, ...flags];
  if (configFile) args.push('--config', configFile);
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const s: ServeProcess = {
    base,
    proc,
    output: () => out,
    stop: async () => {
      running?.delete(s);
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.kill('SIGTERM');
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
  running?.add(s);
  const end = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`promdesk serve exited with ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${base}/-/ready`);
      if (r.ok) return s;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await s.stop();
      throw new Error(`promdesk serve did not become ready on ${base}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
