// The tray's menu and tooltip and the menu bar, built from the host's status and the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostStatus } from '../../../electron/host/host-protocol';
import {
  appMenuTemplate,
  statusLine,
  trayAlarm,
  trayMenuTemplate,
  trayTooltip,
  type MenuItemTemplate,
  type ShellActions,
  type ShellState,
} from '../../../electron/desktop/tray-menu';

const status: HostStatus = {
  targetsUp: 2,
  targetsDown: 1,
  targetsUnknown: 0,
  scrapingPaused: false,
  http: { url: 'http://127.0.0.1:9099' },
  dataDir: '/d',
};
const base: ShellState = {
  status,
  failure: null,
  closeToTray: false,
  startAtLogin: false,
  startAtLoginSupported: true,
};

function recorder(): { calls: string[]; actions: ShellActions } {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      openWindow: () => calls.push('open'),
      setScrapingPaused: (p) => calls.push(`paused=${p}`),
      setCloseToTray: (on) => calls.push(`closeToTray=${on}`),
      setStartAtLogin: (on) => calls.push(`startAtLogin=${on}`),
      chooseAnotherPort: () => calls.push('port'),
      quit: () => calls.push('quit'),
    },
  };
}

const item = (items: MenuItemTemplate[], label: string | RegExp) => {
  const found = items.find((i) =>
    typeof label === 'string' ? i.label === label : label.test(i.label ?? ''),
  );
  assert.ok(found, `menu item ${label}`);
  return found;
};

test('the status line counts targets up, down and not yet scraped', () => {
  assert.equal(statusLine(base), '3 targets: 2 up, 1 down');
  assert.equal(
    statusLine({ ...base, status: { ...status, targetsDown: 0, targetsUp: 1 } }),
    '1 target: 1 up',
  );
  assert.equal(
    statusLine({ ...base, status: { ...status, targetsDown: 0, targetsUnknown: 2 } }),
    '4 targets: 2 up, 2 not scraped yet',
  );
  assert.equal(statusLine({ ...base, status: { ...status, targetsUp: 0, targetsDown: 0 } }), 'No targets');
  assert.equal(
    statusLine({ ...base, status: { ...status, scrapingPaused: true } }),
    'Scraping paused — 3 targets: 2 up, 1 down',
  );
  assert.equal(statusLine({ ...base, status: null }), 'Starting…');
  const failure = {
    name: 'DataDirLockedError',
    title: 'The data directory is in use',
    message: 'm',
    hint: 'h',
  };
  assert.equal(statusLine({ ...base, status: null, failure }), 'Not running: The data directory is in use');
  assert.equal(trayAlarm(base), true);
  assert.equal(trayAlarm({ ...base, status: { ...status, targetsDown: 0 } }), false);
  assert.equal(trayAlarm({ ...base, status: null, failure }), true);
});

test('the tooltip names the HTTP API, its error, or that it is off', () => {
  assert.equal(trayTooltip(base), 'Promdesk\n3 targets: 2 up, 1 down\nHTTP API on http://127.0.0.1:9099');
  const inUse = {
    ...status,
    http: { error: '127.0.0.1:9099 is in use (is `promdesk serve` running?)', port: 9099 },
  };
  assert.match(trayTooltip({ ...base, status: inUse }), /HTTP API not serving: 127\.0\.0\.1:9099 is in use/);
  assert.match(trayTooltip({ ...base, status: { ...status, http: null } }), /HTTP API off/);
  assert.equal(trayTooltip({ ...base, status: null }), 'Promdesk\nStarting…');
});

test('the tray menu: open, pause, the two desktop options, quit — each does its action', () => {
  const { calls, actions } = recorder();
  const items = trayMenuTemplate(base, actions);
  assert.equal(items[0].label, '3 targets: 2 up, 1 down');
  assert.equal(items[0].enabled, false);
  assert.equal(
    items.some((i) => /Another Port/.test(i.label ?? '')),
    false,
  );
  item(items, 'Open Promdesk').click!();
  const pause = item(items, 'Pause Scraping');
  assert.equal(pause.type, 'checkbox');
  assert.equal(pause.checked, false);
  pause.click!();
  const tray = item(items, /Keep Running in the Tray/);
  assert.equal(tray.checked, false, 'close-to-tray is off by default');
  tray.click!();
  const login = item(items, 'Start at Login');
  assert.equal(login.checked, false, 'start-at-login is off by default');
  login.click!();
  item(items, 'Quit Promdesk').click!();
  assert.deepEqual(calls, ['open', 'paused=true', 'closeToTray=true', 'startAtLogin=true', 'quit']);

  const paused = trayMenuTemplate(
    { ...base, status: { ...status, scrapingPaused: true }, closeToTray: true },
    actions,
  );
  assert.equal(item(paused, 'Pause Scraping').checked, true);
  item(paused, 'Pause Scraping').click!();
  item(paused, /Keep Running in the Tray/).click!();
  assert.deepEqual(calls.slice(-2), ['paused=false', 'closeToTray=false']);
});

test('before the engine runs nothing can be paused; without login items there is no such option', () => {
  const { actions } = recorder();
  const items = trayMenuTemplate({ ...base, status: null, startAtLoginSupported: false }, actions);
  assert.equal(item(items, 'Pause Scraping').enabled, false);
  assert.equal(
    items.some((i) => i.label === 'Start at Login'),
    false,
  );
  assert.equal(item(items, 'Open Promdesk').enabled, undefined);
  assert.equal(item(items, 'Quit Promdesk').enabled, undefined);
});

test('a port in use offers another one', () => {
  const { calls, actions } = recorder();
  const inUse = { ...status, http: { error: '127.0.0.1:9099 is in use', port: 9099 } };
  const items = trayMenuTemplate({ ...base, status: inUse }, actions);
  item(items, /Use Another Port/).click!();
  assert.deepEqual(calls, ['port']);
});

test('the menu bar has a Scraping menu with the status and the pause; DevTools only in development', () => {
  const { calls, actions } = recorder();
  const bar = appMenuTemplate(base, actions, { devTools: false });
  const scraping = item(bar, 'Scraping').submenu!;
  assert.equal(scraping[0].label, '3 targets: 2 up, 1 down');
  item(scraping, 'Pause Scraping').click!();
  assert.deepEqual(calls, ['paused=true']);
  const view = item(bar, 'View').submenu!;
  assert.equal(
    view.some((i) => i.role === 'reload'),
    true,
  );
  assert.equal(JSON.stringify(view).includes('toggleDevTools'), false);
  assert.equal(
    appMenuTemplate(base, actions, { devTools: true }).some((i) => i.role === 'viewMenu'),
    true,
  );
});
