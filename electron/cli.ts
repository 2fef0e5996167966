// The `promdesk` command line: `promdesk serve` runs headless; more commands join it later.
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServe } from './serve';
import type { QueryEngineOptions } from './engine/query';
import { defaultDataDir } from './engine/paths';
import { EngineStartError } from './engine/worker-link';
import { VERSION } from './engine/version';
import { parseDuration } from '../shared/duration';
import { LINT_USAGE, runLint } from './lint-command';
import { IMPORT_USAGE, ImportError, runImport } from './import-command';
import { EXPORT_USAGE, ExportError, runExport } from './export-command';
import { CHECK_USAGE, runCheck } from './check-command';
import { DataDirLockedError } from './engine/store/data-dir-lock';
import type { KeepPolicy } from './engine/store/retention';

const USAGE = `Usage: promdesk <command> [options]

Commands:
  serve    Run headless: scrape, store, and serve the UI and the Prometheus API
           --listen HOST:PORT   address to listen on (default 127.0.0.1:9099)
           --data DIR           data directory (default: the desktop app's, ${defaultDataDir()})
           --config FILE        a Prometheus prometheus.yml with scrape_configs
           --token TOKEN        require this token (generated when listening beyond loopback)
           --retention.time D   how long to keep samples (default 30d)
           --retention.size S   the most disk the samples may use (e.g. 5GB; default no limit)
           --storage.downsample-after D  keep data older than D at 5m resolution (default off)
           --storage.allow-empty-start  start an empty store even though promdesk.db is missing
                                beside a sample log with commits (the log is kept aside)
           --query.timeout D    longest a query may run (default 2m)
           --query.max-samples N  most samples a query may hold (default 50000000)
           --query.lookback-delta D  how far back instant selectors look (default 5m)
           --query.compat 2|3   PromQL semantics of Prometheus 2.42 (default) or 3.x
${LINT_USAGE}
${IMPORT_USAGE}
${EXPORT_USAGE}
${CHECK_USAGE}
  version  Print the version
`;

function fail(msg: string, code = 2): never {
  console.error(`promdesk: ${msg}`);
  process.exit(code);
}

export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!m) throw new Error(`--listen must be HOST:PORT, not "${text}"`);
  const port = Number(m[3]);
  if (port > 65535) throw new Error(`--listen port ${port} is out of range`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

/**
 * --retention.time (a Prometheus duration, default 30d), --retention.size (e.g. 5GB, 512MB) and
 * --storage.downsample-after (a duration; off by default).
 */
export function parseRetention(
  time: string | undefined,
  size: string | undefined,
  downsampleAfter?: string,
): KeepPolicy {
  const out: KeepPolicy = {};
  if (time !== undefined) {
    const ms = parseDuration(time);
    if (ms === null || ms <= 0)
      throw new Error(`--retention.time must be a duration like 30d or 12h, not "${time}"`);
    out.maxAgeMs = ms;
  }
  if (size !== undefined) {
    const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(size.trim());
    if (!m) throw new Error(`--retention.size must be a size like 512MB or 5GB, not "${size}"`);
    const unit = m[2].toUpperCase().replace('IB', 'B');
    const mult: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
    out.maxBytes = Math.round(Number(m[1]) * mult[unit]);
  }
  if (downsampleAfter !== undefined) {
    const ms = parseDuration(downsampleAfter);
    if (ms === null || ms <= 0) {
      throw new Error(`--storage.downsample-after must be a duration like 7d, not "${downsampleAfter}"`);
    }
    out.downsampleAfterMs = ms;
  }
  return out;
}

/** --query.* flags as QueryEngine options. */
export function parseQueryFlags(v: Record<string, string | boolean | undefined>): QueryEngineOptions {
  const out: QueryEngineOptions = {};
  const dur = (flag: string): number | undefined => {
    const raw = v[flag];
    if (typeof raw !== 'string') return undefined;
    const ms = parseDuration(raw);
    if (ms === null || ms <= 0)
      throw new Error(`--${flag} must be a positive duration like 2m, not "${raw}"`);
    return ms;
  };
  out.timeoutMs = dur('query.timeout');
  out.lookbackDeltaMs = dur('query.lookback-delta');
  const max = v['query.max-samples'];
  if (typeof max === 'string') {
    if (!/^\d+$/.test(max) || Number(max) <= 0)
      throw new Error(`--query.max-samples must be a positive integer, not "${max}"`);
    out.maxSamples = Number(max);
  }
  const compat = v['query.compat'];
  if (typeof compat === 'string') {
    if (compat !== '2' && compat !== '3') throw new Error(`--query.compat must be 2 or 3, not "${compat}"`);
    out.compat = compat === '3' ? '3' : '2.42';
  }
  return out;
}

async function serve(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        listen: { type: 'string', default: '127.0.0.1:9099' },
        data: { type: 'string' },
        config: { type: 'string' },
        token: { type: 'string' },
        'retention.time': { type: 'string' },
        'retention.size': { type: 'string' },
        'storage.downsample-after': { type: 'string' },
        'storage.allow-empty-start': { type: 'boolean', default: false },
        'query.timeout': { type: 'string' },
        'query.max-samples': { type: 'string' },
        'query.lookback-delta': { type: 'string' },
        'query.compat': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  let listen;
  try {
    listen = parseListen(values.listen!);
  } catch (err) {
    fail((err as Error).message);
  }
  let query;
  try {
    query = parseQueryFlags(values);
  } catch (err) {
    fail((err as Error).message);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  let running;
  try {
    running = await startServe({
      host: listen.host,
      port: listen.port,
      dataDir: resolve(values.data ?? defaultDataDir()),
      configFile: values.config ? resolve(values.config) : null,
      rendererDir: join(here, 'renderer'),
      token: values.token ?? null,
      retention: parseRetention(
        values['retention.time'],
        values['retention.size'],
        values['storage.downsample-after'],
      ),
      query,
      allowEmptyStart: values['storage.allow-empty-start'] === true,
    });
  } catch (err) {
    if (err instanceof EngineStartError && err.originalName === 'ConfigError')
      fail(`invalid config: ${err.message}`, 1);
    fail((err as Error).message, 1);
  }
  const { targets, dataDir } = await running.engine.summary();
  console.error(`promdesk ${VERSION} serving on ${running.url} (data ${dataDir}, ${targets} target(s))`);
  const stop = (signal: string) => {
    console.error(`promdesk: ${signal}, shutting down`);
    running.stop().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`promdesk: shutdown failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve':
      return serve(rest);
    case 'lint':
      process.exitCode = await runLint(rest);
      return;
    case 'check':
      process.exitCode = await runCheck(rest);
      return;
    case 'import':
    case 'export':
      try {
        process.exitCode = await (cmd === 'import' ? runImport(rest) : runExport(rest));
      } catch (err) {
        const e = err as Error;
        const known = e instanceof ImportError || e instanceof ExportError || e instanceof DataDirLockedError;
        fail(known ? e.message : `${cmd} failed: ${e.message}`, 1);
      }
      return;
    case 'version':
    case '--version':
      console.log(VERSION);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      fail(`unknown command "${cmd}"\n\n${USAGE}`);
  }
}

await main(process.argv.slice(2));
