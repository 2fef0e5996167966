// The two real dashboards the issue names, imported as a user would: Node Exporter Full
// (schemaVersion 41) reports nothing unsupported; the legacy Docker Host (schemaVersion 12,
// rows[], graph and singlestat) is migrated and lists only what is truly not carried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDashboardText } from '../../../electron/engine/dashboards/import';
import type { Panel, RowPanel } from '../../../shared/dashboards/model';

const dir = join(new URL('../../../..', import.meta.url).pathname, 'shared', 'dashboards');
const skip = existsSync(dir) ? false : `${dir} is absent (the shared dashboards sit beside the checkout)`;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

test('Node Exporter Full imports whole with nothing unsupported', { skip }, () => {
  const { dashboard, report } = importDashboardText(read('node-exporter-full.json'));
  assert.deepEqual(report.unsupported, []);
  assert.equal(report.uid, 'rYdddlPWk');
  assert.equal(report.uidGenerated, false);
  assert.equal(report.panels, 141);
  const rows = dashboard.panels.filter((p): p is RowPanel => p.type === 'row');
  assert.equal(rows.length, 16);
  assert.equal(rows.filter((r) => r.collapsed).length, 14);
  const nested = rows.flatMap((r) => r.panels);
  const all: Panel[] = [...dashboard.panels, ...nested];
  const count = (t: string) => all.filter((p) => p.type === t).length;
  assert.deepEqual([count('timeseries'), count('gauge'), count('stat'), count('bargauge')], [111, 5, 5, 4]);
  assert.deepEqual(
    dashboard.templating.list.map((v) => v.name),
    ['ds_prometheus', 'job', 'nodename', 'node'],
  );
});

test('the legacy Docker Host is laid out from its rows and its angular panels migrated', { skip }, () => {
  const { dashboard, report } = importDashboardText(read('docker-host-legacy.json'));
  assert.equal(report.fromSchemaVersion, 12);
  assert.equal(report.uidGenerated, true);
  assert.equal(report.uid, 'docker-host');
  assert.equal(report.panels, 15);
  // No row showed a title or collapsed: Grafana adds no row panels, only the grid positions.
  assert.deepEqual(
    dashboard.panels.map((p) => p.type),
    [...Array(6).fill('stat'), ...Array(9).fill('timeseries')],
  );
  // span 2 of 12 → 4 of 24 columns; the 100px row → 3 grid rows, the 250px rows → 7.
  assert.deepEqual(dashboard.panels[0].gridPos, { x: 0, y: 0, w: 4, h: 3 });
  assert.deepEqual(dashboard.panels[5].gridPos, { x: 20, y: 0, w: 4, h: 3 });
  assert.deepEqual(dashboard.panels[6].gridPos, { x: 0, y: 3, w: 8, h: 4 });
  const byTitle = (t: string) => dashboard.panels.find((p) => p.title === t)!;
  assert.deepEqual(byTitle('CPU Usage').gridPos, { x: 0, y: 7, w: 24, h: 7 });
  assert.deepEqual(byTitle('Swap I/O').gridPos, { x: 12, y: 35, w: 12, h: 7 });
  assert.equal(dashboard.graphTooltip, 1, 'sharedCrosshair');

  const mem = byTitle('Memory Usage');
  assert.equal(mem.fieldConfig?.defaults.unit, 'bytes');
  assert.deepEqual(mem.fieldConfig?.defaults.custom?.stacking, { mode: 'normal', group: 'A' });
  assert.equal(mem.fieldConfig?.defaults.custom?.fillOpacity, 40);
  assert.deepEqual(mem.options?.legend, {
    showLegend: true,
    displayMode: 'table',
    placement: 'right',
    calcs: ['min', 'max', 'mean'],
  });
  assert.deepEqual(mem.fieldConfig?.overrides[0], {
    matcher: { id: 'byName', options: 'Used' },
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: '#BF1B00' } }],
  });
  const io = byTitle('I/O Usage');
  const ioTime = io.fieldConfig?.overrides.find((o) => o.matcher.options === 'io time');
  assert.ok(ioTime?.properties.some((p) => p.id === 'custom.axisPlacement' && p.value === 'right'));
  assert.equal(byTitle('Load Average 1m').fieldConfig?.defaults.custom?.drawStyle, 'bars');

  const uptime = byTitle('Uptime');
  assert.equal(uptime.fieldConfig?.defaults.unit, 's');
  assert.equal(uptime.fieldConfig?.defaults.decimals, 1);
  assert.deepEqual(uptime.options?.reduceOptions, { calcs: ['mean'], fields: '', values: false });
  assert.deepEqual(uptime.fieldConfig?.defaults.mappings, [
    { type: 'special', options: { match: 'null', result: { text: 'N/A' } } },
  ]);
  assert.equal(uptime.timeFrom, '10s');
  // Only what is truly lost: the "s" postfix beside the unit s (the unit already says seconds).
  assert.deepEqual(
    report.unsupported.map((u) => `${u.panel}: ${u.item}`),
    ['Uptime: postfix'],
  );
  assert.match(report.unsupported[0].reason, /unit "s"/);
});

test('export then import gives the same dashboard back (round trip)', { skip }, () => {
  for (const name of ['node-exporter-full.json', 'docker-host-legacy.json']) {
    const first = importDashboardText(read(name));
    const again = importDashboardText(JSON.stringify(first.dashboard));
    assert.deepEqual(again.dashboard, first.dashboard, name);
    assert.deepEqual(
      again.report.unsupported,
      [],
      `${name}: a migrated dashboard has nothing left to report`,
    );
    assert.equal(again.report.uidGenerated, false);
  }
});
