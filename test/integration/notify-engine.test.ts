// Notifications in the running engine: a rule from prometheus.yml fires, every open session gets
// one NotificationEvent after group_wait (the settings' shortened timings), the webhook of the
// settings receives it, /metrics counts it; a silence from the notification's action marks the
// alert silenced in the rules status and stops the next notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { renderSelfMetrics } from '../../electron/engine/http/self-metrics';
import type { ApiEvent } from '../../shared/api';
import type { NotificationEvent, SilenceView } from '../../shared/rules/model';
import { FakeClock } from '../helpers/fake-clock';
import { tempDir } from '../helpers/tmp';

const T0 = 1_800_000_000_000;
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

test('a firing rule notifies every session and the webhook once per group; a silence stops the next', async (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  mkdirSync(join(dir.path, 'rules'));
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(configFile, `global:\n  evaluation_interval: 1s\nrule_files: ['rules/*.yml']\n`);
  writeFileSync(
    join(dir.path, 'rules', 'a.yml'),
    `groups:\n- name: g\n  rules:\n  - alert: HostDown\n    expr: up == 0\n    annotations: {summary: "{{ $labels.instance }} is down"}\n`,
  );

  const hooks: { status: string; alerts: unknown[] }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(text) as { status: string; alerts: unknown[] });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));

  const clock = new FakeClock(T0);
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    autoStart: false,
    clock,
    log: () => {},
  });
  t.after(() => engine.close());
  engine.putSettings({
    'notify.group-wait': '5s',
    'notify.group-interval': '1m',
    'notify.repeat-interval': '10m',
    'notify.webhook-url': `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  });
  const app = engine.store.appender();
  for (let i = -5; i <= 900; i++) {
    app.append({ __name__: 'up', job: 'node', instance: 'nas:9100' }, T0 + i * 1000, 0);
    app.append({ __name__: 'up', job: 'node', instance: 'pi:9100' }, T0 + i * 1000, 0);
  }
  app.commit();

  const windows: ApiEvent[][] = [[], []];
  const sessions = windows.map((list) => engine.createSession((e) => list.push(e)));
  const notes = (i: number) => windows[i].filter((e): e is NotificationEvent => e.type === 'notification');

  await clock.advance(4_000, settle);
  assert.equal(notes(0).length, 0, 'group_wait not over');
  await clock.advance(4_000, settle);
  assert.equal(notes(0).length, 1);
  assert.deepEqual(notes(1), notes(0), 'every session gets it');
  const n = notes(0)[0];
  assert.equal(n.groupKey, '{}:{alertname="HostDown"}');
  assert.equal(n.title, '[FIRING:2] HostDown');
  assert.equal(n.body, 'nas:9100 is down\npi:9100 is down');
  assert.equal(n.firingCount, 2);
  assert.deepEqual(n.alerts[0], { alertname: 'HostDown', instance: 'nas:9100', job: 'node' });
  for (let i = 0; i < 100 && hooks.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(hooks.length, 1);
  assert.equal(hooks[0].status, 'firing');
  assert.equal(hooks[0].alerts.length, 2);
  assert.match(
    renderSelfMetrics(engine, { requests: new Map() }),
    /promdesk_notifications_channel_sent_total\{channel="window"\} 1\n/,
  );

  // "Silence 1h" on the notification: a silence per alert it tells of.
  for (const labels of n.alerts) await sessions[0].call('silenceAlert', [labels, 3_600_000]);
  await clock.advance(2_000, settle);
  const alerts = engine.rules.status().groups[0].rules[0].alerts;
  assert.deepEqual(
    alerts.map((a) => [a.labels.instance, a.state, a.silenced]),
    [
      ['nas:9100', 'firing', true],
      ['pi:9100', 'firing', true],
    ],
  );
  // Past repeat_interval: the group still fires, but silenced alerts are not told.
  await clock.advance(12 * 60_000, settle);
  assert.equal(notes(0).length, 1);

  // The silence ends: the next group_interval tick tells them again.
  const silences = (await sessions[0].call('listSilences', [])) as SilenceView[];
  for (const s of silences) await sessions[0].call('expireSilence', [s.id]);
  await clock.advance(61_000, settle);
  assert.equal(notes(0).length, 2);
  assert.equal(notes(0)[1].title, '[FIRING:2] HostDown');
});
