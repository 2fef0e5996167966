// The Preview pane's inputs: the fetch request from the form, extra headers typed one per line,
// the auto-refresh period, the format to parse with, and the scrape target a URL turns into.
import {
  defaultTargetInput,
  type Auth,
  type FetchExpositionRequest,
  type TargetInput,
} from '../../../shared/api';
import { formatForContentType, type ExpositionFormat } from '../../../shared/exposition';
import { jobFromUrl } from './target-form';

export type FormatChoice = ExpositionFormat | 'auto';

/** Auto-refresh periods offered, in seconds (the issue asks for 1–10 s). */
export const REFRESH_SECONDS = [1, 2, 3, 5, 10] as const;

export function clampRefreshSeconds(s: number): number {
  if (!Number.isFinite(s)) return 5;
  return Math.min(10, Math.max(1, Math.round(s)));
}

/** "Name: value" per line; blank lines are skipped. */
export function parseHeaderLines(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      return { error: `Headers, line ${i + 1}: expected "Name: value", got ${JSON.stringify(line)}` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { headers };
}

export function validUrl(url: string): boolean {
  return /^https?:\/\/[^/\s]+/.test(url.trim());
}

export interface PreviewFetchForm {
  url: string;
  auth: Auth;
  headers: string;
  timeoutSeconds: number;
  tlsInsecureSkipVerify: boolean;
}

export function fetchRequest(f: PreviewFetchForm): { req: FetchExpositionRequest } | { error: string } {
  const url = f.url.trim();
  if (!validUrl(url)) return { error: 'URL: must start with http:// or https:// and name a host' };
  const h = parseHeaderLines(f.headers);
  if ('error' in h) return h;
  const timeoutMs = Math.round(Math.min(60, Math.max(0.1, f.timeoutSeconds || 10)) * 1000);
  return {
    req: { url, auth: f.auth, headers: h.headers, timeoutMs, tlsInsecureSkipVerify: f.tlsInsecureSkipVerify },
  };
}

/** The parser to use: the user's choice, else the Content-Type, else a trailing "# EOF". */
export function resolveFormat(
  choice: FormatChoice,
  contentType: string | null,
  body: string,
): ExpositionFormat {
  if (choice !== 'auto') return choice;
  if (contentType !== null) return formatForContentType(contentType);
  return /(^|\n)# EOF\n?$/.test(body) ? 'openmetrics' : 'prometheus-text';
}

/** The scrape target "Make target" adds: the job typed, or else the URL's host; default interval. */
export function targetFromPreview(f: PreviewFetchForm, job: string): TargetInput {
  const url = f.url.trim();
  return {
    ...defaultTargetInput,
    url,
    job: job.trim() || jobFromUrl(url) || 'preview',
    auth: f.auth,
    tlsInsecureSkipVerify: f.tlsInsecureSkipVerify,
  };
}
