// How the UI's files are served, the same by `promdesk serve` and by the desktop app's
// promdesk:// protocol: a Content-Security-Policy that starts from default-src 'none', and
// content types for the build's files. Styles allow 'unsafe-inline' because the PromQL editor
// (CodeMirror) injects its base theme as <style> elements at runtime; scripts stay 'self' only.
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
