// Repeated panels and rows as Grafana lays them out: one copy per selected value (every value for
// All), the variable scoped to each copy's value in its title and queries, horizontal copies
// maxPerRow to a grid row, vertical ones stacked, a row repeat copying the row and its panels;
// on the real kube-prometheus Alertmanager overview (which repeats by integration) and dockprom's
// services dashboard (which does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDashboardText } from '../../../electron/engine/dashboards/import';
import { compact } from '../../../shared/dashboards/grid-layout';
import type { Panel } from '../../../shared/dashboards/model';
import {
  expandRepeats,
  repeatValues,
  scopeVariables,
  type RepeatVariable,
  type ShownSection,
} from '../../../shared/dashboards/repeat';
import { panelQueries, panelTitle } from '../../../shared/dashboards/templating/panel-queries';
import { sectionsOf } from '../../../renderer/src/views/dashboards/layout';

const dir = join(new URL('../../../..', import.meta.url).pathname, 'shared', 'dashboards');
const skip = existsSync(dir) ? false : `${dir} is absent (the shared dashboards sit beside the checkout)`;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

const variable = (
  name: string,
  value: string | string[],
  options: string[],
  extra: Partial<RepeatVariable> = {},
) =>
  [
    name,
    {
      name,
      value,
      options,
      includeAll: true,
      multi: true,
      choices: [
        { text: 'All', value: '$__all' },
        ...options.map((o) => ({ text: o.toUpperCase(), value: o })),
      ],
      ...extra,
    },
  ] as const;

/** Per section: [row title or null, [[key, x, y, w, h, scoped value]]] with boxes compacted. */
function shape(sections: ShownSection[]) {
  return sections.map((s) => {
    const boxes = compact(s.panels.map((p) => p.box));
    return [
      s.row?.title ?? null,
      s.panels.map((p, i) => [
        p.key,
        boxes[i].x,
        boxes[i].y,
        boxes[i].w,
        boxes[i].h,
        Object.values(p.scope)[0]?.value ?? null,
      ]),
    ];
  });
}

test('the values a repeat runs over: the selection, every option for All, texts from the choices', () => {
  const [, all] = variable('v', '$__all', ['a', 'b']);
  assert.deepEqual(repeatValues(all), [
    { value: 'a', text: 'A' },
    { value: 'b', text: 'B' },
  ]);
  const [, picked] = variable('v', ['b', 'c'], ['a', 'b', 'c'], { text: ['Bee', 'Sea'] });
  assert.deepEqual(repeatValues(picked), [
    { value: 'b', text: 'Bee' },
    { value: 'c', text: 'Sea' },
  ]);
  assert.deepEqual(repeatValues({ name: 'v', value: 'x' }), [{ value: 'x', text: 'x' }]);
});

test(
  'the Alertmanager overview: each repeated panel once per integration, titles and queries scoped',
  { skip },
  () => {
    const { dashboard } = importDashboardText(read('kube-prometheus-alertmanager-overview.json'));
    const vars = new Map([
      variable('integration', '$__all', ['email', 'pagerduty', 'slack', 'web.hook', 'webex']),
      variable('namespace', 'monitoring', ['monitoring'], { includeAll: false, multi: false }),
      variable('service', 'alertmanager-main', ['alertmanager-main'], { includeAll: false, multi: false }),
    ]);
    const shown = expandRepeats(sectionsOf(dashboard.panels), vars);
    // Five values, four to a grid row (Grafana's default maxPerRow): the send-rate copies take
    // two grid rows, and the duration panel, which sat beside its source, is pushed below them.
    assert.deepEqual(shape(shown), [
      [
        'Alerts',
        [
          ['2', 0, 0, 12, 7, null],
          ['3', 12, 0, 12, 7, null],
        ],
      ],
      [
        'Notifications',
        [
          ['5', 0, 0, 6, 7, 'email'],
          ['panel-5-clone-1', 6, 0, 6, 7, 'pagerduty'],
          ['panel-5-clone-2', 12, 0, 6, 7, 'slack'],
          ['panel-5-clone-3', 18, 0, 6, 7, 'web.hook'],
          ['panel-5-clone-4', 0, 7, 24, 7, 'webex'],
          ['6', 0, 14, 6, 7, 'email'],
          ['panel-6-clone-1', 6, 14, 6, 7, 'pagerduty'],
          ['panel-6-clone-2', 12, 14, 6, 7, 'slack'],
          ['panel-6-clone-3', 18, 14, 6, 7, 'web.hook'],
          ['panel-6-clone-4', 0, 21, 24, 7, 'webex'],
        ],
      ],
    ]);
    const copy = shown[1].panels[3];
    const scoped = scopeVariables(vars, copy.scope);
    assert.equal(panelTitle(copy.panel.title, scoped), 'WEB.HOOK: Notifications Send Rate');
    const { queries } = panelQueries({
      panel: copy.panel,
      range: { fromMs: 0, toMs: 3_600_000 },
      vars: scoped,
      widthPx: 800,
      scrapeIntervalS: 15,
    });
    // The copy's one value, escaped as a value of a multi-value variable (Grafana's Prometheus
    // datasource does so for a repeat's scoped value too); the other variables as selected.
    assert.match(queries[0].expr, /integration="web\\\\.hook"/);
    assert.match(queries[0].expr, /namespace=~"monitoring",service=~"alertmanager-main"/);
    // The variables outside the copy are untouched.
    assert.equal(panelTitle(copy.panel.title, vars), 'All: Notifications Send Rate');
  },
);

test('dockprom services has no repeat: every panel is shown once, where it is', { skip }, () => {
  const { dashboard } = importDashboardText(read('dockprom-monitor_services.json'));
  const sections = sectionsOf(dashboard.panels);
  const shown = expandRepeats(sections, new Map());
  assert.deepEqual(
    shown.map((s) => s.panels.map((p) => [p.key, p.clone])),
    sections.map((s) => s.panels.map((p) => [String(p.id), 0])),
  );
  assert.equal(shown.flatMap((s) => s.panels).length, 34);
});

const grid = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const panel = (id: number, gridPos: ReturnType<typeof grid>, extra: Partial<Panel> = {}): Panel => ({
  id,
  type: 'timeseries',
  title: `p${id} $host`,
  gridPos,
  ...extra,
});

test('vertical repeats stack at the panel column; maxPerRow, a selection and an unknown variable', () => {
  const vars = new Map([variable('host', ['a', 'b', 'c'], ['a', 'b', 'c', 'd'])]);
  const panels = [
    panel(1, grid(6, 0, 8, 3), { repeat: 'host', repeatDirection: 'v' }),
    panel(2, grid(14, 0, 10, 3)),
    panel(3, grid(0, 3, 24, 2)),
    panel(4, grid(0, 5, 12, 4), { repeat: 'host', maxPerRow: 2 }),
    panel(5, grid(0, 9, 12, 2), { repeat: 'nothing' }),
  ];
  assert.deepEqual(shape(expandRepeats(sectionsOf(panels), vars)), [
    [
      null,
      [
        ['1', 6, 0, 8, 3, 'a'],
        ['panel-1-clone-1', 6, 3, 8, 3, 'b'],
        ['panel-1-clone-2', 6, 6, 8, 3, 'c'],
        ['2', 14, 0, 10, 3, null],
        ['3', 0, 9, 24, 2, null],
        ['4', 0, 11, 12, 4, 'a'],
        ['panel-4-clone-1', 12, 11, 12, 4, 'b'],
        ['panel-4-clone-2', 0, 15, 24, 4, 'c'],
        ['5', 0, 19, 12, 2, null],
      ],
    ],
  ]);
});

test('a repeated row is copied with its panels, each copy scoped; a panel inside repeats in its scope', () => {
  const vars = new Map([variable('host', '$__all', ['a', 'b']), variable('disk', ['x', 'y'], ['x', 'y'])]);
  const panels: Panel[] = [
    {
      id: 10,
      type: 'row',
      title: 'Host $host',
      collapsed: true,
      repeat: 'host',
      gridPos: grid(0, 0, 24, 1),
      panels: [panel(11, grid(0, 1, 12, 4)), panel(12, grid(12, 1, 12, 4), { repeat: 'disk' })],
    } as Panel,
    { id: 20, type: 'row', title: 'Rest', collapsed: false, gridPos: grid(0, 1, 24, 1), panels: [] } as Panel,
    panel(21, grid(0, 2, 24, 4)),
  ];
  const shown = expandRepeats(sectionsOf(panels), vars);
  assert.deepEqual(
    shown.map((s) => [
      s.key,
      s.sourceKey,
      s.clone,
      s.scope.host?.value ?? null,
      s.panels.map((p) => [p.key, p.clone, p.scope.host?.value ?? null, p.scope.disk?.value ?? null]),
    ]),
    [
      [
        'row-10',
        'row-10',
        0,
        'a',
        [
          ['11', 0, 'a', null],
          ['12', 0, 'a', 'x'],
          ['panel-12-clone-1', 1, 'a', 'y'],
        ],
      ],
      [
        'row-10-clone-1',
        'row-10',
        1,
        'b',
        [
          ['row-10-clone-1/11', 1, 'b', null],
          ['row-10-clone-1/12', 1, 'b', 'x'],
          ['row-10-clone-1/panel-12-clone-1', 1, 'b', 'y'],
        ],
      ],
      ['row-20', 'row-20', 0, null, [['21', 0, null, null]]],
    ],
  );
  assert.equal(panelTitle(shown[1].row!.title, scopeVariables(vars, shown[1].scope)), 'Host B');
});
