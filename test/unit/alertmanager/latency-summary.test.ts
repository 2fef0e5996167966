// promdesk_notifications_latency_seconds: quantiles over the last 10 minutes per Alertmanager
// (NaN once the window is empty, count and sum kept), and the notifier observing each send to a
// real HTTP server, failed ones and retries included; the family lints clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { lintText } from '../../../shared/exposition/lint';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { LatencySummary } from '../../../electron/engine/notify/alertmanager/latency-summary';
import { AlertmanagerNotifier } from '../../../electron/engine/notify/alertmanager/notifier';

const NAME = 'promdesk_notifications_latency_seconds';

function values(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.filter((l) => !l.startsWith('#')).map((l) => [l.slice(0, l.lastIndexOf(' ')), l.split(' ').pop()!]),
  );
}

test('LatencySummary: nearest-rank quantiles over the last 10 minutes, count and sum for ever', () => {
  const clock = { now: 1_000_000 };
  const s = new LatencySummary(() => clock.now);
  assert.deepEqual(s.render(NAME, 'h').length, 2, 'no series before a send');
  for (let i = 1; i <= 100; i++) s.observe('http://a/api/v2/alerts', i / 100);
  s.observe('http://b/api/v2/alerts', 0.25);
  const am = 'alertmanager="http://a/api/v2/alerts"';
  assert.deepEqual(values(s.render(NAME, 'h')), {
    [`${NAME}{${am},quantile="0.5"}`]: '0.5',
    [`${NAME}{${am},quantile="0.9"}`]: '0.9',
    [`${NAME}{${am},quantile="0.99"}`]: '0.99',
    [`${NAME}_sum{${am}}`]: '50.5',
    [`${NAME}_count{${am}}`]: '100',
    [`${NAME}{alertmanager="http://b/api/v2/alerts",quantile="0.5"}`]: '0.25',
    [`${NAME}{alertmanager="http://b/api/v2/alerts",quantile="0.9"}`]: '0.25',
    [`${NAME}{alertmanager="http://b/api/v2/alerts",quantile="0.99"}`]: '0.25',
    [`${NAME}_sum{alertmanager="http://b/api/v2/alerts"}`]: '0.25',
    [`${NAME}_count{alertmanager="http://b/api/v2/alerts"}`]: '1',
  });
  clock.now += 10 * 60_000 + 1;
  s.observe('http://b/api/v2/alerts', 2);
  const later = values(s.render(NAME, 'h'));
  assert.equal(later[`${NAME}{${am},quantile="0.5"}`], 'NaN', 'nothing sent in the window');
  assert.equal(later[`${NAME}_count{${am}}`], '100');
  assert.equal(later[`${NAME}{alertmanager="http://b/api/v2/alerts",quantile="0.5"}`], '2');
  assert.equal(later[`${NAME}_count{alertmanager="http://b/api/v2/alerts"}`], '2');
});

test('the notifier observes every send, failed ones and retries too; /metrics lints clean', async (t) => {
  let n = 0;
  // The first answer is a 503 after 100 ms; the retry a 200 after 100 ms.
  const server = http.createServer((req, res) => {
    req.resume();
    const status = n++ === 0 ? 503 : 200;
    setTimeout(() => res.writeHead(status).end(), 100);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const addr = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const c = parsePrometheusConfig(
    `alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['${addr}']}]\n`,
    'p.yml',
  );
  const notifier = new AlertmanagerNotifier({ log: () => {}, retryBackoffMs: [10] });
  t.after(() => notifier.close());
  notifier.applyConfig(c.alerting, {});
  notifier.send([
    { labels: { alertname: 'A' }, annotations: {}, startsAtMs: 0, endsAtMs: 1, generatorURL: 'http://x/' },
  ]);
  await notifier.idle();
  const text = notifier.renderMetrics();
  const v = values(text.split('\n').filter((l) => l.startsWith(NAME)));
  const am = `alertmanager="http://${addr}/api/v2/alerts"`;
  assert.equal(v[`${NAME}_count{${am}}`], '2', 'the 503 and its retry');
  assert.ok(Number(v[`${NAME}_sum{${am}}`]) >= 0.2, `sum ${v[`${NAME}_sum{${am}}`]}`);
  assert.ok(Number(v[`${NAME}{${am},quantile="0.5"}`]) >= 0.1);
  assert.match(text, new RegExp(`# TYPE ${NAME} summary\n`));
  const lint = lintText(text, { format: 'prometheus-text' });
  assert.equal(lint.parsed, true);
  assert.deepEqual(lint.problems, []);
});
