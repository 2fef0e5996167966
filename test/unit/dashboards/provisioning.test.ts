// Provisioning from a folder (--dashboards DIR), on the Grafana files in ../shared/dashboards: every
// *.json under the folder is imported with its own uid, a bad file is named and the rest go on,
// provisioned dashboards refuse save, delete, undo and import over them (a copy is editable), and
// a later run replaces the last one (a file gone takes its dashboard with it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DashboardStore,
  ProvisionedDashboardError,
} from '../../../electron/engine/dashboards/dashboard-store';
import { provisionDashboards } from '../../../electron/engine/dashboards/provisioning';
import { tempDir } from '../../helpers/tmp';

const SHARED = '../shared/dashboards';
const NEF_UID = 'rYdddlPWk';

test('a folder of Grafana files is provisioned; a bad file is reported and the rest go on', (t) => {
  if (!existsSync(join(SHARED, 'node-exporter-full.json'))) return t.skip('../shared/dashboards is absent');
  const data = tempDir();
  const src = tempDir();
  t.after(() => (data.remove(), src.remove()));
  copyFileSync(join(SHARED, 'node-exporter-full.json'), join(src.path, 'node-exporter-full.json'));
  mkdirSync(join(src.path, 'legacy'));
  copyFileSync(join(SHARED, 'docker-host-legacy.json'), join(src.path, 'legacy', 'docker-host.json'));
  writeFileSync(join(src.path, 'broken.json'), '{"title": "Broken", "panels": [');
  writeFileSync(join(src.path, 'notes.txt'), 'not a dashboard file');
  mkdirSync(join(src.path, '.git'));
  writeFileSync(join(src.path, '.git', 'x.json'), '{}');

  const logs: string[] = [];
  const store = new DashboardStore(data.path, (m) => logs.push(m));
  const state = provisionDashboards(store, src.path, (m) => logs.push(m));

  assert.equal(state.problems.length, 1, JSON.stringify(state.problems));
  assert.equal(state.problems[0].file, join(src.path, 'broken.json'));
  assert.match(state.problems[0].error, /JSON/i);
  assert.ok(
    logs.some((l) => l.includes('broken.json')),
    logs.join('\n'),
  );
  const list = store.list();
  assert.equal(list.length, 2);
  const nef = list.find((d) => d.uid === NEF_UID);
  assert.ok(nef, `the file's uid is kept: ${list.map((d) => d.uid).join(', ')}`);
  assert.equal(nef.provisioned, join(src.path, 'node-exporter-full.json'));
  assert.equal(nef.canUndo, false);
  const legacy = list.find((d) => d.uid !== NEF_UID)!;
  assert.equal(legacy.provisioned, join(src.path, 'legacy', 'docker-host.json'));

  // Read-only: save, delete, undo and an import over it are refused, naming the file.
  const d = store.get(NEF_UID);
  assert.throws(() => store.put({ ...d, title: 'Changed' }), ProvisionedDashboardError);
  assert.throws(
    () => store.delete(NEF_UID),
    /provisioned from .*node-exporter-full\.json.*save it as a copy/,
  );
  assert.throws(() => store.undo(NEF_UID), ProvisionedDashboardError);
  assert.throws(() => store.import(JSON.stringify(d)), ProvisionedDashboardError);
  assert.equal(store.get(NEF_UID).title, d.title);
  // A copy is the user's own.
  const copy = store.duplicate(NEF_UID);
  assert.equal(copy.provisioned, undefined);
  store.put({ ...store.get(copy.uid), title: 'Mine' });
  assert.equal(store.get(copy.uid).title, 'Mine');
  // A saved-as-copy dashboard under a new uid is editable too.
  store.put({ ...d, uid: 'my-copy', title: 'My copy' });
  assert.equal(store.list().find((x) => x.uid === 'my-copy')?.provisioned, undefined);

  // The next start: a file gone takes its dashboard; the copies stay.
  rmSync(join(src.path, 'legacy'), { recursive: true });
  const again = provisionDashboards(store, src.path, () => {});
  assert.deepEqual(Object.keys(again.dashboards), [NEF_UID]);
  assert.deepEqual(
    store
      .list()
      .map((x) => x.uid)
      .sort(),
    [copy.uid, 'my-copy', NEF_UID].sort(),
  );
  // Once no longer provisioned, a dashboard is editable again.
  provisionDashboards(store, join(src.path, 'gone'), () => {});
  assert.deepEqual(
    store
      .list()
      .map((x) => x.uid)
      .sort(),
    [copy.uid, 'my-copy'].sort(),
  );
});

test('a missing folder is one problem, named, and nothing else changes', (t) => {
  const data = tempDir();
  t.after(() => data.remove());
  const store = new DashboardStore(data.path, () => {});
  store.put({
    uid: 'own',
    title: 'Own',
    tags: [],
    schemaVersion: 41,
    panels: [],
    templating: { list: [] },
    time: { from: 'now-1h', to: 'now' },
    refresh: '',
    graphTooltip: 0,
  });
  const logs: string[] = [];
  const state = provisionDashboards(store, join(data.path, 'nope'), (m) => logs.push(m));
  assert.deepEqual(state.problems, [{ file: join(data.path, 'nope'), error: 'no such folder' }]);
  assert.match(logs[0], /dashboard provisioning: .*nope: no such folder/);
  assert.deepEqual(
    store.list().map((d) => d.uid),
    ['own'],
  );
  assert.equal(store.provisioning()?.problems.length, 1);
});

test('two files with one uid: the first wins, the second is named', (t) => {
  const data = tempDir();
  const src = tempDir();
  t.after(() => (data.remove(), src.remove()));
  const file = (title: string) =>
    JSON.stringify({ uid: 'same', title, schemaVersion: 41, panels: [], templating: { list: [] } });
  writeFileSync(join(src.path, 'a.json'), file('A'));
  writeFileSync(join(src.path, 'b.json'), file('B'));
  const store = new DashboardStore(data.path, () => {});
  const state = provisionDashboards(store, src.path, () => {});
  assert.equal(store.get('same').title, 'A');
  assert.equal(state.problems.length, 1);
  assert.match(state.problems[0].error, /already provisioned from .*a\.json/);
});
