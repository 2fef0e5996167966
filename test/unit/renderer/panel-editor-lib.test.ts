// The panel editor's and dashboard settings' pure parts: finding and replacing panels (nested in
// rows too), query lists and refIds, options set by path, thresholds, mappings, overrides typed
// as JSON, units offered by the picker, variables' defaults and names, and which keys the
// dashboard takes (never while typing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dashboard, Panel, Target } from '../../../shared/dashboards/model';
import { heatmapOptions } from '../../../shared/dashboards/heatmap/options';
import { schemeName } from '../../../shared/dashboards/heatmap/palette';
import { isKnownUnit } from '../../../shared/units/units';
import { HEATMAP_SCHEMES, yScaleChoice } from '../../../renderer/src/views/dashboards/editor/HeatmapOptions';
import { scaleChoice } from '../../../renderer/src/views/dashboards/editor/TimeseriesOptions';
import { dashboardKey, isTypingTarget } from '../../../renderer/src/views/dashboards/editor/keyboard';
import {
  addTarget,
  addThresholdStep,
  changeVizType,
  DEFAULT_THRESHOLDS,
  duplicateTarget,
  editablePanel,
  editPanelId,
  findPanel,
  getIn,
  isEditableMapping,
  moveItem,
  newMapping,
  nextRefId,
  parseOptionalNumber,
  parseOverrides,
  parsePanelJson,
  queryKey,
  queryTypeOf,
  removeAt,
  removePanel,
  replacePanel,
  setIn,
  sortSteps,
  splitValueMappings,
  thresholdsOf,
  VIZ_TYPES,
  withQueryType,
} from '../../../renderer/src/views/dashboards/editor/panel-edit';
import {
  searchUnits,
  UNIT_CHOICES,
  unitLabel,
} from '../../../renderer/src/views/dashboards/editor/unit-options';
import {
  newVariable,
  parseTags,
  VARIABLE_KINDS,
  variableNameError,
  withQueryText,
} from '../../../renderer/src/views/dashboards/editor/variable-edit';

const panel = (id: number, extra: Partial<Panel> = {}): Panel => ({
  id,
  type: 'timeseries',
  title: `P${id}`,
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  ...extra,
});

const dash = (panels: Panel[]): Dashboard => ({
  uid: 'u',
  title: 'D',
  tags: [],
  schemaVersion: 41,
  panels,
  templating: { list: [] },
  time: { from: 'now-1h', to: 'now' },
  refresh: '',
  graphTooltip: 0,
});

const row = (id: number, panels: Panel[]): Panel =>
  ({ ...panel(id), type: 'row', collapsed: true, panels }) as Panel;

test('a panel is found and replaced at the top level and inside a collapsed row', () => {
  const d = dash([panel(1), row(2, [panel(3), panel(4)])]);
  assert.equal(findPanel(d, 4)?.title, 'P4');
  assert.equal(findPanel(d, 9), undefined);
  const d2 = replacePanel(d, panel(4, { title: 'new' }));
  assert.equal(findPanel(d2, 4)?.title, 'new');
  assert.equal(findPanel(d, 4)?.title, 'P4', 'the original is untouched');
  assert.deepEqual(
    (d2.panels[1] as { panels: Panel[] }).panels.map((p) => p.id),
    [3, 4],
    'kept in its place',
  );
  assert.equal(replacePanel(d, panel(1, { title: 'top' })).panels[0].title, 'top');
  assert.deepEqual(
    replacePanel(d, panel(7)).panels.map((p) => p.id),
    [1, 2, 7],
    'an unknown id is appended',
  );
  const d3 = removePanel(d, 3);
  assert.equal(findPanel(d3, 3), undefined);
  assert.equal(findPanel(d3, 4)?.id, 4);
  assert.deepEqual(
    removePanel(d, 1).panels.map((p) => p.id),
    [2],
  );
});

test('editPanel names a panel by id, as panel-<id>, or a repeated copy (its source)', () => {
  assert.equal(editPanelId('4'), 4);
  assert.equal(editPanelId('panel-4'), 4);
  assert.equal(editPanelId('panel-12-clone-3'), 12);
  for (const bad of [null, '', 'x', '4.5', '-1', 'panel-', 'panel-4-clone-', '4 '])
    assert.equal(editPanelId(bad), null, String(bad));
});

test('queries: refIds as Grafana names them, add, duplicate, remove, move, range/instant', () => {
  const t = (refId: string): Target => ({ refId, expr: refId.toLowerCase() });
  assert.equal(nextRefId([]), 'A');
  assert.equal(nextRefId([t('A'), t('C')]), 'B');
  const az = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map(t);
  assert.equal(nextRefId(az), 'AA');
  assert.equal(nextRefId([...az, t('AA')]), 'AB');
  const two = addTarget([t('A')]);
  assert.deepEqual(two[1], { refId: 'B', expr: '', range: true, instant: false });
  const dup = duplicateTarget([t('A'), t('B')], 0);
  assert.deepEqual(
    dup.map((x) => [x.refId, x.expr]),
    [
      ['A', 'a'],
      ['C', 'a'],
      ['B', 'b'],
    ],
  );
  assert.deepEqual(removeAt([1, 2, 3], 1), [1, 3]);
  assert.deepEqual(moveItem([1, 2, 3], 0, 1), [2, 1, 3]);
  assert.deepEqual(moveItem([1, 2, 3], 2, 1), [1, 2, 3], 'clamped at the end');
  assert.deepEqual(moveItem([1, 2, 3], 2, -5), [3, 1, 2]);
  assert.equal(queryTypeOf({ refId: 'A' }), 'range');
  assert.equal(queryTypeOf({ refId: 'A', instant: true }), 'instant');
  assert.equal(queryTypeOf({ refId: 'A', instant: true, range: true }), 'both');
  assert.deepEqual(withQueryType({ refId: 'A' }, 'instant'), { refId: 'A', range: false, instant: true });
  assert.deepEqual(withQueryType({ refId: 'A' }, 'both'), { refId: 'A', range: true, instant: true });
});

test('options set by path: objects made on the way, undefined removes the key, nothing shared is changed', () => {
  const p = panel(1, { options: { legend: { displayMode: 'list' } } });
  const q = setIn(p, ['options', 'legend', 'placement'], 'right');
  assert.deepEqual(q.options, { legend: { displayMode: 'list', placement: 'right' } });
  assert.deepEqual(p.options, { legend: { displayMode: 'list' } });
  const r = setIn(p, ['fieldConfig', 'defaults', 'unit'], 'bytes');
  assert.equal(getIn(r, ['fieldConfig', 'defaults', 'unit']), 'bytes');
  const cleared = setIn(r, ['fieldConfig', 'defaults', 'unit'], undefined);
  assert.ok(!Object.hasOwn(cleared.fieldConfig!.defaults, 'unit'));
  assert.equal(JSON.stringify(cleared).includes('unit'), false);
  assert.equal(getIn({ a: { b: 1 } }, ['a', 'c']), undefined);
  assert.equal(getIn({ a: ['x'] }, ['a', '0']), 'x');
  assert.equal(getIn({}, ['constructor']), undefined, 'own properties only');
  // A query change gives a new query key; a title change does not.
  assert.equal(queryKey(p), queryKey({ ...p, title: 'other' }));
  assert.notEqual(queryKey(p), queryKey({ ...p, targets: [{ refId: 'A', expr: 'up' }] }));
  assert.notEqual(queryKey(p), queryKey({ ...p, maxDataPoints: 100 }));
});

test('changing the visualisation keeps queries and field options; text gets content', () => {
  const p = panel(1, {
    targets: [{ refId: 'A', expr: 'up' }],
    fieldConfig: { defaults: { unit: 'bytes' }, overrides: [] },
  });
  const s = changeVizType(p, 'stat');
  assert.equal(s.type, 'stat');
  assert.deepEqual(s.targets, p.targets);
  assert.equal(s.fieldConfig?.defaults.unit, 'bytes');
  assert.equal(changeVizType(p, 'timeseries'), p);
  assert.deepEqual(changeVizType(p, 'text').options, { mode: 'markdown', content: '' });
  assert.ok((VIZ_TYPES as readonly string[]).includes('heatmap'));
});

test('thresholds: base first, steps by value, a new step above the top', () => {
  assert.deepEqual(
    sortSteps([
      { color: 'red', value: 80 },
      { color: 'green', value: null },
      { color: 'orange', value: 50 },
    ]).map((s) => s.value),
    [null, 50, 80],
  );
  const t = addThresholdStep(DEFAULT_THRESHOLDS);
  assert.deepEqual(
    t.steps.map((s) => s.value),
    [null, 80, 90],
  );
  assert.equal(t.mode, 'absolute');
  assert.deepEqual(
    addThresholdStep({ mode: 'percentage', steps: [{ color: 'green', value: null }] }).steps[1].value,
    10,
  );
});

test('numbers typed in option fields, mappings and overrides typed as JSON', () => {
  assert.equal(parseOptionalNumber(''), undefined);
  assert.equal(parseOptionalNumber(' 2.5 '), 2.5);
  assert.equal(parseOptionalNumber('abc'), null);
  assert.equal(parseOptionalNumber('Infinity'), null);
  assert.equal(newMapping('value').type, 'value');
  assert.deepEqual(newMapping('range').options, { from: null, to: null, result: { text: '' } });
  assert.deepEqual(newMapping('special').options, { match: 'null', result: { text: '' } });
  const ok = parseOverrides(
    '[{"matcher":{"id":"byName","options":"x"},"properties":[{"id":"unit","value":"s"}]}]',
  );
  assert.ok('overrides' in ok && ok.overrides[0].matcher.id === 'byName');
  assert.match((parseOverrides('{') as { error: string }).error, /^overrides: not JSON/);
  assert.deepEqual(parseOverrides('{}'), { error: 'overrides: expected a list' });
  assert.deepEqual(parseOverrides('[{"matcher":{"id":"byName"},"properties":[]}, {"properties":[]}]'), {
    error: 'overrides[1].matcher.id: expected a string',
  });
  assert.deepEqual(parseOverrides('[{"matcher":{"id":"byName"}}]'), {
    error: 'overrides[0].properties: expected a list',
  });
});

test('the unit picker offers only ids shared/units formats, each once, searchable', () => {
  const ids = UNIT_CHOICES.map((u) => u.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(isKnownUnit(id), `${id} is a unit shared/units knows`);
  // Node Exporter Full's units are all offered.
  for (const id of ['bytes', 'percent', 'percentunit', 's', 'bps', 'Bps', 'short', 'celsius', 'iops'])
    assert.ok(ids.includes(id), id);
  assert.deepEqual(
    searchUnits('celsius').map((u) => u.id),
    ['celsius'],
  );
  assert.ok(searchUnits('data iec').some((u) => u.id === 'bytes'));
  assert.equal(searchUnits('').length, UNIT_CHOICES.length);
  assert.deepEqual(searchUnits('no such unit at all'), []);
  assert.equal(unitLabel('bytes'), 'Data / bytes (IEC)');
  assert.equal(unitLabel('suffix:req'), 'suffix:req');
  assert.equal(unitLabel(undefined), '');
});

test('variables: defaults per kind, names checked, query kept where Grafana reads it, tags', () => {
  for (const k of VARIABLE_KINDS) assert.equal(newVariable(k, []).type, k);
  assert.equal(newVariable('custom', [{ type: 'custom', name: 'var1' }]).name, 'var2');
  assert.equal(newVariable('constant', []).hide, 2);
  assert.equal(newVariable('query', []).refresh, 1);
  const list = [
    { type: 'custom', name: 'a' },
    { type: 'custom', name: 'b' },
  ];
  assert.equal(variableNameError('c', list, 0), null);
  assert.equal(variableNameError('a', list, 0), null, 'its own name');
  assert.match(variableNameError('b', list, 0)!, /another variable/);
  assert.match(variableNameError('', list, 0)!, /needs a name/);
  assert.match(variableNameError('a-b', list, 0)!, /letters, digits/);
  assert.match(variableNameError('__interval', list, 0)!, /built-ins/);
  assert.deepEqual(withQueryText({ type: 'query', name: 'q', query: { query: 'old' } }, 'up'), {
    type: 'query',
    name: 'q',
    query: 'up',
    definition: 'up',
  });
  assert.deepEqual(withQueryText({ type: 'custom', name: 'c' }, 'a,b'), {
    type: 'custom',
    name: 'c',
    query: 'a,b',
  });
  assert.deepEqual(parseTags(' linux, node ,, linux'), ['linux', 'node']);
});

test('keys: e and Esc never while typing; ctrl+s and cmd+s everywhere', () => {
  const el = (tagName: string, isContentEditable = false) =>
    ({ tagName, isContentEditable }) as unknown as EventTarget;
  const key = (
    k: string,
    target: EventTarget | null,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
  ) => dashboardKey({ key: k, target, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  const body = el('BODY');
  assert.equal(key('e', body), 'edit');
  assert.equal(key('E', body, { shiftKey: true }), null);
  assert.equal(key('Escape', body), 'escape');
  assert.equal(key('e', el('INPUT')), null);
  assert.equal(key('e', el('textarea')), null);
  assert.equal(key('Escape', el('SELECT')), null);
  assert.equal(key('e', el('DIV', true)), null, 'CodeMirror is contenteditable');
  assert.equal(key('e', body, { ctrlKey: true }), null);
  assert.equal(key('s', el('DIV', true), { ctrlKey: true }), 'save');
  assert.equal(key('s', el('INPUT'), { metaKey: true }), 'save');
  assert.equal(key('S', body, { ctrlKey: true, shiftKey: true }), 'save');
  assert.equal(key('s', body), null);
  assert.equal(isTypingTarget(null), false);
  assert.equal(isTypingTarget(body), false);
});

test('heatmap options: every scheme offered is one the heatmap draws; the y scale shown is the one read', () => {
  for (const name of HEATMAP_SCHEMES) assert.equal(schemeName(name), name, name);
  assert.equal(yScaleChoice(undefined), 'auto');
  assert.equal(yScaleChoice({ type: 'linear' }), 'linear');
  assert.equal(yScaleChoice({ type: 'log', log: 2 }), 'log2');
  assert.equal(yScaleChoice({ type: 'log', log: 10 }), 'log10');
  // What the editor writes is what the heatmap reads.
  const options = setIn({}, ['rowsFrame', 'yBucketScale'], { type: 'log', log: 2 });
  assert.deepEqual(heatmapOptions(options).yScale, { type: 'log', base: 2 });
  assert.equal(heatmapOptions(setIn({}, ['color', 'scheme'], 'Viridis')).color.scheme, 'Viridis');
});

test('a time series axis scale reads as Grafana saves it', () => {
  assert.equal(scaleChoice(undefined), 'linear');
  assert.equal(scaleChoice({ type: 'linear' }), 'linear');
  assert.equal(scaleChoice({ type: 'log', log: 2 }), 'log2');
  assert.equal(scaleChoice({ type: 'log', log: 10 }), 'log10');
  assert.equal(scaleChoice({ type: 'log' }), 'log10');
});

test('what an imported file may hold is made editable, never a crash: refIds, thresholds, mappings', () => {
  const p = panel(1, { targets: [{ refId: 'A', expr: 'a' }] });
  assert.equal(editablePanel(p), p, 'nothing to do: the same object');
  const odd = panel(2, {
    targets: [
      { expr: 'x' } as Target,
      { refId: 'A', expr: 'a' },
      { refId: 'A', expr: 'dup' },
      { refId: '', expr: 'e' },
    ],
  });
  const ids = editablePanel(odd).targets!.map((t) => t.refId);
  assert.equal(new Set(ids).size, 4, `unique: ${ids.join()}`);
  assert.equal(ids[1], 'A', 'a good refId stays');
  assert.deepEqual(
    editablePanel(odd).targets!.map((t) => t.expr),
    ['x', 'a', 'dup', 'e'],
  );

  assert.deepEqual(thresholdsOf(undefined), DEFAULT_THRESHOLDS);
  assert.deepEqual(thresholdsOf({ steps: 'x' }), DEFAULT_THRESHOLDS);
  assert.deepEqual(
    thresholdsOf({
      mode: 'percentage',
      steps: [{ color: 'red', value: 90 }, { value: 3 }, null, { color: 'x', value: 'y' }],
    }),
    {
      mode: 'percentage',
      steps: [
        { color: 'green', value: null },
        { color: 'red', value: 90 },
      ],
    },
  );
  assert.ok(isEditableMapping({ type: 'value', options: { '1': { text: 'one' } } }));
  assert.ok(isEditableMapping(newMapping('range')));
  assert.ok(isEditableMapping(newMapping('regex')));
  assert.ok(isEditableMapping(newMapping('special')));
  assert.ok(!isEditableMapping({ type: 'value', options: { '1': { text: 'one' }, '2': { text: 'two' } } }));
  assert.ok(!isEditableMapping({ type: 'range' }));
  assert.ok(!isEditableMapping({ type: 'other', options: {} }));
  assert.ok(!isEditableMapping(null));
  // Grafana saves several values in one value mapping: listed one per value, same results.
  const split = splitValueMappings([
    { type: 'value', options: { '0': { text: 'down', color: 'red' }, '1': { text: 'up' } } },
    { type: 'range', options: { from: 1, to: 2, result: { text: 'r' } } },
  ]);
  assert.deepEqual(split, [
    { type: 'value', options: { '0': { text: 'down', color: 'red' } } },
    { type: 'value', options: { '1': { text: 'up' } } },
    { type: 'range', options: { from: 1, to: 2, result: { text: 'r' } } },
  ]);
  assert.ok(split.every(isEditableMapping));
  assert.deepEqual(splitValueMappings('x'), []);
});

test('a panel typed as JSON: an object with a type and a gridPos, its id kept; errors name where', () => {
  const ok = parsePanelJson(
    '{"id": 99, "type": "stat", "title": "T", "gridPos": {"x":0,"y":0,"w":6,"h":4}, "links": [1]}',
    7,
  );
  assert.ok('panel' in ok);
  assert.equal(ok.panel.id, 7, 'the edited panel keeps its id');
  assert.deepEqual(ok.panel.links, [1], 'what the options do not show is kept');
  const err = (text: string) => (parsePanelJson(text, 1) as { error: string }).error;
  assert.match(err('{'), /^panel: not JSON/);
  assert.equal(err('[]'), 'panel: expected an object');
  assert.equal(err('{"gridPos":{"x":0,"y":0,"w":1,"h":1}}'), 'panel.type: expected a string');
  assert.equal(
    err('{"type":"row","gridPos":{"x":0,"y":0,"w":1,"h":1}}'),
    'panel.type: a row is not edited here',
  );
  assert.equal(err('{"type":"stat"}'), 'panel.gridPos.x: expected a number');
  assert.equal(
    err('{"type":"stat","gridPos":{"x":0,"y":0,"w":"6","h":1}}'),
    'panel.gridPos.w: expected a number',
  );
  assert.equal(
    err('{"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1},"targets":{}}'),
    'panel.targets: expected a list',
  );
});
