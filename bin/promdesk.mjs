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
await import(cli);
