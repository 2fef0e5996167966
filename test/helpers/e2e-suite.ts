// The set-up every Chromium end-to-end file shares: `promdesk serve` as a child process on a
// fresh data directory, Debian's Chromium, Api clients over serve's WebSocket, and one cleanup
// list run in reverse after the file. Each file adds its own part (an exporter, targets, a
// config) in `prepare`; where Chromium is missing, every test skips with the reason.
import { after, before, type TestContext } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import type { Api } from '../../shared/api';
import { chromiumMissing, launchChromium } from './browser';
import { startServeProcess, type ServeProcess } from './serve-process';
import { tempDir } from './tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const ROOT = new URL('../..', import.meta.url).pathname;

export interface E2eSuite {
  readonly browser: Browser | null;
  readonly serve: ServeProcess;
  readonly dataDir: string;
  /** The suite's temporary folder (dataDir is its `data`), for configs and fixtures. */
  readonly dir: string;
  /** An Api client over serve's WebSocket, closed after the file. */
  api(): Api;
  /** Runs `fn` after the file (in reverse order of registration). */
  defer(fn: () => Promise<unknown> | unknown): void;
  /** True (and the test skipped with the reason) where Chromium is missing. */
  skipIfMissing(t: TestContext): boolean;
  /** Stops serve (failing unless it exits 0) and starts it again on the same data, config and flags. */
  restartServe(): Promise<void>;
}

export interface E2eSuiteOptions {
  /** Temp folder prefix, e.g. 'promdesk-alerts-e2e-'. */
  name: string;
  /** Before serve starts: write configs into `dir`, start exporters; returns serve's config file and flags. */
  before?: (s: Pick<E2eSuite, 'dir' | 'defer'>) => Promise<{ config?: string; flags?: string[] } | void>;
  /** After serve is ready, before Chromium starts: add targets, wait for scrapes. */
  prepare?: (s: E2eSuite) => Promise<void>;
}

/** Registers the file's before/after hooks and returns the suite they fill. */
export function e2eSuite(opts: E2eSuiteOptions): E2eSuite {
  const missing = chromiumMissing();
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  let browser: Browser | null = null;
  let serve: ServeProcess | null = null;
  let dir = '';
  let serveArgs: { config?: string; flags?: string[] } = {};
  const start = async () => {
    serve = await startServeProcess(suite.dataDir, serveArgs.config, undefined, serveArgs.flags ?? []);
  };
  const suite: E2eSuite = {
    get browser() {
      return browser;
    },
    get serve() {
      if (!serve) throw new Error('serve is not running (did before() fail?)');
      return serve;
    },
    get dataDir() {
      return join(dir, 'data');
    },
    get dir() {
      return dir;
    },
    api() {
      const client = new WsApiClient(`${suite.serve.base.replace('http', 'ws')}/api/ws`);
      cleanups.push(() => client.close());
      return client.api();
    },
    defer: (fn) => void cleanups.push(fn),
    skipIfMissing(t) {
      if (!missing) return false;
      t.skip(missing);
      return true;
    },
    async restartServe() {
      const code = await suite.serve.stop();
      if (code !== 0) throw new Error(`promdesk serve exited with ${code}:\n${suite.serve.output()}`);
      await start();
    },
  };
  before(async () => {
    if (missing) return;
    if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
      throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
    const tmp = tempDir(opts.name);
    cleanups.push(() => tmp.remove());
    dir = tmp.path;
    serveArgs = (await opts.before?.(suite)) ?? {};
    await start();
    cleanups.push(async () => void (await serve?.stop()));
    await opts.prepare?.(suite);
    browser = await launchChromium();
    cleanups.push(() => browser?.close().catch(() => undefined));
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  return suite;
}
