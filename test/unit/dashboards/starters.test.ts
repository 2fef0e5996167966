// The starter dashboards Promdesk writes itself: each goes through the Grafana importer with
// nothing to report (so it exports to Grafana as it is), every query parses with the engine's
// PromQL parser once variables and built-ins are substituted, and every panel fits the grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allPanels, importDashboardText } from '../../../electron/engine/dashboards/import';
import { parseExpr, parseSeriesSelector } from '../../../electron/engine/query/parser';
import { GRID_COLUMNS } from '../../../shared/dashboards/model';
import type { VariableValue } from '../../../shared/dashboards/templating/interpolate';
import { interpolate } from '../../../shared/dashboards/templating/interpolate';
import { panelQueries } from '../../../shared/dashboards/templating/panel-queries';
import { parseVariableQuery, variableQueryText } from '../../../shared/dashboards/templating/variable-query';
import {
  HOST_STARTER_UID,
  PROMDESK_STARTER_UID,
  STARTERS,
  hostOffers,
  starterByUid,
} from '../../../shared/dashboards/starters';

const vars = new Map<string, VariableValue>([
  ['job', { name: 'job', value: 'node' }],
  ['instance', { name: 'instance', value: 'localhost:9100' }],
]);
const now = 1_765_000_000_000;

for (const starter of STARTERS) {
  test(`${starter.title}: imports with nothing unsupported and keeps its uid`, () => {
    const built = starter.build();
    const { dashboard, report } = importDashboardText(JSON.stringify(built));
    assert.deepEqual(report.unsupported, []);
    assert.equal(report.uidGenerated, false);
    assert.equal(dashboard.uid, starter.uid);
    assert.equal(dashboard.title, starter.title);
    // The importer changes nothing of it: what Promdesk writes is already the current model.
    assert.deepEqual(dashboard, JSON.parse(JSON.stringify(built)));
  });

  test(`${starter.title}: every query parses once variables and built-ins are substituted`, () => {
    const d = starter.build();
    let count = 0;
    for (const panel of allPanels(d.panels)) {
      const { queries } = panelQueries({
        panel,
        range: { fromMs: now - 3_600_000, toMs: now },
        vars,
        widthPx: 600,
        scrapeIntervalS: 15,
      });
      assert.ok(queries.length > 0, `panel "${panel.title}" has no query`);
      for (const q of queries) {
        assert.doesNotMatch(q.expr, /\$/, `panel "${panel.title}": ${q.expr}`);
        assert.doesNotThrow(() => parseExpr(q.expr), `panel "${panel.title}": ${q.expr}`);
        count++;
      }
    }
    assert.ok(count >= 10, `only ${count} queries`);
    for (const v of d.templating.list) {
      const parsed = parseVariableQuery(variableQueryText(v.query));
      assert.equal(parsed.kind, 'label_values');
      if (parsed.kind === 'label_values' && parsed.match)
        assert.doesNotThrow(() => parseSeriesSelector(interpolate(parsed.match!, { vars })));
    }
  });

  test(`${starter.title}: panels have unique ids and titles, fit 24 columns and do not overlap`, () => {
    const panels = allPanels(starter.build().panels);
    assert.equal(new Set(panels.map((p) => p.id)).size, panels.length);
    assert.equal(new Set(panels.map((p) => p.title)).size, panels.length);
    const cells = new Set<string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      assert.ok(x >= 0 && w > 0 && x + w <= GRID_COLUMNS, `panel "${p.title}" is outside the grid`);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          assert.ok(!cells.has(`${i},${j}`), `panel "${p.title}" overlaps another at ${i},${j}`);
          cells.add(`${i},${j}`);
        }
    }
  });
}

test('Host: CPU, memory, disk, network and filesystems, the key charts in the first 18 grid rows', () => {
  const d = starterByUid(HOST_STARTER_UID)!.build();
  const byTitle = new Map(allPanels(d.panels).map((p) => [p.title, p]));
  for (const t of ['CPU by mode', 'Memory', 'Disk throughput', 'Disk utilisation', 'Network'])
    assert.ok(byTitle.get(t)!.gridPos.y + byTitle.get(t)!.gridPos.h <= 18, `${t} is below the fold`);
  assert.equal(byTitle.get('Filesystems used')!.type, 'bargauge');
  const cpu = byTitle.get('CPU by mode')!;
  assert.deepEqual((cpu.fieldConfig!.defaults.custom as { stacking: unknown }).stacking, {
    mode: 'percent',
    group: 'A',
  });
  // Every rate uses $__rate_interval, never a fixed window.
  for (const p of byTitle.values())
    for (const t of p.targets ?? [])
      for (const m of t.expr!.matchAll(/rate\([^[]*\[([^\]]+)\]/g)) assert.equal(m[1], '$__rate_interval');
  // Transmit and written series go below the axis.
  for (const t of ['Network', 'Disk throughput'])
    assert.equal(byTitle.get(t)!.fieldConfig!.overrides[0].properties[0].value, 'negative-Y');
  assert.deepEqual(
    d.templating.list.map((v) => [v.name, v.definition]),
    [
      ['job', 'label_values(node_uname_info, job)'],
      ['instance', 'label_values(node_uname_info{job="$job"}, instance)'],
    ],
  );
});

test('Promdesk: its own metrics by the names /metrics gives them', () => {
  const exprs = allPanels(starterByUid(PROMDESK_STARTER_UID)!.build().panels)
    .flatMap((p) => p.targets ?? [])
    .map((t) => t.expr!);
  for (const name of [
    'promdesk_store_samples_appended_total',
    'promdesk_store_size_bytes',
    'promdesk_remote_write_queue_samples',
    'promdesk_remote_write_samples_failed_total',
    'promdesk_http_event_loop_lag_seconds',
    'scrape_duration_seconds',
  ])
    assert.ok(
      exprs.some((e) => e.includes(name)),
      `${name} is in no query`,
    );
});

test('hostOffers: one per job and instance, sorted; series without both labels are skipped', () => {
  assert.deepEqual(
    hostOffers([
      { job: 'node', instance: 'b:9100' },
      { job: 'node', instance: 'a:9100' },
      { instance: 'c:9100' },
    ]),
    [
      { job: 'node', instance: 'a:9100' },
      { job: 'node', instance: 'b:9100' },
    ],
  );
  assert.equal(starterByUid('nope'), undefined);
});
