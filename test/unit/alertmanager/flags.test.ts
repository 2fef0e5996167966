// serve's Prometheus flags for the Alertmanager notifier: --rules.alert.resend-delay and
// --alertmanager.notification-queue-capacity, read and checked (an error names the flag).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadHostOptions, OptionsError } from '../../../electron/host/options';
import { tempDir } from '../../helpers/tmp';

test('the resend delay and the queue capacity: unset by default, read when given, refused when bad', () => {
  const dir = tempDir();
  try {
    assert.deepEqual(loadHostOptions(['--data', dir.path], 'serve').alerting, {});
    const o = loadHostOptions(
      [
        '--data',
        dir.path,
        '--rules.alert.resend-delay',
        '30s',
        '--alertmanager.notification-queue-capacity',
        '500',
      ],
      'desktop',
    );
    assert.deepEqual(o.alerting, { resendDelayMs: 30_000, queueCapacity: 500 });
    const bad = (argv: string[], message: string) =>
      assert.throws(
        () => loadHostOptions(['--data', dir.path, ...argv], 'serve'),
        (e: Error) => e instanceof OptionsError && e.message === message,
      );
    bad(
      ['--rules.alert.resend-delay', 'soon'],
      '--rules.alert.resend-delay must be a duration like 1m, not "soon"',
    );
    bad(
      ['--alertmanager.notification-queue-capacity', '0'],
      '--alertmanager.notification-queue-capacity must be a positive integer, not "0"',
    );
    bad(
      ['--alertmanager.notification-queue-capacity', '1e4'],
      '--alertmanager.notification-queue-capacity must be a positive integer, not "1e4"',
    );
  } finally {
    dir.remove();
  }
});
