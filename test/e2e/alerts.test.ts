// End to end in Debian's Chromium against `promdesk serve` (issue 15, Done-when 4): a rule from
// prometheus.yml's rule_files fires from a test exporter whose value the test sets; the Alerts
// view shows the alert pending, then firing; with the notifications permission granted the page
// shows a browser notification; a silence made in the UI (the alert's "Silence…" form) stops the
// next one while a control alert still notifies. The Rules view shows the group and its rules.
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/alerts.png for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter, type TestExporter } from '../helpers/exporter';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';

let exporter: TestExporter;
let demo = 0;
let control = 0;
const body = () =>
  `# TYPE demo_value gauge\ndemo_value ${demo}\n# TYPE control_value gauge\ncontrol_value ${control}\n`;

const RULES = `groups:
  - name: e2e
    rules:
      - alert: DemoHigh
        expr: demo_value > 10
        for: 5s
        labels:
          severity: warning
        annotations:
          summary: 'demo is {{ $value }}'
      - alert: ControlHigh
        expr: control_value > 10
        labels:
          severity: warning
        annotations:
          summary: 'control is {{ $value }}'
      - record: demo:value:doubled
        expr: demo_value * 2
`;

const suite = e2eSuite({
  name: 'promdesk-alerts-e2e-',
  before: async ({ dir, defer }) => {
    exporter = await startExporter(() => ({ kind: 'body', body: body() }));
    defer(() => exporter.close());
    writeFileSync(join(dir, 'rules.yml'), RULES);
    // Alertmanager's timings cut to seconds: a group is told 1 s after it starts firing, and again
    // every 2 s while it fires, so a silence has a repeat to stop.
    mkdirSync(join(dir, 'data'));
    writeFileSync(
      join(dir, 'data', 'settings.json'),
      JSON.stringify({
        'notify.group-wait': '1s',
        'notify.group-interval': '1s',
        'notify.repeat-interval': '2s',
      }),
    );
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: demo
    static_configs:
      - targets: ['127.0.0.1:${exporter.port}']
`,
    );
    return { config };
  },
});

/**
 * Records every `new Notification(...)` the page makes (the real one still runs). Plain text, not
 * a function: tsx's transform would add helpers to a function that the page does not have.
 */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const made = [];
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      made.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '', n: this });
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recording, 'requestPermission', { value: Real.requestPermission.bind(Real) });
  Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
  window.__notifications = made;
})();`;

interface Shown {
  title: string;
  body: string;
  tag: string;
}
const shown = (page: Page): Promise<Shown[]> =>
  page.evaluate(() =>
    (window as unknown as { __notifications: Shown[] }).__notifications.map(({ title, body, tag }) => ({
      title,
      body,
      tag,
    })),
  );
const tells = (n: Shown, alert: string) => n.title.includes(alert) || n.body.includes(alert);

const ruleCard = (page: Page, name: string) => page.locator(`section.alert-rule[data-rule="${name}"]`);

test('an alert goes pending then firing in the Alerts view, notifies, and a silence made in the UI stops the next notification', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const base = suite.serve.base;
  await inPage(suite.browser, {}, async ({ page, context }) => {
    await context.grantPermissions(['notifications'], { origin: base });
    await context.addInitScript({ content: RECORD_NOTIFICATIONS });
    await page.goto(`${base}/#/alerts`);
    await page.getByText('Notifications on').waitFor();
    const card = ruleCard(page, 'DemoHigh');
    await card.waitFor();
    assert.equal((await card.locator('.group-header .state').textContent())?.trim(), 'INACTIVE');

    demo = 20;
    await until(
      'DemoHigh pending',
      async () => (await card.locator('.group-header .state').textContent())?.trim() === 'PENDING',
      15_000,
      100,
    );
    // Opened by itself once it has an alert: its labels and annotation are shown.
    const row = card.locator('tr.alert-row');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /severity="warning"/);
    assert.match((await row.textContent()) ?? '', /demo is 20/);
    await until(
      'DemoHigh firing',
      async () => (await card.locator('.group-header .state').textContent())?.trim() === 'FIRING',
      15_000,
    );
    const first = await until('a browser notification of DemoHigh', async () => {
      const n = (await shown(page)).find((x) => tells(x, 'DemoHigh'));
      return n ?? false;
    });
    assert.ok(first.tag, 'the notification has its group key as tag');
    assert.match(first.title, /FIRING/);
    // Without a silence it is told again after repeat-interval.
    await until(
      'DemoHigh notified again',
      async () => (await shown(page)).filter((x) => tells(x, 'DemoHigh')).length >= 2,
    );
    if (SHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'alerts.png') });

    // Silence it in the UI: "Silence…" opens the form prefilled with its labels.
    await row.getByRole('link', { name: 'Silence…' }).click();
    const form = page.locator('form.silence-form');
    await form.waitFor();
    assert.equal(await form.getByLabel('Matcher 1 label').inputValue(), 'alertname');
    assert.equal(await form.getByLabel('Matcher 1 value').inputValue(), 'DemoHigh');
    await form.getByLabel('Created by').fill('e2e');
    await form.getByLabel('Comment').fill('known, fixing it');
    await form.getByRole('button', { name: 'Save silence' }).click();
    await form.waitFor({ state: 'detached' });
    const silenceRow = page.locator('tr.silence-row.silence-active');
    await silenceRow.waitFor();
    assert.match((await silenceRow.textContent()) ?? '', /alertname="DemoHigh"/);

    // Back on the Alerts view the alert is marked silenced; it still fires.
    await page.goto(`${base}/#/alerts`);
    await card.locator('.badge-silenced').waitFor();
    assert.equal((await card.locator('.group-header .state').textContent())?.trim(), 'FIRING');
    const before = (await shown(page)).filter((x) => tells(x, 'DemoHigh')).length;

    // The value changes and a control alert fires: it is notified, DemoHigh is not.
    demo = 30;
    control = 20;
    await until('a browser notification of ControlHigh', async () =>
      (await shown(page)).some((x) => tells(x, 'ControlHigh')),
    );
    await ruleCard(page, 'ControlHigh').locator('tr.alert-row').waitFor();
    await page.waitForTimeout(3000);
    const after = (await shown(page)).filter((x) => tells(x, 'DemoHigh') && !tells(x, 'ControlHigh'));
    assert.equal(
      after.length,
      before,
      `no DemoHigh notification after the silence: ${JSON.stringify(after)}`,
    );

    // A click on a notification brings the Alerts view.
    await page.goto(`${base}/#/rules`);
    await page.evaluate(() => {
      const made = (window as unknown as { __notifications: { n: Notification }[] }).__notifications;
      const n = made[made.length - 1]?.n;
      if (n?.onclick) n.onclick.call(n, new Event('click'));
    });
    const last = (await shown(page)).at(-1)!;
    const name = /\] (\w+)$/.exec(last.title)?.[1] ?? '';
    await until('the Alerts view opened on its alert', async () =>
      page.evaluate(() => location.hash.startsWith('#/alerts?')),
    );
    assert.equal(await page.getByLabel('Filter alerts').inputValue(), name);
    await ruleCard(page, name).waitFor();
    assert.equal(await page.locator('section.alert-rule').count(), 1, 'only its rule is shown');
  });
});

test('the Rules view shows the group, each rule with its expression, health and last evaluation', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/rules`);
    const group = page.locator('section.rule-group[data-group="e2e"]');
    await group.waitFor();
    assert.match((await group.locator('.group-header').textContent()) ?? '', /rules\.yml/);
    const rows = group.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    const recording = rows.nth(2);
    assert.match((await recording.textContent()) ?? '', /record: demo:value:doubled/);
    // The expression is highlighted (the metric and the number in their token classes).
    assert.equal(await recording.locator('.pq-number').first().textContent(), '2');
    // ... and opens in Explore's table.
    const href = (await recording.locator('a.rule-expr').getAttribute('href')) ?? '';
    assert.equal(new URLSearchParams(href.split('?')[1]).get('q'), 'demo_value * 2');
    await until('every rule evaluated and ok', async () => {
      const states = await rows.locator('td:nth-child(2) .state').allTextContents();
      return states.length === 3 && states.every((s) => s.trim() === 'OK');
    });
    assert.doesNotMatch((await recording.locator('td:nth-child(3)').textContent()) ?? '', /never/);
  });
});

test('"Enable notifications" asks the browser, then says they are on', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const base = suite.serve.base;
  await inPage(suite.browser, {}, async ({ page, context }) => {
    await page.goto(`${base}/#/alerts`);
    const button = page.getByRole('button', { name: 'Enable notifications' });
    await button.waitFor();
    await context.grantPermissions(['notifications'], { origin: base });
    await button.click();
    await page.getByText('Notifications on').waitFor();
  });
});

test('filters by state and name; Silence 1h, Expire and Mute all change what is silenced', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const base = suite.serve.base;
  control = 20;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${base}/#/alerts`);
    const controlCard = ruleCard(page, 'ControlHigh');
    const controlRow = controlCard.locator('tr.alert-row');
    await controlRow.waitFor();
    await until('ControlHigh firing', async () => /FIRING/.test((await controlRow.textContent()) ?? ''));

    // The filters: by name, then by state.
    await page.getByLabel('Filter alerts').fill('contr');
    await until(
      'only ControlHigh shown',
      async () => (await page.locator('section.alert-rule').count()) === 1,
    );
    await page.getByRole('checkbox', { name: /^Firing/ }).uncheck();
    await page.getByText('Nothing matches the filter.').waitFor();
    await page.getByRole('checkbox', { name: /^Firing/ }).check();
    await page.getByLabel('Filter alerts').fill('');

    const silenced = async () => (await controlRow.locator('.badge-silenced').count()) === 1;
    await controlRow.getByRole('button', { name: 'Silence 1h' }).click();
    await until('ControlHigh silenced', silenced);

    // Its silence is listed active; Expire ends it and the mark goes.
    await page.goto(`${base}/#/silences`);
    const row = page.locator('tr.silence-row', { hasText: 'alertname="ControlHigh"' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /for 1h/);
    await row.getByRole('button', { name: 'Expire' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /^Expired/ }).click();
    await page.locator('tr.silence-row.silence-expired', { hasText: 'alertname="ControlHigh"' }).waitFor();
    await page.goto(`${base}/#/alerts`);
    await controlRow.waitFor();
    await until('ControlHigh no longer silenced', async () => !(await silenced()));

    // A notification's link to the form (matchers and a duration) opens it prefilled.
    const link = new URLSearchParams({
      matchers: '{alertname="ControlHigh",severity="warning"}',
      duration: '1d',
    });
    await page.goto(`${base}/#/silences?${link}`);
    const form = page.locator('form.silence-form');
    assert.equal(await form.getByLabel('Matcher 2 value').inputValue(), 'warning');
    assert.equal(await form.getByLabel('Duration').inputValue(), '1d');
    // The engine's error (RE2 refuses the pattern) is shown at the matcher it names.
    await form.getByLabel('Matcher 2 operator').selectOption('=~');
    await form.getByLabel('Matcher 2 value').fill('warn(');
    await form.getByLabel('Created by').fill('e2e');
    await form.getByLabel('Comment').fill('bad pattern');
    await form.getByRole('button', { name: 'Save silence' }).click();
    const fieldError = form.locator('.matcher-row').nth(1).locator('.field-error');
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /missing closing \)/);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });

    // Mute all: a silence of every alert, listed as such; Unmute all ends it.
    await page.goto(`${base}/#/silences`);
    await page.getByRole('button', { name: 'Mute all' }).click();
    const unmute = page.getByRole('button', { name: 'Unmute all' });
    await unmute.waitFor();
    assert.equal(await unmute.getAttribute('aria-pressed'), 'true');
    await page.locator('tr.silence-row', { hasText: 'mute all' }).waitFor();
    await page.goto(`${base}/#/alerts`);
    await until('ControlHigh silenced by mute all', silenced);
    await page.goto(`${base}/#/silences`);
    await unmute.click();
    await page.getByRole('button', { name: 'Mute all' }).waitFor();
    await page.goto(`${base}/#/alerts`);
    await controlRow.waitFor();
    await until('ControlHigh unmuted', async () => !(await silenced()));
  });
});

test('a rule file that no longer loads: the Rules view shows why, and the rules in force keep running', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const file = join(suite.dir, 'rules.yml');
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/rules`);
    const group = page.locator('section.rule-group[data-group="e2e"]');
    await group.waitFor();
    writeFileSync(file, RULES.replace('expr: demo_value * 2', 'expr: demo_value *'));
    suite.serve.proc.kill('SIGHUP');
    const banner = page.locator('.rules-load-error');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /rules\.yml/);
    assert.equal(await group.count(), 1, 'the group in force is still shown');
    writeFileSync(file, RULES);
    suite.serve.proc.kill('SIGHUP');
    await banner.waitFor({ state: 'detached' });
  });
});
