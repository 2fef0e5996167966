// The scrape interval behind a query comes from the targets its target-label matchers pick (the
// slowest of them), not from a setting: Node Exporter Full's queries on a 5 s node job get 5 s
// even while Prometheus itself is scraped every 30 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetView } from '../../../shared/api';
import {
  DEFAULT_SCRAPE_INTERVAL_S,
  scrapeIntervalFor,
} from '../../../shared/dashboards/templating/scrape-interval';

const target = (
  job: string,
  instance: string,
  intervalMs: number,
): Pick<TargetView, 'input' | 'targetLabels'> => ({
  input: { intervalMs } as TargetView['input'],
  targetLabels: { job, instance, env: 'home' },
});
const targets = [
  target('node', 'a:9100', 5000),
  target('node', 'b:9100', 10_000),
  target('prometheus', 'p:9090', 30_000),
];

test('matchers on job and instance pick the targets; the slowest counts', () => {
  assert.equal(
    scrapeIntervalFor(
      'rate(node_cpu_seconds_total{instance="a:9100",job="node", mode!="idle"}[1m])',
      targets,
    ),
    5,
  );
  assert.equal(scrapeIntervalFor('up{job="node"}', targets), 10);
  assert.equal(scrapeIntervalFor('up{job=\'node\', instance=~"b.*"}', targets), 10);
  assert.equal(scrapeIntervalFor('up{job!="prometheus"}', targets), 10);
  assert.equal(scrapeIntervalFor('up{job!~"node"}', targets), 30);
  assert.equal(
    scrapeIntervalFor('sum(up{job="node"}) / sum(up{job="prometheus"})', targets),
    30,
    'no target takes both: all',
  );
});

test('no target label in the query, no match, or no targets: the slowest, or Grafana default', () => {
  assert.equal(scrapeIntervalFor('node_load1', targets), 30);
  assert.equal(
    scrapeIntervalFor('up{mode="idle"}', targets),
    30,
    'labels targets do not carry do not narrow',
  );
  assert.equal(scrapeIntervalFor('up{job="nope"}', targets), 30);
  assert.equal(scrapeIntervalFor('up{job=~"("}', targets), 30);
  assert.equal(scrapeIntervalFor('up', []), DEFAULT_SCRAPE_INTERVAL_S);
});
