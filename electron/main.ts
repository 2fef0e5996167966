// The desktop shell: one window with a sandboxed renderer loaded from the promdesk:// protocol,
// the engine in a utilityProcess (so the window never waits on SQLite or scrapes), and IPC that
// checks who is calling and what they send before relaying it to the engine.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiMethod } from '../shared/api';
import { apiRequestMessageSchema } from '../shared/api-schemas';
import { PRODUCT_NAME } from './engine/paths';
import { UI_CONTENT_TYPES, UI_CSP } from './engine/http/ui-assets';
import {
  APP_ORIGIN as ORIGIN,
  APP_SCHEME as SCHEME,
  denyPermission,
  guardContents,
  isAppUrl,
} from './web-guard';

// DevTools only in development: a packaged app gives a page no way to run code in the renderer.
const DEV_TOOLS = !app.isPackaged;

app.setName(PRODUCT_NAME);
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let engine: UtilityProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const rendererDir = join(__dirname, 'renderer');

  const startEngine = () => {
    const dataDir = join(app.getPath('userData'), 'data');
    const configIdx = process.argv.indexOf('--config');
    const args = ['--data', dataDir];
    if (configIdx >= 0 && process.argv[configIdx + 1]) args.push('--config', process.argv[configIdx + 1]);
    const binding = join(app.getAppPath(), '.native', 'electron', 'better_sqlite3.node');
    engine = utilityProcess.fork(join(__dirname, 'engine-host.mjs'), args, {
      serviceName: 'Promdesk engine',
      env: { ...process.env, ...(existsSync(binding) ? { PROMDESK_SQLITE_BINDING: binding } : {}) },
    });
    engine.on(
      'message',
      (msg: {
        kind: string;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        windowId?: number;
        event?: unknown;
        message?: string;
      }) => {
        if (msg.kind === 'reply' && msg.id !== undefined) {
          const p = pending.get(msg.id);
          pending.delete(msg.id);
          if (msg.ok) p?.resolve(msg.result);
          else p?.reject(new Error(msg.error));
        } else if (msg.kind === 'event' && msg.windowId !== undefined) {
          BrowserWindow.fromId(msg.windowId)?.webContents.send('promdesk:event', msg.event);
        } else if (msg.kind === 'log') {
          console.error(msg.message);
        }
      },
    );
    engine.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`the engine stopped (exit code ${code})`));
      pending.clear();
      engine = null;
    });
  };

  const createWindow = () => {
    const win = new BrowserWindow({
      width: 1400,
      height: 900,
      title: PRODUCT_NAME,
      backgroundColor: '#111418',
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: DEV_TOOLS,
      },
    });
    const id = win.id;
    win.on('closed', () => engine?.postMessage({ kind: 'close-window', windowId: id }));
    void win.loadURL(`${ORIGIN}/index.html`);
  };

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Every web contents, not just the main window's: navigation, redirects, new windows, webviews.
  app.on('web-contents-created', (_e, contents) =>
    guardContents(contents, { openExternal: (url) => void shell.openExternal(url), devTools: DEV_TOOLS }),
  );

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
      callback(denyPermission()),
    );
    session.defaultSession.setPermissionCheckHandler(denyPermission);
    protocol.handle(SCHEME, async (req) => {
      const url = new URL(req.url);
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(rendererDir, rel));
      if (url.host !== 'app' || !file.startsWith(rendererDir + sep))
        return new Response('not found', { status: 404 });
      try {
        const data = await readFile(file);
        return new Response(data, {
          headers: {
            'Content-Type': UI_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': UI_CSP,
          },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
    ipcMain.handle('promdesk:call', (event, method: unknown, params: unknown) => {
      // Only our own page may call the engine, and only with well-formed requests.
      if (!isAppUrl(event.senderFrame?.url ?? '')) throw new Error('not allowed');
      const id = nextId++;
      const msg = apiRequestMessageSchema.parse({ kind: 'request', id, method, params });
      const windowId = BrowserWindow.fromWebContents(event.sender)?.id ?? -1;
      if (!engine) throw new Error('the engine is not running');
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        engine!.postMessage({
          kind: 'request',
          windowId,
          id,
          method: msg.method as ApiMethod,
          params: msg.params,
        });
      });
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        { role: 'fileMenu' },
        { role: 'editMenu' },
        DEV_TOOLS
          ? { role: 'viewMenu' }
          : {
              label: 'View',
              submenu: [
                { role: 'reload' },
                { role: 'resetZoom' },
                { role: 'zoomIn' },
                { role: 'zoomOut' },
                { type: 'separator' },
                { role: 'togglefullscreen' },
              ],
            },
        { role: 'windowMenu' },
      ]),
    );
    startEngine();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => engine?.postMessage({ kind: 'shutdown' }));
}
