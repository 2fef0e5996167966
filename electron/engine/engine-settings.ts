// The Settings view's side in the engine: what <data dir>/settings.json holds (over the
// defaults), which keys the command-line flags override, and whether a saved change waits for
// a restart. The file is read and written by config/settings-file.ts alone (the host's options
// read it there too), so there is one reader and one writer of its format.
import type { SettingsView } from '../../shared/api';
import {
  DEFAULT_SETTINGS,
  SETTINGS,
  SETTING_KEYS,
  withDefaultSettings,
  type SettingKey,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { readSettings, writeSettings } from './config/settings-file';

export class EngineSettings {
  /** The saved settings this engine started with. */
  private readonly atStart: Settings;
  private readonly overridden: SettingKey[];

  constructor(
    private readonly dataDir: string,
    overriddenByFlags: readonly string[],
    log: (msg: string) => void,
  ) {
    this.overridden = SETTING_KEYS.filter((k) => overriddenByFlags.includes(k));
    let saved: SettingsPatch = {};
    try {
      saved = readSettings(dataDir);
    } catch (err) {
      // The host refuses to start on a bad file; an engine opened without a host goes on.
      log(`settings: ${(err as Error).message}`);
    }
    this.atStart = withDefaultSettings(saved);
  }

  /** The saved settings; a settings.json gone bad since start is an error naming the file. */
  get(): SettingsView {
    const settings = withDefaultSettings(readSettings(this.dataDir));
    return {
      settings,
      defaults: { ...DEFAULT_SETTINGS },
      overriddenByFlags: [...this.overridden],
      restartNeeded: SETTING_KEYS.some(
        (k) =>
          SETTINGS[k].applies === 'restart' &&
          !this.overridden.includes(k) &&
          settings[k] !== this.atStart[k],
      ),
    };
  }

  /** Replaces settings.json with `patch` (the keys the user set; checked again by the writer). */
  put(patch: SettingsPatch): SettingsView {
    writeSettings(this.dataDir, patch);
    return this.get();
  }
}
