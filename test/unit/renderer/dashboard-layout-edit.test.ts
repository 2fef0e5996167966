// Layout changes on a dashboard's sections and what is saved from them: a panel moved within its
// row or into another, resized, duplicated beside itself, removed; rows added, moved with their
// panels, renamed and removed (their panels kept); written back as Grafana saves panels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRowPanel, type Panel, type RowPanel } from '../../../shared/dashboards/model';
import { panelsOf, sectionsOf } from '../../../renderer/src/views/dashboards/layout';
import {
  addRow,
  duplicatePanel,
  moveRow,
  movePanel,
  removePanel,
  removeRow,
  renameRow,
  resizePanel,
} from '../../../renderer/src/views/dashboards/layout-edit';

const grid = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const panel = (id: number, gridPos: ReturnType<typeof grid>): Panel => ({
  id,
  type: 'timeseries',
  title: `p${id}`,
  gridPos,
  targets: [{ refId: 'A', expr: 'up' }],
});
const row = (id: number, y: number, collapsed: boolean, panels: Panel[] = []): RowPanel => ({
  id,
  type: 'row',
  title: `row${id}`,
  gridPos: grid(0, y, 24, 1),
  collapsed,
  panels,
});

const DASH: Panel[] = [
  panel(1, grid(0, 0, 12, 4)),
  panel(2, grid(12, 0, 12, 4)),
  row(3, 4, false),
  panel(4, grid(0, 5, 24, 3)),
  row(5, 8, true, [panel(6, grid(0, 9, 8, 2)), panel(7, grid(8, 9, 8, 2))]),
];

const savedOf = (s: ReturnType<typeof sectionsOf>) => saved(panelsOf(s));

/** The saved layout, compactly: rows as `row<id>@y[collapsed]`, panels as `id@x,y,w,h`. */
function saved(panels: Panel[]): string[] {
  const one = (p: Panel) => `${p.id}@${p.gridPos.x},${p.gridPos.y},${p.gridPos.w},${p.gridPos.h}`;
  return panels.map((p) =>
    isRowPanel(p)
      ? `row${p.id}@${p.gridPos.y}${p.collapsed ? `[${p.panels.map(one).join(' ')}]` : ''}`
      : one(p),
  );
}

test('sections are written back as Grafana saves them, unchanged when nothing moved', () => {
  assert.deepEqual(saved(panelsOf(sectionsOf(DASH))), [
    '1@0,0,12,4',
    '2@12,0,12,4',
    'row3@4',
    '4@0,5,24,3',
    'row5@8[6@0,9,8,2 7@8,9,8,2]',
  ]);
});

test('a panel moved within its row swaps with its neighbour; one moved into another row joins it', () => {
  const s = sectionsOf(DASH);
  // Onto its neighbour sideways: the neighbour cannot fit above it, so it goes below (as in
  // react-grid-layout, which never swaps sideways).
  assert.deepEqual(saved(panelsOf(movePanel(s, '1', { section: 'top', x: 12, y: 0 }))), [
    '1@12,0,12,4',
    '2@12,4,12,4',
    'row3@8',
    '4@0,9,24,3',
    'row5@12[6@0,13,8,2 7@8,13,8,2]',
  ]);
  // Down into row 3's panel: 4 fits above it, so they swap.
  assert.deepEqual(
    saved(
      panelsOf(
        movePanel(movePanel(s, '2', { section: 'row-3', x: 0, y: 0 }), '2', { section: 'row-3', x: 0, y: 4 }),
      ),
    ).slice(1, 4),
    ['row3@4', '4@0,5,24,3', '2@0,8,12,4'],
  );
  // Panel 2 into row 3, beside panel 4's top: 4 is pushed below it; the top section closes up.
  assert.deepEqual(saved(panelsOf(movePanel(s, '2', { section: 'row-3', x: 0, y: 0 }))), [
    '1@0,0,12,4',
    'row3@4',
    '2@0,5,12,4',
    '4@0,9,24,3',
    'row5@12[6@0,13,8,2 7@8,13,8,2]',
  ]);
  // Into a collapsed row: nested in it from the row's next line. Too wide for the column it was
  // dropped at, it keeps its width, as far right as fits (here x 0), pushing the others down.
  const nested = panelsOf(movePanel(s, '4', { section: 'row-5', x: 16, y: 0 }));
  assert.deepEqual(saved(nested), [
    '1@0,0,12,4',
    '2@12,0,12,4',
    'row3@4',
    'row5@5[4@0,6,24,3 6@0,9,8,2 7@8,9,8,2]',
  ]);
});

test('resize pushes what it grows into; duplicate lands beside or below; remove closes the gap', () => {
  const s = sectionsOf(DASH);
  assert.deepEqual(saved(panelsOf(resizePanel(s, '1', 24, 2))).slice(0, 2), ['1@0,0,24,2', '2@12,2,12,4']);
  const dup = panelsOf(duplicatePanel(s, '6'));
  // Beside it (Grafana's rule), pushing what was there down.
  assert.deepEqual(saved(dup).at(-1), 'row5@8[6@0,9,8,2 8@8,9,8,2 7@8,11,8,2]');
  const copy = (dup.at(-1) as RowPanel).panels[1];
  assert.equal(copy.title, 'p6');
  assert.notEqual(copy.targets, (DASH[4] as RowPanel).panels[0].targets, 'a deep copy');
  // No room beside a full-width panel: the copy goes below it.
  assert.deepEqual(saved(panelsOf(duplicatePanel(s, '4'))).slice(3, 5), ['4@0,5,24,3', '8@0,8,24,3']);
  assert.deepEqual(saved(panelsOf(removePanel(s, '1'))).slice(0, 2), ['2@12,0,12,4', 'row3@4']);
});

test('rows: added at the bottom, moved with their panels (never above the free panels), renamed, removed', () => {
  const s = sectionsOf(DASH);
  const added = addRow(s);
  assert.deepEqual(saved(panelsOf(added)).at(-1), 'row8@9');
  assert.equal((panelsOf(added).at(-1) as RowPanel).title, 'Row title');
  assert.deepEqual(saved(panelsOf(moveRow(s, 'row-5', 0))), [
    '1@0,0,12,4',
    '2@12,0,12,4',
    'row5@4[6@0,5,8,2 7@8,5,8,2]',
    'row3@5',
    '4@0,6,24,3',
  ]);
  assert.equal((panelsOf(renameRow(s, 'row-3', 'Disks'))[2] as RowPanel).title, 'Disks');
  // Removing row 5 keeps its panels, under those of the row above.
  assert.deepEqual(saved(panelsOf(removeRow(s, 'row-5'))), [
    '1@0,0,12,4',
    '2@12,0,12,4',
    'row3@4',
    '4@0,5,24,3',
    '6@0,8,8,2',
    '7@8,8,8,2',
  ]);
  // The first row removed with nothing above: its panels become the free ones at the top.
  const first = sectionsOf([row(1, 0, false), panel(2, grid(0, 1, 6, 2))]);
  assert.deepEqual(saved(panelsOf(removeRow(first, 'row-1'))), ['2@0,0,6,2']);
});

test('unknown keys change nothing; duplicated ids get distinct keys', () => {
  const s = sectionsOf(DASH);
  assert.deepEqual(panelsOf(movePanel(s, 'nope', { section: 'top', x: 0, y: 0 })), panelsOf(s));
  assert.deepEqual(panelsOf(movePanel(s, '1', { section: 'nope', x: 0, y: 0 })), panelsOf(s));
  assert.deepEqual(sectionsOf([panel(1, grid(0, 0, 6, 2)), panel(1, grid(6, 0, 6, 2))])[0].keys, [
    '1',
    '1~1',
  ]);
});

test('copies of repeated panels and rows an older Grafana saved are left out: the repeat makes them', () => {
  const file: Panel[] = [
    { ...panel(1, grid(0, 0, 12, 4)), repeat: 'host' },
    { ...panel(2, grid(12, 0, 12, 4)), repeatPanelId: 1, repeatIteration: 1 },
    { ...row(3, 4, false), repeat: 'host' },
    panel(4, grid(0, 5, 24, 3)),
    { ...row(5, 8, false), repeatPanelId: 3, repeatIteration: 1 },
    { ...panel(6, grid(0, 9, 24, 3)), repeatPanelId: 4 },
    row(7, 12, false),
    panel(8, grid(0, 13, 24, 3)),
  ];
  assert.deepEqual(savedOf(sectionsOf(file)), ['1@0,0,12,4', 'row3@4', '4@0,5,24,3', 'row7@8', '8@0,9,24,3']);
});
