// The IPC gate: foreign frames, sub-frames and windows that are not ours are refused; malformed
// and unknown calls get an error that says what was wrong; nothing throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkIpcCall, type IpcSender } from '../../../electron/desktop/ipc-call';

const METHODS = new Set(['info', 'listTargets', 'addTarget']);
const page: IpcSender = { frameUrl: 'promdesk://app/index.html#/targets', isMainFrame: true, windowId: 3 };

function refused(sender: IpcSender, method: unknown, params: unknown): string {
  const r = checkIpcCall(sender, method, params, METHODS);
  assert.equal(r.ok, false, JSON.stringify({ sender, method, params }));
  return (r as { error: string }).error;
}

test('a well-formed call from our page is relayed with its window', () => {
  assert.deepEqual(checkIpcCall(page, 'addTarget', [{ url: 'x' }], METHODS), {
    ok: true,
    windowId: 3,
    method: 'addTarget',
    params: [{ url: 'x' }],
  });
});

test('callers that are not our page are refused, naming where they came from', () => {
  assert.match(
    refused({ ...page, frameUrl: 'https://evil.example/' }, 'info', []),
    /not a Promdesk page \(https:\/\/evil\.example\/\)/,
  );
  assert.match(
    refused({ ...page, frameUrl: 'promdesk://other/index.html' }, 'info', []),
    /not a Promdesk page/,
  );
  assert.match(refused({ ...page, frameUrl: 'file:///tmp/x.html' }, 'info', []), /not a Promdesk page/);
  assert.match(refused({ ...page, frameUrl: null }, 'info', []), /not a Promdesk page \(no frame\)/);
  assert.match(refused({ ...page, frameUrl: undefined }, 'info', []), /no frame/);
  assert.match(refused({ ...page, isMainFrame: false }, 'info', []), /sub-frame/);
  assert.match(refused({ ...page, windowId: null }, 'info', []), /not a Promdesk window/);
  const long = refused({ ...page, frameUrl: 'https://e.example/' + 'a'.repeat(10_000) }, 'info', []);
  assert.ok(long.length < 200, 'a long URL is cut short in the message');
});

test('malformed and unknown calls get a clear error', () => {
  assert.equal(refused(page, 42, []), 'promdesk:call: the method must be a string, not number');
  assert.equal(refused(page, null, []), 'promdesk:call: the method must be a string, not null');
  assert.equal(
    refused(page, { toString: () => 'info' }, []),
    'promdesk:call: the method must be a string, not an object',
  );
  assert.equal(refused(page, 'dropDatabase', []), 'promdesk:call: unknown method "dropDatabase"');
  assert.equal(refused(page, '__proto__', []), 'promdesk:call: unknown method "__proto__"');
  assert.equal(refused(page, 'constructor', []), 'promdesk:call: unknown method "constructor"');
  assert.equal(refused(page, 'info', 'x'), 'promdesk:call: info: the params must be an array, not string');
  assert.equal(
    refused(page, 'info', { 0: 1 }),
    'promdesk:call: info: the params must be an array, not an object',
  );
  assert.equal(
    refused(page, 'info', undefined),
    'promdesk:call: info: the params must be an array, not undefined',
  );
  assert.equal(refused(page, 'info', new Array(9).fill(0)), 'promdesk:call: info: at most 8 params, not 9');
  assert.ok(refused(page, 'x'.repeat(1e6), []).length < 200);
});

test('nothing a page can send makes the gate throw; only well-formed calls from our page pass', () => {
  fc.assert(
    fc.property(
      fc.record({
        frameUrl: fc.oneof(
          fc.constant('promdesk://app/index.html'),
          fc.string().map((s) => 'https://' + s),
          fc.string(),
          fc.constant(null),
        ),
        isMainFrame: fc.boolean(),
        windowId: fc.oneof(fc.nat(), fc.constant(null)),
      }),
      fc.oneof(fc.constantFrom('info', 'addTarget', '__proto__', 'toString'), fc.anything()),
      fc.oneof(fc.array(fc.anything(), { maxLength: 12 }), fc.anything()),
      (sender, method, params) => {
        const r = checkIpcCall(sender, method, params, METHODS);
        const valid =
          sender.frameUrl === 'promdesk://app/index.html' &&
          sender.isMainFrame &&
          sender.windowId !== null &&
          typeof method === 'string' &&
          METHODS.has(method) &&
          Array.isArray(params) &&
          params.length <= 8;
        assert.equal(r.ok, valid);
        if (!r.ok) assert.match(r.error, /^promdesk:call: /);
      },
    ),
    { numRuns: 400 },
  );
});
