// The tray icon's menu and tooltip, and the window's menu bar, as plain templates built from the
// engine host's status (its 'ready' and 'status' events) and the user's desktop settings. main.ts
// only hands them to Menu.buildFromTemplate / Tray; everything decidable is here, tested in Node.
import type { HostStatus, StartupFailure } from '../host/host-protocol';

export interface ShellState {
  /** null until the host is ready (or when it failed). */
  status: HostStatus | null;
  failure: StartupFailure | null;
  /** Settings 'desktop.close-to-tray' and 'desktop.start-at-login' (both off by default). */
  closeToTray: boolean;
  startAtLogin: boolean;
  /** Electron's login items work on macOS and Windows only. */
  startAtLoginSupported: boolean;
}

export interface ShellActions {
  openWindow(): void;
  setScrapingPaused(paused: boolean): void;
  setCloseToTray(on: boolean): void;
  setStartAtLogin(on: boolean): void;
  /** Offers another port for the HTTP API (shown when the wanted one is in use). */
  chooseAnotherPort(): void;
  quit(): void;
}

/** The subset of Electron's MenuItemConstructorOptions these templates use. */
export interface MenuItemTemplate {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  role?:
    | 'fileMenu'
    | 'editMenu'
    | 'viewMenu'
    | 'windowMenu'
    | 'reload'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'quit';
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuItemTemplate[];
  click?: () => void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line on the targets: "3 targets: 2 up, 1 down", "No targets", "Scraping paused — ...". */
export function statusLine(state: ShellState): string {
  if (state.failure) return `Not running: ${state.failure.title}`;
  const s = state.status;
  if (!s) return 'Starting…';
  const total = s.targetsUp + s.targetsDown + s.targetsUnknown;
  let line = total === 0 ? 'No targets' : `${plural(total, 'target', 'targets')}: ${s.targetsUp} up`;
  if (total > 0 && s.targetsDown > 0) line += `, ${s.targetsDown} down`;
  if (total > 0 && s.targetsUnknown > 0) line += `, ${s.targetsUnknown} not scraped yet`;
  return s.scrapingPaused ? `Scraping paused — ${line}` : line;
}

/** The HTTP API's line: where it listens, why it does not, or that it is off. */
export function httpLine(status: HostStatus | null): string | null {
  if (!status) return null;
  const h = status.http;
  if (h === null) return 'HTTP API off';
  if ('url' in h) return `HTTP API on ${h.url}`;
  return `HTTP API not serving: ${h.error}`;
}

export function trayTooltip(state: ShellState): string {
  const http = httpLine(state.status);
  return ['Promdesk', statusLine(state), ...(http ? [http] : [])].join('\n');
}

/** Whether the tray shows the "down" variant of its icon (a target down or the engine not running). */
export function trayAlarm(state: ShellState): boolean {
  return state.failure !== null || (state.status?.targetsDown ?? 0) > 0;
}

export function trayMenuTemplate(state: ShellState, actions: ShellActions): MenuItemTemplate[] {
  const s = state.status;
  const items: MenuItemTemplate[] = [{ label: statusLine(state), enabled: false }];
  const http = httpLine(s);
  if (http) items.push({ label: http, enabled: false });
  if (s?.http && 'error' in s.http)
    items.push({ label: 'Use Another Port for the HTTP API…', click: () => actions.chooseAnotherPort() });
  items.push(
    { type: 'separator' },
    { label: 'Open Promdesk', click: () => actions.openWindow() },
    {
      label: 'Pause Scraping',
      type: 'checkbox',
      checked: s?.scrapingPaused ?? false,
      // Nothing to pause before the engine runs.
      enabled: s !== null,
      click: () => actions.setScrapingPaused(!(s?.scrapingPaused ?? false)),
    },
    { type: 'separator' },
    {
      label: 'Keep Running in the Tray When the Window Closes',
      type: 'checkbox',
      checked: state.closeToTray,
      enabled: s !== null,
      click: () => actions.setCloseToTray(!state.closeToTray),
    },
  );
  if (state.startAtLoginSupported)
    items.push({
      label: 'Start at Login',
      type: 'checkbox',
      checked: state.startAtLogin,
      enabled: s !== null,
      click: () => actions.setStartAtLogin(!state.startAtLogin),
    });
  items.push({ type: 'separator' }, { label: 'Quit Promdesk', click: () => actions.quit() });
  return items;
}

/** The window's menu bar: the usual roles, and a Scraping menu with the status and the pause. */
export function appMenuTemplate(
  state: ShellState,
  actions: ShellActions,
  opts: { devTools: boolean },
): MenuItemTemplate[] {
  const s = state.status;
  const view: MenuItemTemplate = opts.devTools
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
      };
  return [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    {
      label: 'Scraping',
      submenu: [
        { label: statusLine(state), enabled: false },
        { type: 'separator' },
        {
          label: 'Pause Scraping',
          type: 'checkbox',
          checked: s?.scrapingPaused ?? false,
          enabled: s !== null,
          click: () => actions.setScrapingPaused(!(s?.scrapingPaused ?? false)),
        },
      ],
    },
    { role: 'windowMenu' },
  ];
}
