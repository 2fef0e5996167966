// A ~2 MB body of 20k series in 200 families of 100, as exporters with many label values produce,
// pasted into the Preview as Ctrl+V does, then scrolled. test/e2e/preview.test.ts checks that it
// renders virtualized and every position is reachable; bench/preview-scroll.bench.ts times it
// (speed belongs in a bench, not in a test's assertions).
import type { Locator, Page } from 'playwright-core';

export const BULK_SERIES = 20_000;
const PER_FAMILY = 100;

function familyName(f: number): string {
  return `bulk_family_${String(f).padStart(3, '0')}_bytes_total`;
}

export function bulkBody(): string {
  const lines: string[] = [];
  for (let f = 0; f < BULK_SERIES / PER_FAMILY; f++) {
    const name = familyName(f);
    lines.push(`# HELP ${name} Bytes moved by worker pool ${f}.`, `# TYPE ${name} counter`);
    for (let s = 0; s < PER_FAMILY; s++)
      lines.push(
        `${name}{instance_id="i-${(f * PER_FAMILY + s).toString(16).padStart(8, '0')}",zone="zone-${s % 7}",region="eu-west-1",pool="p${f}"} ${f * 1000 + s * 13.5}`,
      );
  }
  return lines.join('\n') + '\n';
}

/** Pastes `text` into the open Preview's paste box and waits until its first family is listed. */
export async function pasteBulk(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Paste text' }).click();
  // A paste event carrying the text, as Ctrl+V sends (typing 2 MB through fill() takes minutes).
  await page.getByLabel('Exposition text').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.getByLabel('Pasted text').waitFor();
  await page
    .getByRole('table', { name: 'Metric families' })
    .getByRole('row')
    .filter({ hasText: familyName(0) })
    .waitFor();
}

/** Scrolls the Series table to `frac` of its height and waits for the row drawn there. */
export async function scrollSeries(series: Locator, frac: number): Promise<void> {
  await series.evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), frac);
  const idx = Math.min(BULK_SERIES - 1, Math.round(frac * (BULK_SERIES - 1)));
  await series
    .getByRole('row')
    .filter({ hasText: familyName(Math.floor(idx / PER_FAMILY)) })
    .first()
    .waitFor();
}

/** Animation frames the page draws in `ms` while the table scrolls by 120 px a frame. */
export function scrollFrames(series: Locator, ms: number): Promise<number> {
  return series.evaluate(async (el, span) => {
    el.scrollTop = 0;
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < span) {
      el.scrollTop += 120;
      await new Promise((r) => requestAnimationFrame(r));
      n++;
    }
    return n;
  }, ms);
}
