// The dashboards folder of the data directory: save, list, star, duplicate, delete, undo of the
// last change, a bad file skipped by name, and a second writer (the CLI beside a running serve).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardStore } from '../../../electron/engine/dashboards/dashboard-store';
import type { Dashboard } from '../../../shared/dashboards/model';
import { tempDir } from '../../helpers/tmp';

const dash = (uid: string, title: string, extra: Partial<Dashboard> = {}): Dashboard => ({
  uid,
  title,
  tags: ['a'],
  schemaVersion: 41,
  panels: [
    {
      id: 1,
      type: 'row',
      title: 'R',
      collapsed: true,
      gridPos: { x: 0, y: 0, w: 24, h: 1 },
      panels: [{ id: 2, type: 'stat', title: 'S', gridPos: { x: 0, y: 1, w: 6, h: 4 } }],
    },
  ],
  templating: { list: [] },
  time: { from: 'now-6h', to: 'now' },
  refresh: '',
  graphTooltip: 0,
  ...extra,
});

test('save, list, get, star; the last change and a delete can be undone', () => {
  const dir = tempDir();
  const logs: string[] = [];
  try {
    const store = new DashboardStore(dir.path, (m) => logs.push(m));
    assert.deepEqual(store.list(), []);
    const s = store.put(dash('host', 'Host'));
    assert.deepEqual(
      { ...s, updatedMs: 0 },
      { uid: 'host', title: 'Host', tags: ['a'], starred: false, updatedMs: 0, panels: 2, canUndo: false },
    );
    store.put(dash('b', 'Another'));
    assert.deepEqual(
      store.list().map((d) => d.uid),
      ['b', 'host'],
      'sorted by title',
    );
    assert.equal(store.star('host', true).starred, true);
    assert.equal(
      new DashboardStore(dir.path).list().find((d) => d.uid === 'host')?.starred,
      true,
      'kept on disk',
    );

    assert.equal(store.put(dash('host', 'Host v2')).canUndo, true);
    assert.equal(store.get('host').title, 'Host v2');
    store.undo('host');
    assert.equal(store.get('host').title, 'Host');
    store.undo('host');
    assert.equal(store.get('host').title, 'Host v2', 'a second undo redoes');

    store.delete('host');
    assert.throws(() => store.get('host'), /no dashboard "host"/);
    assert.deepEqual(
      store.list().map((d) => d.uid),
      ['b'],
    );
    store.undo('host');
    assert.equal(store.get('host').title, 'Host v2', 'undo brings a deleted dashboard back');
    assert.throws(() => store.undo('b'), /no earlier version/);

    const copy = store.duplicate('host');
    assert.equal(copy.uid, 'host-copy');
    assert.equal(copy.title, 'Host v2 (copy)');
    assert.equal(store.duplicate('host').uid, 'host-copy2');
    const made = store.put({ ...dash('', 'New'), uid: '' });
    assert.match(made.uid, /^[0-9a-f]{14}$/);
    assert.ok(!readdirSync(store.dir).some((n) => n.endsWith('.tmp')), 'no temporary files left');
    assert.deepEqual(logs, []);
  } finally {
    dir.remove();
  }
});

test('put refuses a bad dashboard naming the path; a bad file on disk is skipped and named', () => {
  const dir = tempDir();
  const logs: string[] = [];
  try {
    const store = new DashboardStore(dir.path, (m) => logs.push(m));
    store.put(dash('ok', 'OK'));
    const bad = {
      ...dash('x', 'X'),
      panels: [{ id: 1, type: 'stat', title: 'S', gridPos: { x: 0, y: 0, w: 'wide', h: 1 } }],
    };
    assert.throws(
      () => store.put(bad),
      /^DashboardError: panels\[0\]\.gridPos\.w: must be a number, not the string "wide"$/,
    );
    assert.throws(() => store.put({ ...dash('../etc', 'X') }), /uid: must be 1 to 40 letters/);
    writeFileSync(join(store.dir, 'broken.json'), '{"uid": "broken", ');
    writeFileSync(join(store.dir, 'other.json'), JSON.stringify(dash('mismatch', 'M')));
    assert.deepEqual(
      store.list().map((d) => d.uid),
      ['ok'],
    );
    store.list();
    assert.equal(logs.length, 2, `each bad file is logged once: ${logs.join('\n')}`);
    assert.match(logs.join('\n'), /broken\.json: not JSON/);
    assert.match(logs.join('\n'), /other\.json: uid: "mismatch" differs from the file name/);
    assert.equal(store.problems().length, 2);
    assert.throws(() => store.get('broken'), /cannot be read/);
    assert.throws(() => store.get('nope'), /no dashboard "nope"/);
  } finally {
    dir.remove();
  }
});

test('a dashboard another process writes (the CLI beside serve) shows at once', () => {
  const dir = tempDir();
  try {
    const serving = new DashboardStore(dir.path);
    serving.put(dash('a', 'A'));
    assert.equal(serving.list().length, 1);
    const report = new DashboardStore(dir.path).import(JSON.stringify({ title: 'From CLI', panels: [] }));
    assert.equal(report.uid, 'from-cli');
    assert.deepEqual(
      serving.list().map((d) => d.uid),
      ['a', 'from-cli'],
    );
    const exported = JSON.parse(serving.export('from-cli')) as Dashboard;
    assert.equal(exported.title, 'From CLI');
    assert.equal(exported.id, null);
  } finally {
    dir.remove();
  }
});

test('a uid that is not one cannot name a file outside the dashboards folder', () => {
  const dir = tempDir();
  try {
    const store = new DashboardStore(dir.path, () => undefined);
    writeFileSync(join(dir.path, 'settings.json'), '{}');
    for (const uid of ['../settings', '..%2fsettings', 'a/b', '/etc/passwd', '']) {
      assert.throws(() => store.get(uid), /not a valid uid/, uid);
      assert.throws(() => store.delete(uid), /not a valid uid/, uid);
    }
    assert.throws(() => store.put(dash('../x', 'Escape')));
    assert.deepEqual(readdirSync(dir.path).sort(), ['settings.json']);
  } finally {
    dir.remove();
  }
});
