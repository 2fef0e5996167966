// The promdesk:// protocol's answers (main.ts turns them into a Response): the UI's build files
// from one folder, index.html with a fresh CSP nonce, the start-up error page while the engine
// could not start, and 404 for everything else — other hosts, other methods, any path that would
// leave the folder (ui-assets.ts resolveUiFile). Plain Node, so it is tested without Electron.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { StartupFailure } from '../host/host-protocol';
import {
  UI_CONTENT_TYPES,
  UI_CSP,
  newCspNonce,
  renderIndexHtml,
  resolveUiFile,
  uiCsp,
} from '../engine/http/ui-assets';
import { uiFilePath } from '../engine/http/ui-routes';
import { APP_HOST, APP_SCHEME } from './navigation';
import { STARTUP_PAGE_PATH, startupPageHtml } from './startup-page';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface AppProtocolContext {
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  /** Why the engine could not start, once it said so; the start-up page shows it. */
  startupFailure: () => StartupFailure | null;
  readFile?: (file: string) => Promise<Uint8Array>;
}

const TEXT = 'text/plain; charset=utf-8';

function reply(status: number, type: string, body: string | Uint8Array, csp = UI_CSP): AppResponse {
  return {
    status,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
    body,
  };
}

const notFound = (why: string) => reply(404, TEXT, `not found: ${why}\n`);

export async function appProtocolResponse(
  rawUrl: string,
  method: string,
  ctx: AppProtocolContext,
): Promise<AppResponse> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return notFound('not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password)
    return notFound(`only ${APP_SCHEME}://${APP_HOST}/ is served`);
  if (method !== 'GET' && method !== 'HEAD') return reply(405, TEXT, `${method} is not allowed\n`);
  if (url.pathname === STARTUP_PAGE_PATH) {
    const failure = ctx.startupFailure();
    if (!failure) return notFound('the engine reported no start-up failure');
    const nonce = newCspNonce();
    return reply(200, UI_CONTENT_TYPES['.html'], startupPageHtml(failure, nonce), uiCsp(nonce));
  }
  const path = uiFilePath(url.pathname);
  const file = resolveUiFile(ctx.rendererDir, path);
  if (!file) return notFound('no such file');
  let data: Uint8Array;
  try {
    data = await (ctx.readFile ?? fsReadFile)(file);
  } catch {
    return notFound('no such file');
  }
  const type = UI_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  if (path === '/' || path === '/index.html') {
    const nonce = newCspNonce();
    return reply(200, type, renderIndexHtml(Buffer.from(data).toString('utf8'), nonce), uiCsp(nonce));
  }
  return reply(200, type, data);
}
