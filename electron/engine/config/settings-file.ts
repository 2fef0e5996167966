// <data dir>/settings.json: the keys a user changed in the Settings view (shared/settings.ts).
// Written atomically (a temporary file renamed over the old one), so a crash mid-write leaves
// the old file or the new one, never half of one. A bad file is an error naming the file, the
// key and what is wrong; reading never throws anything else.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../write-atomic';
import { settingsPatchProblem, type SettingsPatch } from '../../../shared/settings';

export const SETTINGS_FILE = 'settings.json';

export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE);
}

/** The settings the user set ({} when there is no file); SettingsError when the file is bad. */
export function readSettings(dataDir: string): SettingsPatch {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SettingsError(file, `${file}: cannot read: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SettingsError(file, `${file}: not valid JSON: ${(err as Error).message}`);
  }
  const problem = settingsPatchProblem(value);
  if (problem) throw new SettingsError(file, `${file}: ${problem}`);
  return value as SettingsPatch;
}

/** Replaces settings.json with `settings` (checked first: a bad value is refused, naming the key). */
export function writeSettings(dataDir: string, settings: SettingsPatch): void {
  const file = settingsPath(dataDir);
  const problem = settingsPatchProblem(settings);
  if (problem) throw new SettingsError(file, `settings: ${problem}`);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
  } catch (err) {
    throw new SettingsError(file, `${file}: cannot write: ${(err as Error).message}`);
  }
}
