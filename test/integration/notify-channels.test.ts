// The notifier's channels against real HTTP servers on 127.0.0.1: the webhook receives
// Alertmanager's payload (version 4) and an ntfy-shaped endpoint the JSON publish message; a
// receiver that is down or never answers holds up neither evaluation, the windows nor the other
// channel, is retried with backoff and counted in the metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import type { NotificationEvent } from '../../shared/rules/model';
import { Notifier } from '../../electron/engine/notify/notifier';
import { systemClock } from '../../electron/engine/scrape/clock';
import type { Alert, GroupEvaluation, RuleDef } from '../../electron/engine/rules/types';
import type { WebhookMessage } from '../../electron/engine/notify/webhook';
import type { NtfyMessage } from '../../electron/engine/notify/ntfy';
import { freePort } from '../helpers/peers';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A receiver: records each POST; `mode` says how it answers. */
async function receiver(mode: { status: number } | 'hang') {
  const got: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      for (const w of waiters.splice(0)) w();
      if (mode === 'hang') return; // never answers
      res.writeHead(mode.status).end(mode.status === 200 ? '{"id":"x"}' : 'no');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    got,
    /** Resolves once `n` requests came in. */
    until: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (got.length >= n ? resolve() : waiters.push(check));
        check();
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Polls until `cond` holds (at most 20 s: a loaded machine is slow, never wrong). */
async function until(cond: () => boolean, what: string, detail?: () => string): Promise<void> {
  for (let i = 0; !cond(); i++) {
    if (i > 1000) throw new Error(`timed out waiting for ${what}${detail ? ': ' + detail() : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const metric = (n: Notifier, name: string, channel: string) =>
  Number(
    new RegExp(`promdesk_notifications_channel_${name}\\{channel="${channel}"\\} (\\S+)`).exec(
      n.renderMetrics(),
    )?.[1],
  );

const def: RuleDef = {
  kind: 'alert',
  name: 'DiskFull',
  expr: 'node_filesystem_avail_bytes < 1e9',
  forMs: 0,
  keepFiringForMs: 0,
  labels: { severity: 'critical' },
  annotations: {},
  line: 3,
};

function alert(instance: string, state: 'firing' | 'inactive', atMs: number): Alert {
  return {
    labels: { alertname: 'DiskFull', instance, severity: 'critical', mountpoint: '/' },
    annotations: { summary: `${instance}: disk almost full`, runbook: 'https://wiki/disk' },
    state,
    value: 5e8,
    activeAtMs: atMs - 60_000,
    firedAtMs: atMs - 60_000,
    resolvedAtMs: state === 'inactive' ? atMs : 0,
    keepFiringSinceMs: 0,
  };
}

const evaluation = (alerts: Alert[]): GroupEvaluation => ({
  group: { name: 'disks', file: '/etc/rules/disks.yml', intervalMs: 15_000, limit: 0, rules: [def] },
  tsMs: Date.now(),
  rules: [{ def, alerts }],
});

function notifier(
  settings: Partial<Settings>,
  events: NotificationEvent[],
  silenced = () => false,
  timeoutMs = 10_000,
) {
  return new Notifier({
    clock: systemClock,
    silenced,
    settings: () => ({
      ...DEFAULT_SETTINGS,
      'notify.group-wait': '50ms',
      'notify.group-interval': '300ms',
      'notify.repeat-interval': '1h',
      ...settings,
    }),
    externalURL: () => 'http://promdesk.lan:9099/',
    broadcast: (e) => events.push(e),
    log: () => {},
    queue: { timeoutMs, backoffMs: 50, maxAttempts: 3 },
  });
}

test('the webhook gets Alertmanager v4 payloads and ntfy its JSON message, firing then resolved', async (t) => {
  const hook = await receiver({ status: 200 });
  const ntfy = await receiver({ status: 200 });
  t.after(() => Promise.all([hook.close(), ntfy.close()]));
  const events: NotificationEvent[] = [];
  const n = notifier(
    {
      'notify.webhook-url': `${hook.url.replace('//', '//hook:s%40cret@')}/hook?x=1`,
      'notify.ntfy-url': `${ntfy.url}/`,
      'notify.ntfy-topic': 'lab_alerts',
    },
    events,
  );
  t.after(() => n.close());
  const now = Date.now();
  n.evaluated(evaluation([alert('nas:9100', 'firing', now), alert('pi:9100', 'firing', now)]));
  await Promise.all([hook.until(1), ntfy.until(1)]);

  assert.equal(hook.got[0].path, '/hook?x=1');
  assert.equal(hook.got[0].headers['content-type'], 'application/json');
  // The URL's user and password go as Basic auth.
  assert.equal(hook.got[0].headers.authorization, `Basic ${Buffer.from('hook:s@cret').toString('base64')}`);
  assert.equal(ntfy.got[0].headers.authorization, undefined);
  const w = hook.got[0].body as WebhookMessage;
  assert.equal(w.version, '4');
  assert.equal(w.groupKey, '{}:{alertname="DiskFull"}');
  assert.equal(w.status, 'firing');
  assert.equal(w.receiver, 'promdesk');
  assert.deepEqual(w.groupLabels, { alertname: 'DiskFull' });
  assert.deepEqual(w.commonLabels, { alertname: 'DiskFull', severity: 'critical', mountpoint: '/' });
  assert.deepEqual(w.commonAnnotations, { runbook: 'https://wiki/disk' });
  assert.equal(w.externalURL, 'http://promdesk.lan:9099/');
  assert.equal(w.truncatedAlerts, 0);
  assert.equal(w.alerts.length, 2);
  const a0 = w.alerts.find((a) => a.labels.instance === 'nas:9100')!;
  assert.deepEqual(Object.keys(a0).sort(), [
    'annotations',
    'endsAt',
    'fingerprint',
    'generatorURL',
    'labels',
    'startsAt',
    'status',
  ]);
  assert.equal(a0.status, 'firing');
  assert.equal(a0.startsAt, new Date(now - 60_000).toISOString());
  assert.equal(a0.endsAt, '0001-01-01T00:00:00Z');
  assert.match(a0.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(
    a0.generatorURL,
    'http://promdesk.lan:9099/#/explore?q=node_filesystem_avail_bytes+%3C+1e9&tab=table',
  );

  assert.equal(ntfy.got[0].path, '/');
  const m = ntfy.got[0].body as NtfyMessage;
  assert.equal(m.topic, 'lab_alerts');
  assert.equal(m.title, '[FIRING:2] DiskFull');
  assert.equal(m.message, 'nas:9100: disk almost full\npi:9100: disk almost full');
  assert.equal(m.priority, 5, 'severity critical: max priority');
  assert.deepEqual(m.tags, ['rotating_light', 'critical']);
  assert.equal(m.click, 'http://promdesk.lan:9099/#/alerts');
  assert.deepEqual(
    m.actions.map((a) => [a.action, a.label]),
    [
      ['view', 'Open'],
      ['view', 'Silence 1h'],
      ['view', 'Silence 1d'],
    ],
  );
  const silenceUrl = new URL(m.actions[1].url);
  const params = new URLSearchParams(silenceUrl.hash.replace(/^#\/silences\?/, ''));
  assert.equal(params.get('matchers'), '{alertname="DiskFull",mountpoint="/",severity="critical"}');
  assert.equal(params.get('duration'), '1h');

  assert.equal(events.length, 1);
  assert.deepEqual(
    { ...events[0], alerts: events[0].alerts.length },
    {
      type: 'notification',
      groupKey: '{}:{alertname="DiskFull"}',
      status: 'firing',
      title: '[FIRING:2] DiskFull',
      body: 'nas:9100: disk almost full\npi:9100: disk almost full',
      alerts: 2,
      firingCount: 2,
    },
  );

  // Both resolve: one resolved notification on each channel.
  const later = Date.now();
  n.evaluated(evaluation([alert('nas:9100', 'inactive', later), alert('pi:9100', 'inactive', later)]));
  await Promise.all([hook.until(2), ntfy.until(2)]);
  const r = hook.got[1].body as WebhookMessage;
  assert.equal(r.status, 'resolved');
  assert.deepEqual(
    r.alerts.map((a) => [a.status, a.endsAt]),
    [
      ['resolved', new Date(later).toISOString()],
      ['resolved', new Date(later).toISOString()],
    ],
  );
  const rm = ntfy.got[1].body as NtfyMessage;
  assert.equal(rm.title, '[RESOLVED] DiskFull');
  assert.equal(rm.priority, 3);
  assert.deepEqual(rm.tags, ['white_check_mark', 'critical']);
  assert.equal(events.at(-1)?.status, 'resolved');
  assert.equal(events.at(-1)?.firingCount, 0);
  await until(
    () => metric(n, 'sent_total', 'webhook') === 2 && metric(n, 'sent_total', 'ntfy') === 2,
    'both sent',
  );
  assert.equal(metric(n, 'sent_total', 'window'), 2);
  assert.equal(metric(n, 'failed_total', 'webhook'), 0);
});

test('a webhook that hangs and an ntfy that is down block nothing: retried, timed out, counted, dropped', async (t) => {
  const hang = await receiver('hang');
  const down = `http://127.0.0.1:${await freePort()}`;
  t.after(() => hang.close());
  const events: NotificationEvent[] = [];
  const n = notifier(
    { 'notify.webhook-url': hang.url, 'notify.ntfy-url': down, 'notify.ntfy-topic': 't' },
    events,
    () => false,
    300,
  );
  t.after(() => n.close());

  const started = process.hrtime.bigint();
  n.evaluated(evaluation([alert('nas:9100', 'firing', Date.now())]));
  // evaluated() only files the alerts; the sends happen later, on their own.
  assert.ok(process.hrtime.bigint() - started < 50_000_000n, 'evaluation is not held up');

  // The window is told even though both other channels fail.
  await until(() => events.length === 1, 'the window event');
  // 3 attempts each (the hanging one cut off after 300 ms), retried after 50 and 100 ms, then dropped.
  await until(
    () => metric(n, 'dropped_total', 'webhook') === 1 && metric(n, 'dropped_total', 'ntfy') === 1,
    'drops',
    () => n.renderMetrics(),
  );
  const value = (name: string, channel: string) => metric(n, name, channel);
  for (const channel of ['webhook', 'ntfy']) {
    assert.equal(value('sent_total', channel), 0, channel);
    assert.equal(value('failed_total', channel), 3, channel);
    assert.equal(value('dropped_total', channel), 1, channel);
    assert.equal(value('queue_length', channel), 0, channel);
  }
  assert.equal(value('queue_capacity', 'webhook'), 100);
  assert.equal(hang.got.length, 3, 'no more attempts after the last one');
});

test('a receiver that refuses (4xx) is not retried; a silenced alert is not sent anywhere', async (t) => {
  const refuse = await receiver({ status: 400 });
  t.after(() => refuse.close());
  const events: NotificationEvent[] = [];
  const n = notifier({ 'notify.webhook-url': refuse.url }, events, () => true);
  t.after(() => n.close());
  n.evaluated(evaluation([alert('nas:9100', 'firing', Date.now())]));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(refuse.got.length, 0, 'silenced: nothing sent');
  assert.equal(events.length, 0);

  const n2 = notifier({ 'notify.webhook-url': refuse.url }, events);
  t.after(() => n2.close());
  n2.evaluated(evaluation([alert('nas:9100', 'firing', Date.now())]));
  await until(() => metric(n2, 'dropped_total', 'webhook') === 1, 'the drop');
  assert.equal(refuse.got.length, 1, 'a 400 is not retried');
  assert.equal(metric(n2, 'failed_total', 'webhook'), 1);
});
