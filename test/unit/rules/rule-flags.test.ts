// serve's rule flags: --web.external-url (as Prometheus's computeExternalURL: no trailing slash,
// default http://<hostname>:<port>) and the for-state restore's --rules.alert.for-outage-tolerance
// and --rules.alert.for-grace-period, checked with an error naming the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { loadHostOptions, OptionsError } from '../../../electron/host/options';
import { computeExternalUrl } from '../../../electron/engine/rules/external-url';
import { tempDir } from '../../helpers/tmp';

test('computeExternalUrl: the flag with its path trimmed, or the host and port', () => {
  assert.equal(computeExternalUrl(null, 9099), `http://${hostname()}:9099`);
  assert.equal(computeExternalUrl('https://pd.lan/promdesk/', 1), 'https://pd.lan/promdesk');
  assert.equal(computeExternalUrl('http://pd.lan:9099/', 1), 'http://pd.lan:9099');
  assert.throws(() => computeExternalUrl('"http://x/"', 1), /must not begin or end with quotes/);
  assert.throws(() => computeExternalUrl('pd.lan', 1), /is not a URL/);
});

test('the rule flags: defaults, values, and bad values named', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const base = ['--data', dir.path];
  assert.deepEqual(loadHostOptions([...base, '--listen', '127.0.0.1:9111'], 'serve').rules, {
    externalUrl: `http://${hostname()}:9111`,
    forOutageToleranceMs: undefined,
    forGracePeriodMs: undefined,
  });
  const o = loadHostOptions(
    [
      ...base,
      '--web.external-url',
      'http://pd.lan:9099/',
      '--rules.alert.for-outage-tolerance',
      '2h',
      '--rules.alert.for-grace-period',
      '5m',
    ],
    'desktop',
  );
  assert.deepEqual(o.rules, {
    externalUrl: 'http://pd.lan:9099',
    forOutageToleranceMs: 7_200_000,
    forGracePeriodMs: 300_000,
  });
  const bad = (argv: string[], message: RegExp) =>
    assert.throws(
      () => loadHostOptions([...base, ...argv], 'serve'),
      (e: Error) => e instanceof OptionsError && message.test(e.message),
    );
  bad(
    ['--rules.alert.for-grace-period', 'soon'],
    /^--rules\.alert\.for-grace-period must be a duration like 1h, not "soon"$/,
  );
  bad(['--web.external-url', 'nope'], /^--web\.external-url: "nope" is not a URL/);
});
