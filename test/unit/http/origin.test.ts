// Which browser origins count as the server's own, and the fixed set of /metrics route labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignOriginRefusal } from '../../../electron/engine/http/origin';
import { routeLabel } from '../../../electron/engine/http/route-label';

const own = new Set(['127.0.0.1:9099', 'localhost:9099', '[::1]:9099']);
const check = (headers: Record<string, string>) =>
  foreignOriginRefusal({ host: '127.0.0.1:9099', ...headers }, own);

test("the server's own origins, and requests no browser sent, pass", () => {
  for (const origin of ['http://127.0.0.1:9099', 'http://localhost:9099', 'http://[::1]:9099'])
    assert.equal(check({ origin }), null, origin);
  assert.equal(check({}), null, 'a program: no Origin, no Sec-Fetch-Site');
  assert.equal(check({ 'sec-fetch-site': 'same-origin' }), null);
  assert.equal(check({ 'sec-fetch-site': 'none' }), null, 'typed into the address bar');
  // Bound to a LAN address, the Host the browser used is the origin's host.
  assert.equal(
    foreignOriginRefusal(
      { host: '192.168.1.5:9099', origin: 'http://192.168.1.5:9099' },
      new Set(['0.0.0.0:9099']),
    ),
    null,
  );
  // Behind a TLS proxy on the default port.
  assert.equal(foreignOriginRefusal({ host: 'promdesk.lan', origin: 'https://promdesk.lan' }, own), null);
});

test('other origins and other sites are refused with the reason', () => {
  for (const origin of [
    'http://127.0.0.1:8080',
    'http://localhost',
    'http://evil.example',
    'null',
    'file://',
    'http://127.0.0.1:9099/path',
    'http://user@127.0.0.1:9099',
    'ws://127.0.0.1:9099',
    'not a url',
  ]) {
    const why = check({ origin });
    assert.ok(why, origin);
    assert.equal(
      why,
      `cross-origin request refused: Origin "${origin}" is not this server (http://127.0.0.1:9099)`,
    );
  }
  assert.match(check({ 'sec-fetch-site': 'cross-site' }) ?? '', /Sec-Fetch-Site is "cross-site"/);
  assert.match(check({ 'sec-fetch-site': 'same-site' }) ?? '', /Sec-Fetch-Site is "same-site"/);
  assert.match(
    check({ origin: 'http://x'.padEnd(5000, 'x') }) ?? '',
    /^cross-origin request refused: Origin "http:\/\/x{193}\.\.\."/,
  );
});

test('/metrics route labels come from a fixed set whatever the path', () => {
  const cases: [string, string][] = [
    ['/api/v1/query', '/api/v1/query'],
    ['/api/v1/status/tsdb', '/api/v1/status/tsdb'],
    ['/api/v1/label/job/values', '/api/v1/label/:name/values'],
    ['/api/v1/label/a/b/values', '/api/v1/*'],
    ['/api/v1/write', '/api/v1/write'],
    ['/api/v1/"quoted"', '/api/v1/*'],
    ['/metrics/job/x/instance/y', '/metrics/job'],
    ['/metrics/job@base64/eA', '/metrics/job'],
    ['/metrics', '/metrics'],
    ['/-/healthy', '/-/healthy'],
    ['/api/ws', '/api/ws'],
    ['/', '/*'],
    ['/app.js', '/*'],
    ['/anything/else', '/*'],
  ];
  for (const [path, label] of cases) assert.equal(routeLabel(path), label, path);
});
