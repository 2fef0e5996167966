// Why the engine host could not start, as the window's error page shows it: a title, what is
// wrong and what to do. Errors arrive from the options module (flags, settings.json) or from the
// engine thread (EngineStartError: config, locked data dir, damaged store).
import type { StartupFailure } from './host-protocol';
import { EngineStartError } from '../engine/worker-link';
import { lockHolder } from './lock-holder';

export function startupFailure(err: unknown, dataDir: string | null): StartupFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  const name = e instanceof EngineStartError ? e.originalName : e.name;
  switch (name) {
    case 'DataDirLockedError': {
      const dir = dataDir ?? 'the data directory';
      const holder = dataDir ? lockHolder(dataDir).description : 'another Promdesk process';
      return {
        name,
        title: 'The data directory is in use',
        message: `the data directory ${dir} is in use by ${holder}`,
        hint: holder.startsWith('`promdesk serve`')
          ? 'Stop that `promdesk serve` (Ctrl-C in its terminal), or point it at another directory with --data; this app serves the same HTTP API itself.'
          : 'Stop that process first, or start Promdesk with --data DIR to use another directory.',
      };
    }
    case 'ConfigError':
      return {
        name,
        title: 'The configuration file has an error',
        message: e.message,
        hint: 'Fix the file at the line named, or start Promdesk without --config.',
      };
    case 'SettingsError':
      return {
        name,
        title: 'The settings file has an error',
        message: e.message,
        hint: 'Fix the value named, or delete the file: Promdesk then starts with its default settings.',
      };
    case 'OptionsError':
      return {
        name,
        title: 'A command-line option is wrong',
        message: e.message,
        hint: 'Fix the option named; `promdesk --help` lists them.',
      };
    case 'StoreOpenError':
      return {
        name,
        title: 'The data directory cannot be opened',
        message: e.message,
        hint: '`promdesk check --data DIR` says what is wrong with it.',
      };
    default:
      return {
        name: name || 'Error',
        title: 'The engine could not start',
        message: e.message,
        hint: 'See the message above; `promdesk serve` with the same data directory prints more.',
      };
  }
}
