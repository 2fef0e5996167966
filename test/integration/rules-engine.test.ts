// Rules in the running engine: rule_files and evaluation_interval from prometheus.yml, an invalid
// rule file that stops start-up with its file and line, a reload that keeps the rules in force
// while a file is invalid, rule output pushed to subscribed sessions, and the for-state of a
// pending alert restored across a real restart of the engine on the same data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { ConfigError } from '../../electron/engine/config/prometheus-config';
import type { ApiEvent } from '../../shared/api';
import { FakeClock } from '../helpers/fake-clock';
import { tempDir } from '../helpers/tmp';

const T0 = 1_800_000_000_000;
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

function writeConfig(dir: string, rules: string): string {
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(
    configFile,
    `global:\n  evaluation_interval: 1s\n  external_labels: {site: lab}\nrule_files: ['rules/*.yml']\n`,
  );
  writeFileSync(join(dir, 'rules', 'a.yml'), rules);
  return configFile;
}

const RULES = `groups:
- name: g
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
  - alert: Down
    expr: up == 0
    for: 30m
    annotations: {summary: "{{ $labels.job }} down at {{ $externalLabels.site }}"}
`;

function put(engine: Engine, t: number, v: number): void {
  const app = engine.store.appender();
  app.append({ __name__: 'up', job: 'x', instance: 'h:1' }, t, v);
  app.commit();
}

function setup() {
  const dir = tempDir();
  mkdirSync(join(dir.path, 'rules'));
  return dir;
}

test('an invalid rule file stops start-up with its file, line and reason', (t) => {
  const dir = setup();
  t.after(dir.remove);
  const configFile = writeConfig(dir.path, RULES.replace('sum by (job) (up)', 'sum by (job) (up'));
  assert.throws(
    () => new Engine({ dataDir: join(dir.path, 'data'), configFile, mode: 'serve', autoStart: false }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.file, join(dir.path, 'rules', 'a.yml'));
      assert.equal(err.line, 5);
      assert.match(
        err.message,
        /a\.yml:5: rule_files: 5:11: group "g", rule 1, "job:up:sum": could not parse expression/,
      );
      return true;
    },
  );
});

test('rules run in the engine; a reload with an invalid file keeps them with its error; output reaches sessions', async (t) => {
  const dir = setup();
  t.after(dir.remove);
  const configFile = writeConfig(dir.path, RULES);
  const clock = new FakeClock(T0);
  const logs: string[] = [];
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    autoStart: false,
    clock,
    log: (m) => logs.push(m),
  });
  t.after(() => engine.close());
  for (let i = -5; i <= 30; i++) put(engine, T0 + i * 1000, 0);
  const events: ApiEvent[] = [];
  const session = engine.createSession((e) => events.push(e));
  await session.call('subscribe', [{ subscriptionId: 's', query: 'job:up:sum' }]);
  await clock.advance(5_000, settle);
  let st = engine.rules.status();
  assert.equal(st.loadError, null);
  assert.deepEqual(
    st.groups.map((g) => [g.name, g.file, g.source, g.intervalMs]),
    [['g', join(dir.path, 'rules', 'a.yml'), 'config', 1000]],
  );
  const down = st.groups[0].rules[1];
  assert.equal(down.state, 'pending');
  assert.equal(down.alerts[0].annotations.summary, 'x down at lab');
  assert.ok(
    events.some((e) => e.type === 'samples'),
    'the recording rule output was pushed to the session',
  );
  // A subquery without a step takes evaluation_interval's (1s here), as in Prometheus.
  const sub = engine.queryInstant({ query: 'count_over_time(vector(1)[10s:])', timeMs: T0 });
  assert.deepEqual([...sub.series[0].values], [10]);
  const res = engine.queryInstant({ query: 'ALERTS', timeMs: clock.now() });
  assert.deepEqual(
    res.series.map((s) => s.labels),
    [{ __name__: 'ALERTS', alertname: 'Down', alertstate: 'pending', instance: 'h:1', job: 'x' }],
  );

  writeFileSync(join(dir.path, 'rules', 'a.yml'), RULES.replace('for: 30m', 'for: 30x'));
  const bad = engine.reloadConfig();
  assert.equal(bad.ok, false);
  assert.match(bad.error!, /a\.yml:\d+: rule_files: .*not a valid duration string: "30x"/);
  assert.equal(engine.reloads.lastOk, false);
  const before = engine.rules.status().groups[0].lastEvaluationMs;
  await clock.advance(2_000, settle);
  st = engine.rules.status();
  assert.equal(st.loadError, bad.error);
  assert.ok(st.groups[0].lastEvaluationMs > before, 'the previous rules keep running');
  assert.equal(st.groups[0].rules[1].alerts[0].activeAtMs, down.alerts[0].activeAtMs);

  writeFileSync(join(dir.path, 'rules', 'a.yml'), RULES.replace('name: g', 'name: h'));
  assert.deepEqual(engine.reloadConfig(), { ok: true, error: null });
  st = engine.rules.status();
  assert.equal(st.loadError, null);
  assert.deepEqual(
    st.groups.map((g) => g.name),
    ['h'],
  );
});

test('the for-state of a pending alert survives a restart of the engine on the same data directory', async (t) => {
  const dir = setup();
  t.after(dir.remove);
  const configFile = writeConfig(dir.path, RULES);
  const dataDir = join(dir.path, 'data');
  const clock = new FakeClock(T0);
  let engine = new Engine({ dataDir, configFile, mode: 'serve', autoStart: false, clock, log: () => {} });
  for (let i = -5; i <= 60; i++) put(engine, T0 + i * 1000, 0);
  await clock.advance(60_000, settle);
  const activeAt = engine.rules.status().groups[0].rules[1].alerts[0].activeAtMs;
  await engine.close();
  clock.time += 5 * 60_000; // down for five minutes
  const restartAt = clock.now();
  engine = new Engine({ dataDir, configFile, mode: 'serve', autoStart: false, clock, log: () => {} });
  t.after(() => engine.close());
  for (let i = 0; i <= 10; i++) put(engine, restartAt + i * 1000, 0);
  await clock.advance(3_000, settle);
  const restored = engine.rules.status().groups[0].rules[1].alerts[0].activeAtMs;
  const moved = restored - activeAt;
  assert.ok(
    moved > 5 * 60_000 - 2000 && moved < 5 * 60_000 + 3000,
    `activeAt moved by the downtime (${moved} ms)`,
  );
});
