// The `promdesk` command line: `promdesk serve` runs headless; more commands join it later.
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServe } from './serve';
import { defaultDataDir } from './engine/paths';
import { ConfigError } from './engine/config/prometheus-config';
import { VERSION } from './engine/version';
import { IMPORT_USAGE, ImportError, runImport } from './import-command';
import { EXPORT_USAGE, ExportError, runExport } from './export-command';
import { DataDirLockedError } from './engine/store/data-dir-lock';

const USAGE = `Usage: promdesk <command> [options]

Commands:
  serve    Run headless: scrape, store, and serve the UI and the Prometheus API
           --listen HOST:PORT   address to listen on (default 127.0.0.1:9099)
           --data DIR           data directory (default: the desktop app's, ${defaultDataDir()})
           --config FILE        a Prometheus prometheus.yml with scrape_configs
           --token TOKEN        require this token (generated when listening beyond loopback)
${IMPORT_USAGE}
${EXPORT_USAGE}
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
    });
  } catch (err) {
    if (err instanceof ConfigError) fail(`invalid config: ${err.message}`, 1);
    fail((err as Error).message, 1);
  }
  const targets = running.engine.listTargets().length;
  console.error(
    `promdesk ${VERSION} serving on ${running.url} (data ${running.engine.info().dataDir}, ${targets} target(s))`,
  );
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
