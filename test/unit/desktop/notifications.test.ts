// The desktop's notification: built from the event the engine's notifier really pushes, its
// "Silence 1h / 1d" buttons make silences that cover exactly the alerts it told of, and the tray
// line counts what fires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  desktopNotification,
  firingLine,
  silenceCalls,
  SILENCE_ACTIONS,
} from '../../../electron/desktop/notifications';
import { Notifier } from '../../../electron/engine/notify/notifier';
import { Silences } from '../../../electron/engine/notify/silences';
import type { Alert, RuleDef } from '../../../electron/engine/rules/types';
import type { NotificationEvent } from '../../../shared/rules/model';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir } from '../../helpers/tmp';

const def: RuleDef = {
  kind: 'alert',
  name: 'HostDown',
  expr: 'up == 0',
  forMs: 0,
  keepFiringForMs: 0,
  labels: {},
  annotations: {},
  line: 1,
};
const alert = (instance: string, t: number): Alert => ({
  labels: { alertname: 'HostDown', instance, job: 'node' },
  annotations: {},
  state: 'firing',
  value: 0,
  activeAtMs: t,
  firedAtMs: t,
  resolvedAtMs: 0,
  keepFiringSinceMs: 0,
});

test('a notification from the notifier; its silence buttons silence just its alerts', async (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const clock = new FakeClock(1_800_000_000_000);
  const silences = new Silences(
    dir.path,
    () => clock.now(),
    () => {},
  );
  const events: NotificationEvent[] = [];
  const notifier = new Notifier({
    clock,
    silenced: (l) => silences.isSilenced(l),
    settings: () => DEFAULT_SETTINGS,
    externalURL: () => 'http://localhost:9099/',
    broadcast: (e) => events.push(e),
    log: () => {},
  });
  t.after(() => notifier.close());
  const group = { name: 'g', file: '', intervalMs: 15_000, limit: 0, rules: [def] };
  notifier.evaluated({
    group,
    tsMs: clock.now(),
    rules: [{ def, alerts: [alert('a:1', clock.now()), alert('b:1', clock.now())] }],
  });
  await clock.advance(30_000, async () => {});
  assert.equal(events.length, 1);
  const e = events[0];

  const shown = desktopNotification(e);
  assert.deepEqual(shown, {
    title: '[FIRING:2] HostDown',
    body: 'instance=a:1 job=node\ninstance=b:1 job=node',
    silent: false,
    actions: [
      { type: 'button', text: 'Silence 1h' },
      { type: 'button', text: 'Silence 1d' },
    ],
  });

  const calls = silenceCalls(e, 1);
  assert.deepEqual(
    calls.map(([labels, ms]) => [labels.instance, ms]),
    [
      ['a:1', SILENCE_ACTIONS[1].durationMs],
      ['b:1', 86_400_000],
    ],
  );
  for (const [labels, ms] of calls) silences.silenceAlert(labels, ms);
  assert.equal(silences.isSilenced({ alertname: 'HostDown', instance: 'a:1', job: 'node' }), true);
  assert.equal(silences.isSilenced({ alertname: 'HostDown', instance: 'c:1', job: 'node' }), false);
  assert.deepEqual(silenceCalls(e, 5), [], 'an unknown button does nothing');
  assert.deepEqual(silenceCalls({ ...e, status: 'resolved' }, 0), []);
  assert.deepEqual(desktopNotification({ ...e, status: 'resolved' }).actions, []);
  assert.equal(desktopNotification({ ...e, status: 'resolved' }).silent, true);
});

test('the tray line on firing alerts', () => {
  assert.equal(firingLine(0), null);
  assert.equal(firingLine(1), '1 alert firing');
  assert.equal(firingLine(12), '12 alerts firing');
});
