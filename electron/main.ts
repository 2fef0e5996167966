// The desktop shell, as thin as it can be: Electron cannot run where the tests run, so every
// decision is a plain function in electron/desktop/ (tested in Node) and this file only wires
// them to Electron — one window with a sandboxed renderer on the promdesk:// protocol, the
// engine host in a utilityProcess (host-protocol.ts, over one RpcPeer: desktop/host-link.ts),
// IPC checked before it is relayed, the tray, the menu bar, and a quit that waits for the store.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, type ApiMethod, type SettingsView } from '../shared/api';
import type { SettingsPatch } from '../shared/settings';
import { PRODUCT_NAME } from './engine/paths';
import { HOST_FLAGS } from './host/options';
import { appProtocolResponse } from './desktop/app-protocol';
import { hostArgs } from './desktop/host-args';
import { HostLink } from './desktop/host-link';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, relayIpcCall } from './desktop/ipc-call';
import { APP_ORIGIN, APP_SCHEME, guardContents } from './desktop/navigation';
import { installPermissionPolicy } from './desktop/permissions';
import { nextFreeListen, portInUseQuestion } from './desktop/port-choice';
import { quitGate } from './desktop/quit';
import { STARTUP_PAGE_PATH, startupFailureText } from './desktop/startup-page';
import { trayIconPng } from './desktop/tray-icon';
import { ALERTS_HASH, desktopNotification, firingLine, silenceCalls } from './desktop/notifications';
import type { NotificationEvent } from '../shared/rules/model';
import {
  appMenuTemplate,
  trayAlarm,
  trayMenuTemplate,
  trayTooltip,
  type ShellActions,
  type ShellState,
} from './desktop/tray-menu';

// DevTools only in development: a packaged app gives a page no way to run code in the renderer.
const DEV_TOOLS = !app.isPackaged;
const METHODS = new Set<string>(API_METHODS);
/** The shell's own Api session (settings), beside one per window; no BrowserWindow has id 0. */
const SHELL_SESSION = 0;
const LOGIN_ITEMS = process.platform === 'darwin' || process.platform === 'win32';

app.setName(PRODUCT_NAME);
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const rendererDir = join(__dirname, 'renderer');
  const state: ShellState = {
    status: null,
    failure: null,
    closeToTray: false,
    startAtLogin: false,
    startAtLoginSupported: LOGIN_ITEMS,
  };
  let host: HostLink | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  /** Alerts firing, from the last notification (the tray's count). */
  let firing = 0;
  /** Shown notifications by group, kept so their handlers live and a repeat replaces its group's. */
  const shown = new Map<string, Notification>();

  const startHost = () => {
    const binding = join(app.getAppPath(), '.native', 'electron', 'better_sqlite3.node');
    const proc = utilityProcess.fork(
      join(__dirname, 'engine-host.mjs'),
      hostArgs(process.argv.slice(1), join(app.getPath('userData'), 'data'), {
        ...HOST_FLAGS,
        'no-http': { type: 'boolean' },
      }),
      {
        serviceName: 'Promdesk engine',
        env: { ...process.env, ...(existsSync(binding) ? { PROMDESK_SQLITE_BINDING: binding } : {}) },
      },
    );
    host = new HostLink(proc, {
      status: (status, first) => {
        state.status = status;
        state.failure = null;
        if (first) void readDesktopSettings();
        // A port in use is said in the window (its notice offers another port) and in the tray,
        // whose item asks here: no dialog unasked.
        refreshShell();
      },
      fatal: (failure) => {
        console.error(startupFailureText(failure));
        state.failure = failure;
        state.status = null;
        for (const win of BrowserWindow.getAllWindows()) void win.loadURL(APP_ORIGIN + STARTUP_PAGE_PATH);
        refreshShell();
      },
      apiEvent: (windowId, event) => {
        // The shell's own session hears notifications (every window's session does too).
        if (windowId === SHELL_SESSION) {
          if (event.type === 'notification') notify(event);
          return;
        }
        BrowserWindow.fromId(windowId)?.webContents.send(IPC_EVENT_CHANNEL, event);
      },
      log: (message) => console.error(message),
      exit: (code) => {
        host = null;
        if (quitting || state.failure) return;
        // A crash after start-up: the window says so rather than failing every call.
        state.failure = {
          name: 'EngineExited',
          title: 'The engine stopped',
          message: `the engine host exited with code ${code}`,
          hint: 'Quit Promdesk and start it again. If it stops again, run `promdesk serve` in a terminal to see why.',
        };
        state.status = null;
        for (const win of BrowserWindow.getAllWindows()) void win.loadURL(APP_ORIGIN + STARTUP_PAGE_PATH);
        refreshShell();
      },
    });
  };

  const shellCall = <T>(method: ApiMethod, params: unknown[]): Promise<T> => {
    if (!host) return Promise.reject(new Error('the engine is not running'));
    return host.call('api', SHELL_SESSION, method, params) as Promise<T>;
  };

  /** The desktop options of a settings view (from the tray or the Settings view) take effect. */
  const applyDesktopSettings = (view: SettingsView) => {
    state.closeToTray = view.settings['desktop.close-to-tray'];
    state.startAtLogin = view.settings['desktop.start-at-login'];
    if (LOGIN_ITEMS) app.setLoginItemSettings({ openAtLogin: state.startAtLogin });
    refreshShell();
  };

  const readDesktopSettings = async () => {
    try {
      applyDesktopSettings(await shellCall<SettingsView>('getSettings', []));
    } catch (err) {
      console.error(`desktop settings not read: ${(err as Error).message}`);
    }
  };

  const putSettings = async (patch: SettingsPatch) => {
    try {
      applyDesktopSettings(await shellCall<SettingsView>('putSettings', [patch]));
    } catch (err) {
      dialog.showErrorBox('The setting was not saved', (err as Error).message);
    }
  };

  const chooseAnotherPort = async () => {
    const http = state.status?.http;
    if (!http || !('error' in http)) return;
    let listen = `127.0.0.1:${http.port}`;
    try {
      listen = (await shellCall<SettingsView>('getSettings', [])).settings.listen;
    } catch {
      // keep the loopback guess
    }
    const q = portInUseQuestion(http.error, await nextFreeListen(listen));
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      message: q.message,
      detail: q.detail,
      buttons: q.buttons,
      defaultId: 0,
      cancelId: q.buttons.length - 1,
    });
    // 'listen' applies live: the host listens there at once and sends a new status.
    if (response === 0 && q.suggestion) await putSettings({ listen: q.suggestion });
  };

  const showWindow = () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return createWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  const actions: ShellActions = {
    openWindow: showWindow,
    setScrapingPaused: (paused) => {
      host?.call('setScrapingPaused', paused).then(
        (status) => ((state.status = status), refreshShell()),
        (err: Error) => dialog.showErrorBox('Scraping was not paused', err.message),
      );
    },
    setCloseToTray: (on) => void putSettings({ 'desktop.close-to-tray': on }),
    setStartAtLogin: (on) => void putSettings({ 'desktop.start-at-login': on }),
    chooseAnotherPort: () => void chooseAnotherPort(),
    quit: () => app.quit(),
  };

  const openAlerts = () => {
    showWindow();
    const [win] = BrowserWindow.getAllWindows();
    if (win && !state.failure) void win.loadURL(`${APP_ORIGIN}/index.html${ALERTS_HASH}`);
  };

  /** A notification from the engine: Electron's Notification with its actions, and the tray's count. */
  const notify = (event: NotificationEvent) => {
    firing = event.firingCount;
    app.setBadgeCount(firing);
    refreshShell();
    if (!Notification.isSupported()) return;
    shown.get(event.groupKey)?.close();
    const n = new Notification({ ...desktopNotification(event), id: event.groupKey });
    n.on('click', openAlerts);
    n.on('action', (details) => {
      for (const [labels, ms] of silenceCalls(event, details.actionIndex))
        shellCall('silenceAlert', [labels, ms]).catch((err: Error) =>
          console.error(`the silence was not made: ${err.message}`),
        );
    });
    n.on('close', () => {
      if (shown.get(event.groupKey) === n) shown.delete(event.groupKey);
    });
    shown.set(event.groupKey, n);
    n.show();
  };

  const refreshShell = () => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(state, actions, { devTools: DEV_TOOLS })));
    if (!tray) return;
    tray.setImage(
      nativeImage.createFromBuffer(trayIconPng(trayAlarm(state) || firing > 0), { scaleFactor: 2 }),
    );
    tray.setToolTip([trayTooltip(state), firingLine(firing)].filter((l) => l !== null).join('\n'));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, actions)));
  };

  const createWindow = () => {
    // electronegativity-justified: AUXCLICK_JS_CHECK — every window.open (middle-click included) goes through setWindowOpenHandler in desktop/navigation.ts, which denies it.
    const win = new BrowserWindow({
      width: 1400,
      height: 900,
      title: PRODUCT_NAME,
      backgroundColor: '#111418',
      webPreferences: {
        // electronegativity-justified: PRELOAD_JS_CHECK — the sandboxed preload exposes only the Api's methods over one checked IPC channel (desktop/ipc-call.ts), never ipcRenderer.
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: DEV_TOOLS,
      },
    });
    const id = win.id;
    win.on('close', (e) => {
      if (state.closeToTray && !quitting && tray) {
        e.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => void host?.call('closeWindow', id).catch(() => undefined));
    void win.loadURL(APP_ORIGIN + (state.failure ? STARTUP_PAGE_PATH : '/index.html'));
  };

  app.on('second-instance', showWindow);

  // Every web contents, not just the main window's: navigation, redirects, new windows, webviews.
  app.on('web-contents-created', (_e, contents) =>
    guardContents(contents, {
      // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — guardContents only passes https links on its allow-list (navigation.ts isExternalAllowed).
      openExternal: (url) => void shell.openExternal(url),
      devTools: DEV_TOOLS,
    }),
  );

  app.whenReady().then(() => {
    installPermissionPolicy(session.defaultSession);
    protocol.handle(APP_SCHEME, async (req) => {
      const r = await appProtocolResponse(req.url, req.method, {
        rendererDir,
        startupFailure: () => state.failure,
      });
      const body = typeof r.body === 'string' ? r.body : new Uint8Array(r.body);
      return new Response(body, { status: r.status, headers: r.headers });
    });
    ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown) => {
      const frame = event.senderFrame;
      const sender = {
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame.parent === null,
        windowId: BrowserWindow.fromWebContents(event.sender)?.id ?? null,
      };
      const result = await relayIpcCall(sender, method, params, {
        methods: METHODS,
        host,
        failureMessage: state.failure?.message ?? null,
      });
      // A change in the Settings view: close-to-tray and start-at-login follow at once.
      if (method === 'putSettings') applyDesktopSettings(result as SettingsView);
      return result;
    });
    startHost();
    tray = new Tray(nativeImage.createFromBuffer(trayIconPng(false), { scaleFactor: 2 }));
    tray.on('click', showWindow);
    refreshShell();
    createWindow();
    app.on('activate', showWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !(state.closeToTray && tray)) app.quit();
  });
  // Quit waits for the host to close the store, at most HOST_SHUTDOWN_BOUND_MS, then kills it.
  app.on(
    'before-quit',
    quitGate(
      async () => {
        quitting = true;
        await host?.shutdown();
      },
      () => app.quit(),
    ),
  );
}
