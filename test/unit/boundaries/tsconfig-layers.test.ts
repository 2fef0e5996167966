// Each layer is type-checked with only the globals it runs with (tsconfig.<layer>.json): a probe
// file placed in the layer compiles where it keeps to them and fails on each line marked `// bad`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';

const root = new URL('../../..', import.meta.url).pathname;

/** The lines of `lines` that fail to type-check as a file at `path` under tsconfig.<layer>.json. */
function errorLines(layer: string, path: string, lines: string[]): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, `tsconfig.${layer}.json`), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) =>
      assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  })!;
  const probe = join(root, path);
  const text = lines.join('\n') + '\n';
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    file === probe ? ts.createSourceFile(file, text, lang) : getSourceFile(file, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || fileExists(file);
  // The layer's own declaration files (shared/text-codec.d.ts, renderer/src/env.d.ts) come along.
  const declarations = config.fileNames.filter((f) => f.endsWith('.d.ts'));
  const program = ts.createProgram({ rootNames: [probe, ...declarations], options: config.options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe));
  return [...new Set(diagnostics.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1))];
}

function expectBadLines(layer: string, path: string, lines: string[]): void {
  const bad = lines.flatMap((l, i) => (l.includes('// bad') ? [i + 1] : []));
  assert.deepEqual(errorLines(layer, path, lines), bad, `${layer}: ${path}`);
}

test('shared/ sees neither DOM nor Node globals, only the text codecs it declares', () => {
  expectBadLines('shared', 'shared/__probe__.ts', [
    "export const bytes: Uint8Array = new TextEncoder().encode('x');",
    "export const text: string = new TextDecoder('utf-8', { fatal: true }).decode(bytes);",
    'export const title = document.title; // bad',
    'export const pid = process.pid; // bad',
    "export const buf = Buffer.from('x'); // bad",
  ]);
});

test('electron/ and the engine see Node globals, no DOM', () => {
  expectBadLines('electron', 'electron/engine/__probe__.ts', [
    'export const pid: number = process.pid;',
    "export const buf: Buffer = Buffer.from('x');",
    "export const bytes = new TextEncoder().encode('x');",
    'export const title = document.title; // bad',
    'export const el: HTMLElement | null = null; // bad',
  ]);
});

test('the renderer sees the DOM, no Node globals', () => {
  expectBadLines('renderer', 'renderer/src/__probe__.ts', [
    'export const title: string = document.title;',
    "export const bytes = new TextEncoder().encode('x');",
    'export const pid = process.pid; // bad',
    "export const buf = Buffer.from('x'); // bad",
    "export const fs = require('node:fs'); // bad",
  ]);
});
