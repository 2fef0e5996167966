// The `promdesk` command line: `promdesk serve` runs headless; more commands join it later.
// Each command's modules load when that command runs (a dynamic import per command), so a
// command pays only for what it uses: loading them all took ~0.3 s of CPU before any work.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './engine/paths';
import { VERSION } from './engine/version';
import type { OptionsError } from './host/options';

/** The whole help text: every command's usage, so it loads every command's module. */
async function usage(): Promise<string> {
  const [lint, imp, exp, check, rules, dashboard] = await Promise.all([
    import('./lint-command'),
    import('./import-command'),
    import('./export-command'),
    import('./check-command'),
    import('./rules-command'),
    import('./dashboard-command'),
  ]);
  return `Usage: promdesk <command> [options]

Commands:
  serve    Run headless: scrape, store, and serve the UI and the Prometheus API
           --listen HOST:PORT   address to listen on (default 127.0.0.1:9099)
           --data DIR           data directory (default: the desktop app's, ${defaultDataDir()})
           --config FILE        a Prometheus prometheus.yml with scrape_configs
           --token TOKEN        require this token (generated when listening beyond loopback)
           --web.enable-lifecycle  allow POST /-/reload (SIGHUP reloads the config in any case)
           --config.watch       reload when the config file or its rule files change (a broken save
                                keeps the old)
           --web.external-url URL  the URL rule templates call externalURL (default http://<host>:<port>)
           --rules.alert.for-outage-tolerance D  how long a restart may take for alerts to keep
                                the time they spent pending (default 1h)
           --rules.alert.for-grace-period D  the least time a restored alert waits before it fires
                                (default 10m)
           --retention.time D   how long to keep samples (default 30d)
           --retention.size S   the most disk the samples may use (e.g. 5GB; default no limit)
           --storage.downsample-after D  keep data older than D at 5m resolution (default off)
           --storage.allow-empty-start  start an empty store even though promdesk.db is missing
                                beside a sample log with commits (the log is kept aside)
           --query.timeout D    longest a query may run (default 2m)
           --query.max-samples N  most samples a query may hold (default 50000000)
           --query.lookback-delta D  how far back instant selectors look (default 5m)
           --query.compat 2|3   PromQL semantics of Prometheus 2.42 (default) or 3.x
           --rules.alert.resend-delay D  wait before sending an alert again to Alertmanager (default 1m)
           --alertmanager.notification-queue-capacity N  alerts waiting for the Alertmanagers at most
                                (default 10000; the oldest are dropped)
           --dashboards DIR     import every *.json under DIR at start, read-only (Grafana's
                                file provisioning; a file that fails is named, the rest go on)
           --listen, --retention.*, --storage.downsample-after, --query.* and --dashboards override the
           data directory's settings.json (the desktop app's Settings)
${lint.LINT_USAGE}
${imp.IMPORT_USAGE}
${exp.EXPORT_USAGE}
${check.CHECK_USAGE}
${rules.CHECK_RULES_USAGE}
${rules.TEST_RULES_USAGE}
${dashboard.DASHBOARD_USAGE}
  version  Print the version
`;
}

function fail(msg: string, code = 2): never {
  console.error(`promdesk: ${msg}`);
  process.exit(code);
}

async function serve(argv: string[]): Promise<void> {
  const [{ startServe }, { EngineStartError }, { loadHostOptions }, { SettingsError }] = await Promise.all([
    import('./serve'),
    import('./engine/worker-link'),
    import('./host/options'),
    import('./engine/config/settings-file'),
  ]);
  let options;
  try {
    options = loadHostOptions(argv, 'serve');
  } catch (err) {
    if (err instanceof SettingsError) fail(err.message, 1);
    const e = err as OptionsError;
    fail(e.usage ? `${e.message}\n\n${await usage()}` : e.message);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  // Signals are taken from the start: one that arrives while the engine opens (a supervisor
  // stopping us early) is acted on once it has opened, so the store still closes cleanly.
  let running: Awaited<ReturnType<typeof startServe>> | undefined;
  let signalled: string | null = null;
  let stopping = false;
  const stop = (signal: string) => {
    signalled ??= signal;
    if (stopping || !running) return;
    stopping = true;
    console.error(`promdesk: ${signal}, shutting down`);
    running.stop().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`promdesk: shutdown failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  // A second SIGINT (Ctrl-C again) ends the process at once; a second SIGTERM (a process group
  // signalled, and bin/promdesk.mjs seeing npm's shell go) must not cut the store's close short.
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // As Prometheus: SIGHUP reads the config again; an invalid one keeps the old (the engine logs it).
  process.on('SIGHUP', () => {
    running?.engine.reload().catch((err: Error) => console.error(`promdesk: reload failed: ${err.message}`));
  });
  try {
    running = await startServe({
      host: options.listen.host,
      port: options.listen.port,
      dataDir: options.dataDir,
      configFile: options.configFile,
      rendererDir: join(here, 'renderer'),
      token: options.token,
      enableLifecycle: options.enableLifecycle,
      retention: options.retention,
      query: options.query,
      allowEmptyStart: options.allowEmptyStart,
      watchConfig: options.watchConfig,
      rules: options.rules,
      alerting: options.alerting,
      overriddenSettings: Object.keys(options.flagSettings),
      dashboardsDir: options.dashboardsDir,
      onEngineStopped: (message) => fail(message, 1),
    });
  } catch (err) {
    if (err instanceof EngineStartError && err.originalName === 'ConfigError')
      fail(`invalid config: ${err.message}`, 1);
    fail((err as Error).message, 1);
  }
  if (signalled) return stop(signalled);
  // A signal may close the engine while this is asked: then there is nothing to announce.
  const summary = await running.engine.summary().catch(() => null);
  if (summary) {
    const { targets, dataDir } = summary;
    console.error(`promdesk ${VERSION} serving on ${running.url} (data ${dataDir}, ${targets} target(s))`);
  }
}

/** import and export: their own errors (and a locked data directory) are told as they are. */
async function importOrExport(cmd: 'import' | 'export', argv: string[]): Promise<void> {
  const { DataDirLockedError } = await import('./engine/store/data-dir-lock');
  let run: (argv: string[]) => Promise<number>;
  let CommandError: new (...args: never[]) => Error;
  if (cmd === 'import') {
    const [command, importFile] = await Promise.all([import('./import-command'), import('./import-file')]);
    run = command.runImport;
    CommandError = importFile.ImportError;
  } else ({ runExport: run, ExportError: CommandError } = await import('./export-command'));
  try {
    process.exitCode = await run(argv);
  } catch (err) {
    const known = err instanceof CommandError || err instanceof DataDirLockedError;
    fail(known ? (err as Error).message : `${cmd} failed: ${(err as Error).message}`, 1);
  }
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve':
      return serve(rest);
    case 'lint':
      process.exitCode = await (await import('./lint-command')).runLint(rest);
      return;
    case 'check':
      process.exitCode =
        rest[0] === 'rules'
          ? (await import('./rules-command')).runCheckRules(rest.slice(1))
          : await (await import('./check-command')).runCheck(rest);
      return;
    case 'test':
      if (rest[0] !== 'rules') fail(`unknown command "test ${rest[0] ?? ''}"\n\n${await usage()}`);
      process.exitCode = await (await import('./rules-command')).runTestRules(rest.slice(1));
      return;
    case 'dashboard':
      process.exitCode = (await import('./dashboard-command')).runDashboard(rest);
      return;
    case 'import':
    case 'export':
      return importOrExport(cmd, rest);
    case 'version':
    case '--version':
      console.log(VERSION);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(await usage());
      return;
    default:
      fail(`unknown command "${cmd}"\n\n${await usage()}`);
  }
}

await main(process.argv.slice(2));
