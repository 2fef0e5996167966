// The page the window shows when the engine host could not start (its 'fatal' event): what is
// wrong and what to do, e.g. "The data directory is in use" / "... in use by `promdesk serve`,
// pid 1234" / "Stop that process, or ...". Served as promdesk://app/startup-error with the UI's
// CSP; everything from the host is escaped, and its one <style> carries the response's nonce.
import type { StartupFailure } from '../host/host-protocol';

export const STARTUP_PAGE_PATH = '/startup-error';

const MAX_TEXT = 4000;

/** The failure the host sent, with every field a bounded string (a broken event still gets a page). */
export function readStartupFailure(event: unknown): StartupFailure {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const text = (v: unknown, fallback: string) =>
    typeof v === 'string' && v.trim() ? v.slice(0, MAX_TEXT) : fallback;
  return {
    name: text(e.name, 'Error'),
    title: text(e.title, 'Promdesk could not start'),
    message: text(e.message, 'the engine stopped while starting, without saying why'),
    hint: text(
      e.hint,
      'Quit Promdesk and start it again; if this repeats, run `promdesk serve` in a terminal to see the error.',
    ),
  };
}

/** The failure written for a person who wants to search for it or paste it into an issue. */
export function startupFailureText(f: StartupFailure): string {
  return `${f.title}\n\n${f.message}\n\n${f.hint}\n\n(${f.name})`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text with `code` spans (backticks) kept as <code>, everything else escaped. */
function prose(s: string): string {
  return s
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

export function startupPageHtml(failure: StartupFailure, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce))
    throw new Error(`a CSP nonce is base64, not ${JSON.stringify(nonce)}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(failure.title)} — Promdesk</title>
<style nonce="${nonce}">
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 12vh auto; padding: 0 2rem; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  .what { font-size: 1.05rem; }
  .hint { border-left: 4px solid #3b82f6; padding: 0.5rem 1rem; margin: 1.5rem 0; }
  .name { opacity: 0.6; font-size: 0.85rem; }
  code { font-family: ui-monospace, monospace; font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(failure.title)}</h1>
<p class="what">${prose(failure.message)}</p>
<p class="hint"><strong>What to do:</strong> ${prose(failure.hint)}</p>
<p class="name">Promdesk could not start its engine (${escapeHtml(failure.name)}). Quit Promdesk, fix the above, and start it again.</p>
</main>
</body>
</html>
`;
}
