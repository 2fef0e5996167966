// What of the app's command line reaches the engine host, and the tray icon's pixels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { hostArgs, type FlagTable } from '../../../electron/desktop/host-args';
import { trayIconPng } from '../../../electron/desktop/tray-icon';

const FLAGS: FlagTable = {
  data: { type: 'string' },
  config: { type: 'string' },
  listen: { type: 'string' },
  'no-http': { type: 'boolean' },
};

test("serve's flags pass on; Chromium switches and strays do not; --data replaces the app's", () => {
  assert.deepEqual(
    hostArgs(
      [
        '--config',
        '/c.yml',
        '--listen=127.0.0.1:9100',
        '--no-http',
        '--enable-logging',
        'file.txt',
        '--inspect=9229',
      ],
      '/app/data',
      FLAGS,
    ),
    ['--data', '/app/data', '--config=/c.yml', '--listen=127.0.0.1:9100', '--no-http'],
  );
  assert.deepEqual(hostArgs(['--data', '/mine'], '/app/data', FLAGS), ['--data', '/mine']);
  assert.deepEqual(hostArgs(['--config'], '/d', FLAGS), ['--data', '/d']);
  assert.deepEqual(hostArgs(['--constructor', 'x', '--__proto__=y'], '/d', FLAGS), ['--data', '/d']);
  assert.deepEqual(hostArgs([], '/d', FLAGS), ['--data', '/d']);
});

function pixels(png: Buffer): { size: number; at: (x: number, y: number) => number[] } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = png.readUInt32BE(16);
  const idatLen = png.readUInt32BE(33);
  assert.equal(png.toString('latin1', 37, 41), 'IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLen));
  assert.equal(raw.length, size * (1 + size * 4));
  return {
    size,
    at: (x, y) => [...raw.subarray(y * (1 + size * 4) + 1 + x * 4, y * (1 + size * 4) + 5 + x * 4)],
  };
}

test('the tray icon is a PNG disc: blue when all is well, red on alarm, clear corners', () => {
  const ok = pixels(trayIconPng(false));
  assert.equal(ok.size, 32);
  assert.deepEqual(ok.at(16, 16), [0x3b, 0x82, 0xf6, 255]);
  assert.equal(ok.at(0, 0)[3], 0);
  const alarm = pixels(trayIconPng(true, 16));
  assert.equal(alarm.size, 16);
  assert.deepEqual(alarm.at(8, 8), [0xef, 0x44, 0x44, 255]);
});
