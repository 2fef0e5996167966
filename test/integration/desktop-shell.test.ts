// Main's side of the desktop app against the real engine host (the built dist/engine-host.mjs in
// a child process standing in for Electron's utilityProcess, test/helpers/desktop-host-entry.mjs):
// the host link, the IPC gate relaying to it, the tray's pause, the start-up page for a data
// directory in use, and quit waiting for the store within its bound. Only the Electron calls of
// main.ts are left out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS } from '../../shared/api';
import type { HostStatus, StartupFailure } from '../../electron/host/host-protocol';
import { appProtocolResponse } from '../../electron/desktop/app-protocol';
import { HostLink, type HostProcess } from '../../electron/desktop/host-link';
import { relayIpcCall, type IpcSender } from '../../electron/desktop/ipc-call';
import { trayMenuTemplate, type ShellActions, type ShellState } from '../../electron/desktop/tray-menu';
import { tempDir } from '../helpers/tmp';

const ENTRY = join(process.cwd(), 'test', 'helpers', 'desktop-host-entry.mjs');
const METHODS = new Set<string>(API_METHODS);
const page: IpcSender = { frameUrl: 'promdesk://app/index.html', isMainFrame: true, windowId: 1 };

interface Shell {
  link: HostLink;
  proc: ChildProcess;
  statuses: HostStatus[];
  failures: StartupFailure[];
  exits: number[];
  logs: string[];
  until(what: string, ok: () => boolean, ms?: number): Promise<void>;
}

/** What main.ts does on start: fork the host and link it (here a Node child, not Electron's). */
function startShell(args: string[]): Shell {
  const proc = fork(ENTRY, args, { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d));
  proc.stderr?.on('data', (d: Buffer) => (out += d));
  const hostProcess: HostProcess = {
    postMessage: (m: unknown) => void (proc.connected && proc.send(m as Serializable)),
    on: ((event: 'message' | 'exit', listener: (arg: unknown) => void) =>
      event === 'exit'
        ? proc.on('exit', (code) => listener(code ?? -1))
        : proc.on('message', (m) => listener(m))) as HostProcess['on'],
    kill: () => proc.kill('SIGKILL'),
  };
  const s: Shell = {
    proc,
    statuses: [],
    failures: [],
    exits: [],
    logs: [],
    link: null as unknown as HostLink,
    until: async (what, ok, ms = 30_000) => {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms\n${out}\n${s.logs.join('\n')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  s.link = new HostLink(hostProcess, {
    status: (st) => s.statuses.push(st),
    fatal: (f) => s.failures.push(f),
    apiEvent: () => {},
    log: (m) => s.logs.push(m),
    exit: (code) => s.exits.push(code),
  });
  return s;
}

const dir = tempDir('promdesk-shell-');
const running: Shell[] = [];
before(() => {
  if (!existsSync(join(process.cwd(), 'dist', 'engine-host.mjs')))
    throw new Error('dist/engine-host.mjs is missing: run `node scripts/build.mjs` first');
});
after(() => {
  for (const s of running) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  dir.remove();
});

test(
  'IPC reaches the engine through the gate; the tray pauses scraping; quit waits for the store',
  { timeout: 60_000 },
  async () => {
    const data = join(dir.path, 'a');
    const shell = startShell(['--data', data, '--no-http']);
    running.push(shell);
    await shell.until('ready', () => shell.statuses.length > 0);
    assert.equal(shell.statuses[0].http, null, '--no-http reached the host');
    const relay = () => ({ methods: METHODS, host: shell.link, failureMessage: null });

    const info = (await relayIpcCall(page, 'info', [], relay())) as { mode: string };
    assert.equal(info.mode, 'desktop');
    await assert.rejects(relayIpcCall({ ...page, frameUrl: 'https://evil.example/' }, 'info', [], relay()), {
      message: 'promdesk:call: refused: the caller is not a Promdesk page (https://evil.example/)',
    });
    await assert.rejects(relayIpcCall(page, 'eval', ['1'], relay()), {
      message: 'promdesk:call: unknown method "eval"',
    });
    // Deep checks are the host session's, as on every transport, and come back readable.
    await assert.rejects(relayIpcCall(page, 'removeTarget', [{ no: 1 }], relay()), /removeTarget/);
    assert.equal(shell.proc.exitCode, null, 'bad calls did not hurt the host');

    // The tray's "Pause Scraping" does the host's setScrapingPaused.
    const state: ShellState = {
      status: shell.statuses.at(-1)!,
      failure: null,
      closeToTray: false,
      startAtLogin: false,
      startAtLoginSupported: false,
    };
    const clicked: { paused?: Promise<HostStatus> } = {};
    const actions = {
      setScrapingPaused: (p: boolean) => (clicked.paused = shell.link.call('setScrapingPaused', p)),
    } as unknown as ShellActions;
    trayMenuTemplate(state, actions).find((i) => i.label === 'Pause Scraping')!.click!();
    assert.ok(clicked.paused, 'the click called the host');
    assert.equal((await clicked.paused).scrapingPaused, true);
    assert.equal(
      ((await relayIpcCall(page, 'info', [], relay())) as { scrapingPaused: boolean }).scrapingPaused,
      true,
    );

    // Quit: the host closes its store and exits by itself, well within the bound; nothing is killed.
    const r = await shell.link.shutdown(10_000);
    assert.equal(r.outcome, 'closed', JSON.stringify(r));
    assert.deepEqual(shell.exits, [0]);
    assert.equal(shell.link.running, false);
    await assert.rejects(relayIpcCall(page, 'info', [], relay()), { message: 'the engine is not running' });

    // The lock went with it: the next start opens the same data directory.
    const again = startShell(['--data', data, '--no-http']);
    running.push(again);
    await again.until('ready again', () => again.statuses.length > 0);
    assert.equal((await again.link.shutdown(10_000)).outcome, 'closed');
  },
);

test(
  'a data directory in use: the window gets a page saying by whom and what to do',
  { timeout: 60_000 },
  async () => {
    const data = join(dir.path, 'b');
    const first = startShell(['--data', data, '--no-http']);
    running.push(first);
    await first.until('first ready', () => first.statuses.length > 0);
    const second = startShell(['--data', data, '--no-http']);
    running.push(second);
    await second.until('fatal', () => second.failures.length > 0);
    const failure = second.failures[0];
    assert.equal(failure.name, 'DataDirLockedError');
    assert.match(failure.message, new RegExp(`pid ${first.proc.pid}`));
    await second.until('the failed host exits', () => second.exits.length > 0);
    assert.deepEqual(second.exits, [1]);
    await assert.rejects(
      relayIpcCall(page, 'info', [], {
        methods: METHODS,
        host: second.link,
        failureMessage: failure.message,
      }),
      { message: `the engine is not running: ${failure.message}` },
    );

    const res = await appProtocolResponse('promdesk://app/startup-error', 'GET', {
      rendererDir: join(process.cwd(), 'dist', 'renderer'),
      startupFailure: () => failure,
    });
    assert.equal(res.status, 200);
    const html = String(res.body);
    assert.ok(html.includes('<h1>' + failure.title.replace(/&/g, '&#38;') + '</h1>'), html);
    assert.match(html, /What to do:/);
    assert.equal((await first.link.shutdown(10_000)).outcome, 'closed');
  },
);
