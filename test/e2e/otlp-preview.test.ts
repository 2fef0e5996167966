// The Preview's "listen for OTLP", end to end: Chromium on a fresh `promdesk serve`, the Preview
// listening; an app instrumented with the real OpenTelemetry JS SDK pushes a counter, a gauge and
// a histogram to POST /api/v1/otlp/v1/metrics, and the pane lists the push and shows its families
// under Prometheus 3's names as it shows a scrape. A refused push (delta temporality) is listed
// with the 400 its pusher got; a later push is followed, with what changed since the one before;
// an older one can be picked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inPage } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { pushWithOtelSdk } from '../helpers/otel-sdk-push';

const suite = e2eSuite({ name: 'promdesk-otlp-preview-e2e-' });

const pushes = (page: Page) => page.getByRole('region', { name: 'OTLP pushes' }).locator('tr[data-push-seq]');

function familyCell(page: Page, name: string) {
  return page.getByRole('table', { name: 'Metric families' }).getByRole('cell', { name, exact: true });
}

test('pushes from the OpenTelemetry SDK show in the Preview as Prometheus families; a refused one says why', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const endpoint = `${suite.serve.base}/api/v1/otlp/v1/metrics`;
  await inPage(suite.browser, {}, async ({ page, errors }) => {
    await page.goto(`${suite.serve.base}/#/preview`);
    await page.getByRole('button', { name: 'Listen for OTLP' }).click();
    const pane = page.getByRole('region', { name: 'OTLP pushes' });
    // Listening from the engine's first answer on: pushes before it are not kept.
    await page.locator('section[aria-label="OTLP pushes"][data-listening="true"]').waitFor();
    assert.match(await pane.innerText(), new RegExp(`point an OpenTelemetry exporter .* at ${endpoint}`));

    await pushWithOtelSdk(endpoint, 'proto', 'checkout');
    await pushes(page).filter({ hasText: '200 stored' }).first().waitFor();
    for (const name of [
      'http_server_requests_total',
      'queue_depth_ratio',
      'http_server_duration_seconds',
      'target_info',
    ])
      await familyCell(page, name).waitFor();
    await page.getByRole('tab', { name: /Series/ }).click();
    const series = page.getByRole('table', { name: 'Series' });
    await series.getByRole('row').filter({ hasText: 'http_method="POST"' }).first().waitFor();
    assert.match(await series.innerText(), /job="shop\/checkout"/);

    // Delta temporality: refused, listed with the pusher's answer; the shown push stays.
    const delta = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'jobs.done',
                    sum: {
                      aggregationTemporality: 1,
                      isMonotonic: true,
                      dataPoints: [{ timeUnixNano: `${Date.now()}000000`, asInt: '1' }],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    assert.equal(delta.status, 400);
    const refused = pushes(page).filter({ hasText: '400' });
    await refused.waitFor();
    assert.match(await refused.innerText(), /delta temporality is not supported/);
    assert.equal(await pushes(page).count(), 2);

    // A later push is followed: shown, compared with the one before.
    await pushWithOtelSdk(endpoint, 'json', 'checkout');
    await pushes(page).nth(2).waitFor();
    await page.getByRole('tab', { name: /Families/ }).click();
    await page.getByLabel('Changes since the last fetch').waitFor();
    await familyCell(page, 'http_server_requests_total').waitFor();
    const shown = (seq: number) => pushes(page).and(page.locator(`[data-push-seq="${seq}"]`));
    await shown(3).getByText('shown').waitFor();

    // An older push can be picked; "Follow the newest push" goes back to the newest.
    await shown(1).getByRole('button', { name: 'Show' }).click();
    await shown(1).getByText('shown').waitFor();
    assert.equal(await shown(3).getByText('shown').count(), 0);
    assert.equal(
      await shown(2).getByRole('button', { name: 'Show' }).count(),
      0,
      'a refused push has nothing to show',
    );
    await page.getByRole('button', { name: 'Follow the newest push' }).click();
    await shown(3).getByText('shown').waitFor();
    assert.deepEqual(errors, []);
  });
});
