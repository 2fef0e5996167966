// The nonce the server put on this page's CSP for style elements (electron/engine/http/ui-assets.ts),
// read from <meta name="csp-nonce" nonce="..."> through the `nonce` property: Chromium empties
// the attribute after parsing, but the property keeps it for scripts.
let cached: string | null = null;

export function cspNonce(): string {
  if (cached === null) {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
    const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
    // An unfilled slot (index.html opened from disk): no nonce, so CodeMirror's styles are refused.
    cached = nonce.includes('{') ? '' : nonce;
  }
  return cached;
}
