// Debian's Chromium driven by playwright-core for the end-to-end tests. Nothing here downloads a
// browser: tests skip with a message where /usr/bin/chromium is missing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} is not installed (apt-get install chromium); the end-to-end UI tests need it`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface UiPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors seen so far, in order. */
  errors: string[];
  /** Binary and text WebSocket frames the page received so far. */
  wsFramesReceived(): number;
  close(): Promise<void>;
}

/** A fresh context (no shared storage) with a 1400×900 viewport and error collection. */
export async function openPage(
  browser: Browser,
  opts: { colorScheme?: 'light' | 'dark' } = {},
): Promise<UiPage> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  let frames = 0;
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('websocket', (ws) => ws.on('framereceived', () => frames++));
  return {
    page,
    context,
    errors,
    wsFramesReceived: () => frames,
    close: () => context.close().catch(() => undefined),
  };
}

/** Runs `fn` on a fresh page of `browser`, fails if the page logged errors, and closes it. */
export async function inPage(
  browser: Browser | null,
  opts: { colorScheme?: 'light' | 'dark' },
  fn: (ui: UiPage) => Promise<void>,
): Promise<void> {
  assert.ok(browser, 'browser did not start');
  const ui = await openPage(browser, opts);
  try {
    await fn(ui);
    assert.deepEqual(ui.errors, [], 'the page logged errors');
  } finally {
    await ui.close();
  }
}

export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct colours among opaque-enough pixels (alpha > 128). */
  distinctColors: number;
  /** A hash of every pixel: changes when anything on the canvas is redrawn differently. */
  hash: string;
  /** How many pixels are close to each of the given colours (#rrggbb), in order. */
  near: number[];
}

/** Reads the pixels of the first canvas under `scope` (a uPlot chart). */
export async function canvasStats(scope: Locator, colors: string[] = []): Promise<CanvasStats> {
  return scope
    .locator('canvas')
    .first()
    .evaluate((el, hexes) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('canvas has no 2d context');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const targets = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const near = targets.map(() => 0);
      const seen = new Set<number>();
      let h1 = 0x811c9dc5;
      let h2 = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i];
        const g = data[i + 1];
        const b = data[i + 2];
        const a = data[i + 3];
        const px = ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
        h1 = Math.imul(h1 ^ px, 16777619) >>> 0;
        h2 = (h2 * 31 + px) >>> 0;
        if (a <= 128) continue;
        seen.add((r << 16) | (g << 8) | b);
        targets.forEach(([tr, tg, tb], k) => {
          if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) < 40) near[k]++;
        });
      }
      return {
        width: canvas.width,
        height: canvas.height,
        distinctColors: seen.size,
        hash: `${h1.toString(16)}-${h2.toString(16)}`,
        near,
      };
    }, colors);
}

/** Relative luminance (0 = black, 1 = white) of a CSS `rgb(...)`/`rgba(...)` colour. */
export function luminance(css: string): number {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => lin(Number(x)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Polls `fn` until it returns a value that is not undefined/false, or throws with `what`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
