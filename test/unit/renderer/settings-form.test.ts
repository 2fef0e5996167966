// The Settings view's form logic: fields to typed values, their problems in the server's words,
// what Save sends (only keys that differ from their default; flag-set keys keep their saved
// value), and which field a server error belongs to, for each way the server words one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SettingsView } from '../../../shared/api';
import { apiParamSchemas, describeInvalidArgs } from '../../../shared/api-schemas';
import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  settingsPatchProblem,
  withDefaultSettings,
  type SettingKey,
} from '../../../shared/settings';
import {
  draftOf,
  errorKey,
  fieldProblem,
  isDirty,
  listenOnPort,
  parsePort,
  settingsToSave,
  showDefault,
  valueOf,
} from '../../../renderer/src/lib/settings-form';

const none = new Set<SettingKey>();

test('a draft of the defaults stands for the defaults, key by key, and is not dirty', () => {
  const draft = draftOf(DEFAULT_SETTINGS);
  for (const k of SETTING_KEYS) {
    assert.equal(valueOf(k, draft[k]), DEFAULT_SETTINGS[k], k);
    assert.equal(fieldProblem(k, draft[k]), null, k);
  }
  assert.equal(isDirty(draft, DEFAULT_SETTINGS, none), false);
  assert.deepEqual(settingsToSave(draft, DEFAULT_SETTINGS, none), {});
});

test('fields become typed values: empty is off, digits are a number, text is trimmed', () => {
  assert.equal(valueOf('retention.size', '  '), null);
  assert.equal(valueOf('storage.downsample-after', ''), null);
  assert.equal(valueOf('query.max-samples', ' 1000 '), 1000);
  assert.equal(valueOf('query.max-samples', '1e6'), '1e6');
  assert.equal(valueOf('retention.time', ' 45d '), '45d');
  assert.equal(valueOf('desktop.close-to-tray', true), true);
  assert.match(fieldProblem('query.max-samples', '1e6') ?? '', /must be a positive integer, not "1e6"/);
  assert.match(fieldProblem('retention.time', '') ?? '', /must be a duration like 30d/);
  assert.match(fieldProblem('listen', 'localhost') ?? '', /must be HOST:PORT/);
  assert.equal(fieldProblem('listen', '[::1]:9099'), null);
});

test('Save sends the keys that differ from their default, flag-set keys with their saved value', () => {
  const saved = withDefaultSettings({ 'query.timeout': '5m', 'retention.time': '10d' });
  const draft = { ...draftOf(saved), 'retention.time': '30d', 'query.compat': '3', 'query.timeout': '9m' };
  const flags = new Set<SettingKey>(['query.timeout']);
  assert.equal(isDirty(draft, saved, flags), true);
  // retention.time went back to its default and leaves the file; the flag's key keeps 5m.
  assert.deepEqual(settingsToSave(draft, saved, flags), { 'query.timeout': '5m', 'query.compat': '3' });
  assert.equal(settingsPatchProblem(settingsToSave(draft, saved, flags)), null);
  // A change only to a flag-set key is nothing to save.
  assert.equal(isDirty({ ...draftOf(saved), 'query.timeout': '1h' }, saved, flags), false);
});

test('a server error is placed beside the field it names, however the server words it', () => {
  const viaSchema = apiParamSchemas.putSettings.safeParse([{ 'retention.size': '5 parsecs' }]);
  assert.equal(viaSchema.success, false);
  const cases: [string, SettingKey | null][] = [
    [describeInvalidArgs('putSettings', viaSchema.error!), 'retention.size'],
    [settingsPatchProblem({ 'query.timeout': 'x' })!, 'query.timeout'],
    [`settings: ${settingsPatchProblem({ listen: 'nope' })}`, 'listen'],
    ['/data/settings.json: query.max-samples must be a positive integer, not -1', 'query.max-samples'],
    ['putSettings: http: must be true or false, not "yes"', 'http'],
    // "http://" is a URL, not the `http` setting; nothing named: the note goes above the form.
    ['cannot reach http://127.0.0.1:9099', null],
    ['/data/settings.json: cannot write: EACCES', null],
  ];
  for (const [message, key] of cases) assert.equal(errorKey(message), key, message);
});

test('defaults read as a person says them', () => {
  assert.equal(showDefault('retention.size'), 'off');
  assert.equal(showDefault('desktop.start-at-login'), 'off');
  assert.equal(showDefault('http'), 'on');
  assert.equal(showDefault('query.max-samples'), '50,000,000');
  assert.equal(showDefault('query.compat'), 'Prometheus 2.42');
  assert.equal(showDefault('listen'), '127.0.0.1:9099');
});

test('the "port in use" notice moves the API to a port on the same host, keeping the other settings', () => {
  const view = (
    saved: Parameters<typeof withDefaultSettings>[0],
    flags: SettingKey[] = [],
  ): SettingsView => ({
    settings: withDefaultSettings(saved),
    defaults: DEFAULT_SETTINGS,
    overriddenByFlags: flags,
    restartNeeded: false,
  });
  assert.equal(parsePort(' 9100 '), 9100);
  for (const bad of ['0', '65536', '91a', ''])
    assert.match(String(parsePort(bad)), /must be a port from 1 to 65535/);
  assert.deepEqual(listenOnPort(view({ 'retention.time': '45d' }), 9100), {
    listen: '127.0.0.1:9100',
    'retention.time': '45d',
  });
  assert.deepEqual(listenOnPort(view({ listen: '[::1]:9099', http: false }), 9100), { listen: '[::1]:9100' });
  assert.match(String(listenOnPort(view({}, ['listen']), 9100)), /--listen on the command line sets this/);
  assert.match(String(listenOnPort(view({}, ['http']), 9100)), /--no-http on the command line/);
});
