// Bad dashboard files get one clear error that names the JSON path of what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importDashboardText } from '../../../electron/engine/dashboards/import';
import { DashboardError } from '../../../electron/engine/dashboards/validate';

function errorOf(text: string): DashboardError {
  try {
    importDashboardText(text);
  } catch (err) {
    assert.ok(err instanceof DashboardError, `a DashboardError, not ${String(err)}`);
    return err;
  }
  assert.fail(`imported: ${text.slice(0, 80)}`);
}

const panel = (extra: object = {}) => ({
  id: 1,
  type: 'timeseries',
  title: 'A',
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  ...extra,
});
const dash = (extra: object) =>
  JSON.stringify({ title: 'T', uid: 'u', schemaVersion: 39, panels: [], ...extra });

test('text that is not JSON: the line and column of the error', () => {
  const e = errorOf('{\n  "title": "x",\n  panels: []\n}');
  assert.equal(e.path, '');
  assert.match(e.message, /^not JSON: .* at line 3, column 3$/);
});

test('JSON that is not a dashboard', () => {
  assert.match(errorOf('[1,2]').message, /^must be an object, not an array$/);
  assert.match(
    errorOf('{"a": 1}').message,
    /not a Grafana dashboard: it has neither "panels" nor the legacy "rows"/,
  );
  assert.match(errorOf('"x"').message, /must be an object/);
});

test('a wrong shape names its JSON path', () => {
  const cases: [object, string][] = [
    [{ panels: {} }, 'panels: must be an array, not an object'],
    [
      { panels: [panel(), panel(), panel(), panel({ gridPos: { x: 0, y: 0, w: '6', h: 8 } })] },
      'panels[3].gridPos.w: must be a number, not the string "6"',
    ],
    [{ panels: [panel({ gridPos: undefined })] }, 'panels[0].gridPos: missing (must be an object)'],
    [
      { panels: [panel({ gridPos: { x: 0, y: 0, w: 30, h: 8 } })] },
      'panels[0].gridPos.w: must be 1 to 24, not 30',
    ],
    [{ panels: [panel({ type: 7 })] }, 'panels[0].type: must be a string, not number 7'],
    [
      { panels: [panel({ targets: [{ refId: 'A', expr: 5 }] })] },
      'panels[0].targets[0].expr: must be a string, not number 5',
    ],
    [
      {
        panels: [panel({ type: 'row', panels: [panel(), panel({ gridPos: { x: 0, y: 'a', w: 1, h: 1 } })] })],
      },
      'panels[0].panels[1].gridPos.y: must be a number, not the string "a"',
    ],
    [
      {
        panels: [
          panel({
            fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byName' }, properties: [{}] }] },
          }),
        ],
      },
      'panels[0].fieldConfig.overrides[0].properties[0].id: missing (must be a string)',
    ],
    [{ templating: { list: [{ type: 'query' }] } }, 'templating.list[0].name: missing (must be a string)'],
    [{ tags: ['a', 1] }, 'tags[1]: must be a string, not number 1'],
    [{ time: { from: 'now-1h' } }, 'time.to: missing (must be a string)'],
    [{ schemaVersion: '39' }, 'schemaVersion: must be a number, not the string "39"'],
    [
      { panels: undefined, rows: [{ panels: [{ type: 'graph' }, 'x'] }] },
      'rows[0].panels[1]: must be an object, not the string "x"',
    ],
    [{ panels: undefined, rows: 'x' }, 'rows: must be an array, not the string "x"'],
  ];
  for (const [extra, message] of cases) assert.equal(errorOf(dash(extra)).message, message);
});

test('schema v2 and too old a schemaVersion are refused with a reason', () => {
  const v2 = {
    apiVersion: 'dashboard.grafana.app/v2alpha1',
    kind: 'Dashboard',
    metadata: { name: 'x' },
    spec: { title: 'x', elements: {}, layout: { kind: 'GridLayout' } },
  };
  assert.match(errorOf(JSON.stringify(v2)).message, /schema v2 dashboard .* is not supported/);
  assert.match(errorOf(JSON.stringify({ title: 'x', elements: {}, layout: {} })).message, /schema v2/);
  assert.equal(
    errorOf(dash({ schemaVersion: 6 })).message,
    'schemaVersion: 6 is older than Promdesk reads (from 12, Grafana 4 on): open and save it in a newer Grafana first',
  );
});

test('every JSON syntax error names its line and column', () => {
  const cases: [string, string][] = [
    ['{"title": "x",\n "panels": [}', "not JSON: Unexpected token '}' at line 2, column 13"],
    ['{"a": 1', 'not JSON: the text ends too early at line 1, column 8'],
    ['', 'not JSON: the text ends too early at line 1, column 1'],
    ['{"a": 1} x', 'at line 1, column 10'],
    ['{"a": "b\nc"}', 'at line 1, column 9'],
    ['[1,]', 'at line 1, column 4'],
  ];
  for (const [text, message] of cases)
    assert.ok(errorOf(text).message.endsWith(message), `${errorOf(text).message} / ${message}`);
});
