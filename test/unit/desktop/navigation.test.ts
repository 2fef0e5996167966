// The desktop app's navigation and window policy (electron/desktop/navigation.ts). Electron cannot
// run here (no binary), so the guard is exercised on an EventEmitter standing in for WebContents'
// event API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import {
  guardContents,
  isAppUrl,
  isExternalAllowed,
  navigationVerdict,
} from '../../../electron/desktop/navigation';

test('only promdesk://app URLs count as the app', () => {
  assert.equal(isAppUrl('promdesk://app/index.html'), true);
  assert.equal(isAppUrl('promdesk://app/'), true);
  assert.equal(isAppUrl('promdesk://app.evil.com/index.html'), false);
  assert.equal(isAppUrl('promdesk://user@app/index.html'), false);
  assert.equal(isAppUrl('promdesk://app:8080/index.html'), false);
  assert.equal(isAppUrl('promdesk://APP/index.html'), false);
  assert.equal(isAppUrl('promdesk:app/index.html'), false);
  assert.equal(isAppUrl('promdesk:///app/index.html'), false);
  assert.equal(isAppUrl(''), false);
  assert.equal(isAppUrl('https://app/index.html'), false);
  assert.equal(isAppUrl('file:///etc/passwd'), false);
  assert.equal(isAppUrl('not a url'), false);
});

test('only https documentation links go to the system browser', () => {
  assert.equal(isExternalAllowed('https://prometheus.io/docs/'), true);
  assert.equal(isExternalAllowed('https://github.com/prometheus/node_exporter'), true);
  assert.equal(isExternalAllowed('http://prometheus.io/docs/'), false);
  assert.equal(isExternalAllowed('https://prometheus.io.evil.com/'), false);
  assert.equal(isExternalAllowed('https://x@prometheus.io/'), false);
  assert.equal(isExternalAllowed('file:///etc/passwd'), false);
  assert.equal(isExternalAllowed('javascript:alert(1)'), false);
  assert.equal(isExternalAllowed('https://prometheus.io:8443/'), false);
  assert.equal(isExternalAllowed('https://github.com.evil.com/'), false);
  assert.equal(isExternalAllowed('https://evil.com/https://github.com/'), false);
  assert.equal(isExternalAllowed('mailto:x@prometheus.io'), false);
});

class FakeContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  devToolsClosed = 0;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = h;
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
}

function event() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

test('window.open never stays in the app, even for our own pages', () => {
  assert.equal(navigationVerdict('promdesk://app/index.html', 'navigate'), 'stay');
  assert.equal(navigationVerdict('promdesk://app/index.html', 'open'), 'deny');
  assert.equal(navigationVerdict('https://prometheus.io/docs/', 'open'), 'external');
  assert.equal(navigationVerdict('https://evil.example/', 'navigate'), 'deny');
  assert.equal(navigationVerdict('%%%', 'navigate'), 'deny');
});

test('navigation and redirects leave the app never; allowed links open outside', () => {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardContents(contents, { openExternal: (u) => opened.push(u), devTools: false });
  for (const name of ['will-navigate', 'will-redirect']) {
    const inApp = event();
    contents.emit(name, inApp, 'promdesk://app/index.html#/explore');
    assert.equal(inApp.prevented, false, name);
    const away = event();
    contents.emit(name, away, 'http://127.0.0.1:8080/');
    assert.equal(away.prevented, true, name);
    const docs = event();
    contents.emit(name, docs, 'https://prometheus.io/docs/');
    assert.equal(docs.prevented, true, name);
  }
  assert.deepEqual(opened, ['https://prometheus.io/docs/', 'https://prometheus.io/docs/']);
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://github.com/x' }), { action: 'deny' });
  assert.equal(opened.at(-1), 'https://github.com/x');
  // Sub-frames: Electron passes one details object carrying the URL and preventDefault.
  const frameAway = { ...event(), url: 'https://evil.example/' };
  contents.emit('will-frame-navigate', frameAway);
  assert.equal(frameAway.prevented, true);
  const frameHome = { ...event(), url: 'promdesk://app/index.html' };
  contents.emit('will-frame-navigate', frameHome);
  assert.equal(frameHome.prevented, false);
  assert.equal(opened.length, 3, 'a sub-frame navigation opens nothing outside');
  const webview = event();
  contents.emit('will-attach-webview', webview);
  assert.equal(webview.prevented, true);
  contents.emit('devtools-opened');
  assert.equal(contents.devToolsClosed, 1);
});

test('DevTools stay available in development builds', () => {
  const contents = new FakeContents();
  guardContents(contents, { openExternal: () => {}, devTools: true });
  contents.emit('devtools-opened');
  assert.equal(contents.devToolsClosed, 0);
});
