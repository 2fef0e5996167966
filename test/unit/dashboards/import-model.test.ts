// The dashboard model's helpers: Grafana's URL slug and telling rows from panels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CURRENT_SCHEMA_VERSION,
  GRID_COLUMNS,
  dashboardSlug,
  isRowPanel,
} from '../../../shared/dashboards/model';

test('slugs are as Grafana makes them for /d/<uid>/<slug>', () => {
  assert.equal(dashboardSlug('Node Exporter Full'), 'node-exporter-full');
  assert.equal(dashboardSlug('Docker Host'), 'docker-host');
  assert.equal(dashboardSlug('CPU / Memory (%)'), 'cpu-memory');
  assert.equal(dashboardSlug('***'), 'dashboard');
});

test('a row panel is told from other panels by its type', () => {
  const gridPos = { x: 0, y: 0, w: GRID_COLUMNS, h: 1 };
  assert.equal(isRowPanel({ id: 1, type: 'row', title: 'CPU', gridPos, collapsed: true, panels: [] }), true);
  assert.equal(isRowPanel({ id: 2, type: 'timeseries', title: 'Load', gridPos }), false);
  assert.ok(CURRENT_SCHEMA_VERSION >= 39);
});
