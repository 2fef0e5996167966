// The engine host's command line: the app's data directory, then the serve flags the user gave
// the app (`Promdesk --listen 127.0.0.1:9100`, `--config FILE`...), which override settings.json.
// Anything else on the app's command line (Chromium's switches, a file to open) stays behind.

/** Flag name -> whether it takes a value (serve's flag table, electron/host/options.ts). */
export type FlagTable = Readonly<Record<string, { type: 'string' | 'boolean' }>>;

export function hostArgs(argv: readonly string[], dataDir: string, flags: FlagTable): string[] {
  let data = dataDir;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(argv[i]);
    const spec = m ? flags[m[1]] : undefined;
    if (!m || !spec || !Object.hasOwn(flags, m[1])) continue;
    const name = m[1];
    let value: string | undefined = m[2];
    if (spec.type === 'string' && value === undefined) {
      value = argv[i + 1];
      if (value === undefined) continue; // missing value: the host would refuse it; so does the app
      i++;
    }
    if (name === 'data' && value !== undefined) data = value;
    else out.push(spec.type === 'boolean' ? `--${name}` : `--${name}=${value}`);
  }
  return ['--data', data, ...out];
}
