// The other port offered when the HTTP API's port is taken: found by really listening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import {
  formatListen,
  nextFreeListen,
  portFree,
  portInUseQuestion,
} from '../../../electron/desktop/port-choice';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port }, () => resolve(s));
  });
}

test('a taken port is not free; the next free one after it is offered', async () => {
  const a = await listen(0);
  const port = (a.address() as { port: number }).port;
  try {
    assert.equal(await portFree('127.0.0.1', port), false);
    const next = await nextFreeListen(`127.0.0.1:${port}`);
    assert.ok(next, 'a port offered');
    const offered = Number(next.split(':')[1]);
    assert.ok(offered > port && offered <= port + 20, next);
    assert.equal(await portFree('127.0.0.1', offered), true);
  } finally {
    a.close();
  }
});

test('a listen value that is not HOST:PORT gets no offer; v6 hosts keep their brackets', async () => {
  assert.equal(await nextFreeListen('nonsense'), null);
  assert.equal(await nextFreeListen('127.0.0.1:65535'), null);
  assert.equal(formatListen('::1', 9100), '[::1]:9100');
  assert.equal(formatListen('127.0.0.1', 9100), '127.0.0.1:9100');
});

test('the question names the error and the port it offers', () => {
  const q = portInUseQuestion('127.0.0.1:9099 is in use (is `promdesk serve` running?)', '127.0.0.1:9100');
  assert.match(q.detail, /9099 is in use/);
  assert.match(q.detail, /127\.0\.0\.1:9100 is free/);
  assert.deepEqual(q.buttons, ['Use 127.0.0.1:9100', 'Not Now']);
  assert.deepEqual(portInUseQuestion('x', null).buttons, ['OK']);
});
