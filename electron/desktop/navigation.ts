// What any web contents of the desktop app may do: navigate within the app's own origin only,
// open no windows or webviews, and hand a few known documentation links to the system browser.
// Kept free of 'electron' imports (structural types) so the policy is tested in Node, where no
// Electron binary exists; main.ts installs it app-wide on 'web-contents-created'.

export const APP_SCHEME = 'promdesk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const EXTERNAL_ALLOWED = [/^https:\/\/prometheus\.io\//, /^https:\/\/github\.com\//];

/** True for a URL of the app's own pages (promdesk://app/...), and nothing that merely looks like it. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === `${APP_SCHEME}:` &&
      url.host === APP_HOST &&
      !url.port &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

/** True for a link the system browser may open on the user's behalf (https documentation only). */
export function isExternalAllowed(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
    return EXTERNAL_ALLOWED.some((re) => re.test(url.href));
  } catch {
    return false;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of Electron's WebContents the guard uses. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (e: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-redirect', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  closeDevTools(): void;
}

export interface GuardOptions {
  /** Opens a URL in the system browser (shell.openExternal). Only ever given allow-listed https URLs. */
  openExternal: (url: string) => void;
  /** Packaged builds keep DevTools closed. */
  devTools: boolean;
}

/**
 * What happens to a navigation, redirect or window.open (middle-click included) to `url`: stay
 * (our own page; navigations only), hand it to the system browser (an allowed https link), or
 * nothing at all.
 */
export function navigationVerdict(url: string, kind: 'navigate' | 'open'): 'stay' | 'external' | 'deny' {
  if (kind === 'navigate' && isAppUrl(url)) return 'stay';
  return isExternalAllowed(url) ? 'external' : 'deny';
}

/** Installs the navigation, redirect, window, webview and DevTools rules on one web contents. */
export function guardContents(contents: GuardedContents, opts: GuardOptions): void {
  const stayInApp = (e: PreventableEvent, url: string) => {
    const verdict = navigationVerdict(url, 'navigate');
    if (verdict === 'stay') return;
    e.preventDefault();
    // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — only a URL isExternalAllowed passed (https, allow-listed hosts, no credentials or port).
    if (verdict === 'external') opts.openExternal(url);
  };
  contents.on('will-navigate', stayInApp);
  // Sub-frames too (the CSP allows none, but a policy should not rest on another one).
  contents.on('will-frame-navigate', (e) => {
    if (navigationVerdict(e.url, 'navigate') !== 'stay') e.preventDefault();
  });
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — only a URL isExternalAllowed passed (https, allow-listed hosts, no credentials or port).
    if (navigationVerdict(url, 'open') === 'external') opts.openExternal(url);
    return { action: 'deny' };
  });
  if (!opts.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}
