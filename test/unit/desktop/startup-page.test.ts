// The start-up error page: says what is wrong and what to do, escapes everything from the host,
// and still says something useful when the host's event is broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  readStartupFailure,
  startupFailureText,
  startupPageHtml,
} from '../../../electron/desktop/startup-page';

const locked = {
  name: 'DataDirLockedError',
  title: 'The data directory is in use',
  message: 'the data directory /home/u/.config/Promdesk/data is in use by `promdesk serve`, pid 1234',
  hint: 'Stop that process (kill 1234), or start Promdesk with --data DIR.',
};

test('the page has the title, the message, the hint and the error name', () => {
  const html = startupPageHtml(locked, 'bm9uY2U=');
  assert.match(html, /<title>The data directory is in use — Promdesk<\/title>/);
  assert.match(html, /<h1>The data directory is in use<\/h1>/);
  assert.match(html, /in use by <code>promdesk serve<\/code>, pid 1234/);
  assert.match(html, /What to do:<\/strong> Stop that process \(kill 1234\)/);
  assert.match(html, /\(DataDirLockedError\)/);
  assert.match(html, /<style nonce="bm9uY2U=">/);
});

test('markup from the host is text, in every field', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const html = startupPageHtml(
    { name: evil, title: evil, message: evil + '`' + evil + '`', hint: evil },
    'abc=',
  );
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;&#34;&#39;&#38;/);
  assert.match(html, /<code>&#60;img/);
  assert.throws(() => startupPageHtml(locked, '"><script>'), /CSP nonce is base64/);
});

test('a broken fatal event still gives a page that says what to do', () => {
  for (const bad of [null, undefined, 42, 'x', {}, { title: 7, message: '' }, []]) {
    const f = readStartupFailure(bad);
    assert.equal(f.title, 'Promdesk could not start');
    assert.match(f.message, /without saying why/);
    assert.match(f.hint, /promdesk serve/);
  }
  assert.deepEqual(readStartupFailure(locked), locked);
  assert.equal(readStartupFailure({ ...locked, message: 'x'.repeat(100_000) }).message.length, 4000);
  assert.equal(
    startupFailureText(locked),
    `${locked.title}\n\n${locked.message}\n\n${locked.hint}\n\n(DataDirLockedError)`,
  );
});
