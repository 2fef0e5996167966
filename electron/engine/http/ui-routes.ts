// Paths the UI routes itself (history API) rather than files: the HTTP server and the promdesk://
// protocol answer index.html for them, so a Grafana-style link (/d/<uid>/<slug>?from=...) opens.
/** True for a path the renderer routes: Grafana's dashboard URLs /d/<uid> and /d/<uid>/<slug>. */
export function isUiRoute(encodedPath: string): boolean {
  return /^\/d\/[^/]+(\/[^/]*)?\/?$/.test(encodedPath);
}

/** The file path to serve for a URL path: "/" (index.html) for UI routes, else the path itself. */
export function uiFilePath(encodedPath: string): string {
  return isUiRoute(encodedPath) ? '/' : encodedPath;
}
