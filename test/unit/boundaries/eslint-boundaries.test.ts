// The layer rules of docs/ARCHITECTURE.md, as ESLint enforces them (eslint.config.js): code that
// breaks a rule gets an error on that import's line, code that keeps them gets none. The files
// need not exist: lintText applies the configuration that matches the path. That the project
// itself keeps them is `npm run lint`'s job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

/** The boundary errors for `code` linted as the file at `filePath`, as "line: message". */
async function boundaryErrors(filePath: string, code: string): Promise<{ line: number; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${filePath} did not parse`);
  return result.messages.filter((m) => m.ruleId === RULE).map(({ line, message }) => ({ line, message }));
}

/** Lints `lines` as one file and asserts an error on exactly the lines marked `// bad`. */
async function expectErrors(filePath: string, lines: string[], layerText: string): Promise<void> {
  const errors = await boundaryErrors(filePath, lines.join('\n') + '\n');
  const badLines = lines.flatMap((l, i) => (l.includes('// bad') ? [i + 1] : []));
  assert.deepEqual(
    errors.map((e) => e.line),
    badLines,
    `${filePath}: ${JSON.stringify(errors, null, 1)}`,
  );
  for (const e of errors) assert.match(e.message, new RegExp(layerText), e.message);
  for (const e of errors) assert.match(e.message, /docs\/ARCHITECTURE\.md/);
}

test('engine code may import Node and shared/, never electron, react, the renderer or what sits above it', async () => {
  await expectErrors(
    'electron/engine/store/probe.ts',
    [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { z } from 'zod';",
      "import { parseDuration } from '../../../shared/duration.ts';",
      "import { openStore } from './open-store.ts';",
      "import { app } from 'electron'; // bad",
      "import type { IpcMainEvent } from 'electron/main'; // bad",
      "import { useState } from 'react'; // bad",
      "export * from 'react-dom/client'; // bad",
      "import type { Route } from '../../../renderer/src/lib/route.ts'; // bad",
      "import electron = require('electron'); // bad",
      "import { startHost } from '../../host/start-host.ts'; // bad",
      "import { quitGate } from '../../desktop/quit'; // bad",
      "import { runServe } from '../../serve.ts'; // bad",
      'export const used = [readFileSync, join, z, parseDuration, openStore, app, useState, electron, startHost, quitGate, runServe];',
    ],
    'The engine runs without Electron',
  );
});

test('the Electron entries may import electron and the engine, not react or the renderer', async () => {
  await expectErrors(
    'electron/main.ts',
    [
      "import { app } from 'electron';",
      "import { join } from 'node:path';",
      "import { quitGate } from './desktop/quit.ts';",
      "import { createRoot } from 'react-dom/client'; // bad",
      "import { formatValue } from '../renderer/src/lib/format.ts'; // bad",
      'export const used = [app, join, quitGate, createRoot, formatValue];',
    ],
    'Node-side code',
  );
});

test('the rest of electron/ (host, desktop policies, commands) is plain Node: no electron', async () => {
  for (const file of ['electron/desktop/probe.ts', 'electron/host/probe.ts', 'electron/probe-command.ts']) {
    await expectErrors(
      file,
      [
        "import { join } from 'node:path';",
        "import { Engine } from '../engine/engine.ts';",
        "import type { BrowserWindow } from 'electron'; // bad",
        "import { createRoot } from 'react-dom/client'; // bad",
        "import { formatValue } from '../../renderer/src/lib/format.ts'; // bad",
        'export const used = [join, Engine, createRoot, formatValue];',
        'export type T = BrowserWindow;',
      ],
      'Node-side code outside the Electron entries',
    );
  }
});

test('the renderer may import react and shared/, never Node modules, electron or electron/', async () => {
  await expectErrors(
    'renderer/src/views/Probe.tsx',
    [
      "import { useState } from 'react';",
      "import uPlot from 'uplot';",
      "import type { Api } from '../../../shared/api.ts';",
      "import { formatValue } from '../lib/format.ts';",
      "import { readFileSync } from 'node:fs'; // bad",
      "import { readFile } from 'fs/promises'; // bad",
      "import path from 'path'; // bad",
      "import { EventEmitter } from 'events'; // bad",
      "import { ipcRenderer } from 'electron'; // bad",
      "import { Engine } from '../../../electron/engine/engine.ts'; // bad",
      "import type { Settings } from '../../../electron/preload.ts'; // bad",
      'export const used = [useState, uPlot, formatValue, readFileSync, readFile, path, EventEmitter, ipcRenderer, Engine];',
      'export type T = Api | Settings;',
    ],
    'The renderer runs in a sandboxed page',
  );
});

test('shared/ imports neither Node, electron, react, the renderer nor the engine', async () => {
  await expectErrors(
    'shared/exposition/probe.ts',
    [
      "import { z } from 'zod';",
      "import { parseDuration } from '../duration.ts';",
      "import type { Sample } from './types.ts';",
      "import { createHash } from 'node:crypto'; // bad",
      "import { Buffer } from 'buffer'; // bad",
      "import { app } from 'electron'; // bad",
      "import { useMemo } from 'react'; // bad",
      "import { formatValue } from '../../renderer/src/lib/format.ts'; // bad",
      "import { QueryEngine } from '../../electron/engine/query/index.ts'; // bad",
      "export { decodeFrame } from '../../electron/engine/worker-protocol.ts'; // bad",
      'export const used = [z, parseDuration, createHash, Buffer, app, useMemo, formatValue, QueryEngine];',
      'export type T = Sample;',
    ],
    'shared/ runs on both sides',
  );
});
