// How the UI's files are served, the same by `promdesk serve` and by the desktop app's
// promdesk:// protocol: which file a request path names (never one outside the build), a
// Content-Security-Policy that starts from default-src 'none', and content types for the build's
// files. The PromQL editor (CodeMirror) injects its themes as <style> elements at runtime: each
// index.html response carries a fresh nonce that the page hands to CodeMirror (EditorView.cspNonce),
// so style elements need that nonce, not 'unsafe-inline'. Scripts stay 'self' only.
import { randomBytes } from 'node:crypto';
import { join, normalize, sep } from 'node:path';

const CSP_REST =
  "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The policy of a UI response: style elements need `nonce` (index.html's). Style attributes are
 * allowed (`style-src-attr`): Chromium's own editing writes one into CodeMirror's contenteditable
 * when typed text replaces a selection (a CSP error on every Ctrl+A and type otherwise). An
 * attribute styles one element; it cannot add rules that match others (the reason to keep
 * <style> elements out), and url() in it still needs img-src/font-src.
 */
export function uiCsp(nonce?: string): string {
  const styles = nonce ? `'self' 'nonce-${nonce}'` : "'self'";
  return `default-src 'none'; script-src 'self'; style-src ${styles}; style-src-attr 'unsafe-inline'; ${CSP_REST}`;
}

/** The policy of responses that are not index.html (no inline style element is expected there). */
export const UI_CSP = uiCsp();

/** 128 random bits, base64: a CSP nonce for one response. */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

const NONCE_SLOT = '{{CSP_NONCE}}';

/**
 * index.html with its nonce slots filled: the page's own CSP meta (the same policy as the header)
 * and `<meta name="csp-nonce" nonce="...">`, from which the renderer reads `.nonce` (Chromium hides
 * the attribute's value from the DOM after parsing, so CSS selectors cannot read it out).
 */
export function renderIndexHtml(html: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce))
    throw new Error(`a CSP nonce is base64, not ${JSON.stringify(nonce)}`);
  return html.split(NONCE_SLOT).join(nonce);
}

export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The file under `rootDir` that a URL's (still percent-encoded) path names, or null when it names
 * none that may be served: `..` in any spelling, encoded slashes or backslashes, NUL, absolute or
 * drive paths, malformed escapes. "/" is index.html.
 */
export function resolveUiFile(rootDir: string, encodedPath: string): string | null {
  if (!encodedPath.startsWith('/')) return null;
  // An encoded separator would make one URL segment two path segments after decoding.
  if (/%(2f|5c|00)/i.test(encodedPath)) return null;
  let rel: string;
  try {
    rel = encodedPath === '/' ? 'index.html' : decodeURIComponent(encodedPath.slice(1));
  } catch {
    return null;
  }
  if (rel === '' || rel.includes('\0') || rel.includes('\\') || rel.startsWith('/')) return null;
  if (/^[A-Za-z]:/.test(rel)) return null;
  if (rel.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) return null;
  const root = normalize(rootDir);
  const file = normalize(join(root, rel));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}
