#!/usr/bin/env node
// The `promdesk` command. The TypeScript sources are bundled into dist/ by `npm install`
// (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('promdesk: dist/cli.mjs is missing; run `npm run build` in the promdesk folder first.');
  process.exit(2);
}

// Started by npm (`npx promdesk serve`, `npm run serve`), we run under `sh -c`, and npm passes a
// SIGTERM on to that shell only: the shell dies without passing it to us, and we would run on,
// orphaned, holding the data directory's lock. So under npm, our parent's going is our SIGTERM
// (serve then shuts down as on any SIGTERM: server, engine, store closed, lock released).
if (process.env.npm_lifecycle_event !== undefined) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 200);
  watch.unref();
}

await import(cli);
