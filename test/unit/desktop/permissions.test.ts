// Every permission request and check is refused, on a stand-in with Session's handler setters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installPermissionPolicy, type PermissionSession } from '../../../electron/desktop/permissions';

test('requests, checks and device permissions are all refused', () => {
  const h: {
    request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
    device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
  } = {};
  installPermissionPolicy({
    setPermissionRequestHandler: (fn) => (h.request = fn),
    setPermissionCheckHandler: (fn) => (h.check = fn),
    setDevicePermissionHandler: (fn) => (h.device = fn),
  });
  const { request, check, device } = h;
  assert.ok(request && check && device);
  for (const p of [
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'hid',
    'serial',
    'usb',
  ]) {
    const answers: boolean[] = [];
    request({}, p, (granted) => answers.push(granted));
    assert.deepEqual(answers, [false], p);
    assert.equal(check({}, p), false, p);
  }
  assert.equal(device({ deviceType: 'hid' }), false);
});
