// Silences: Alertmanager's matcher semantics, pending/active/expired, persistence across a
// restart (and a damaged file), "mute all", silence-from-notification and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPIRED_RETENTION_MS, Silences } from '../../../electron/engine/notify/silences';
import type { SilenceMatcher } from '../../../shared/rules/model';
import { tempDir } from '../../helpers/tmp';

const H = 3_600_000;
const eq = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: true });
const m = (name: string, op: '=' | '!=' | '=~' | '!~', value: string): SilenceMatcher => ({
  name,
  value,
  isRegex: op.endsWith('~'),
  isEqual: !op.startsWith('!'),
});

function open(now: { t: number }, dir: string, logs: string[] = []) {
  return new Silences(
    dir,
    () => now.t,
    (s) => logs.push(s),
  );
}

test('matchers: =, !=, =~, !~ anchored, an absent label is the empty string', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 1_000_000 };
  const s = open(now, dir.path);
  const a = { alertname: 'DiskFull', instance: 'nas:9100', severity: 'warning' };
  const covered = (matchers: SilenceMatcher[]) => {
    const v = s.put({ matchers, startsAtMs: now.t, endsAtMs: now.t + H, createdBy: 'me', comment: '' });
    const r = s.isSilenced(a);
    s.expire(v.id);
    return r;
  };
  assert.equal(covered([eq('alertname', 'DiskFull')]), true);
  assert.equal(covered([eq('alertname', 'Disk')]), false);
  assert.equal(covered([m('instance', '=~', 'nas.*')]), true);
  // Anchored: a part of the value does not match, as in Alertmanager.
  assert.equal(covered([m('instance', '=~', 'nas')]), false);
  assert.equal(covered([m('instance', '=~', '.*:9100')]), true);
  assert.equal(covered([eq('alertname', 'DiskFull'), m('severity', '!=', 'warning')]), false);
  assert.equal(covered([eq('alertname', 'DiskFull'), m('severity', '!~', 'crit.*')]), true);
  // An absent label is "": job!="x" holds, job=~".+" does not.
  assert.equal(covered([eq('alertname', 'DiskFull'), m('job', '!=', 'x')]), true);
  assert.equal(covered([m('job', '=~', '.+')]), false);
  assert.equal(covered([eq('alertname', 'DiskFull'), m('job', '=', '')]), true);
  // RE2 syntax: (?i) and alternation.
  assert.equal(covered([m('alertname', '=~', '(?i)diskfull|x')]), true);
});

test('states: pending before the start, active, expired at the end; expire ends it now', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 10 * H };
  const s = open(now, dir.path);
  const a = { alertname: 'A' };
  const later = s.put({
    matchers: [eq('alertname', 'A')],
    startsAtMs: now.t + H,
    endsAtMs: now.t + 2 * H,
    createdBy: 'me',
    comment: 'maintenance',
  });
  assert.equal(later.state, 'pending');
  assert.equal(s.isSilenced(a), false);
  now.t += H;
  assert.equal(s.list()[0].state, 'active');
  assert.equal(s.isSilenced(a), true);
  now.t += H;
  assert.equal(s.list()[0].state, 'expired');
  assert.equal(s.isSilenced(a), false);

  // A start in the past becomes now; expiring a pending silence means it never starts.
  const b = s.put({
    matchers: [eq('alertname', 'B')],
    startsAtMs: 0,
    endsAtMs: now.t + H,
    createdBy: '',
    comment: '',
  });
  assert.equal(b.startsAtMs, now.t);
  assert.equal(b.state, 'active');
  s.expire(b.id);
  assert.equal(s.list().find((x) => x.id === b.id)?.state, 'expired');
  assert.equal(s.isSilenced({ alertname: 'B' }), false);
  const p = s.put({
    matchers: [eq('alertname', 'P')],
    startsAtMs: now.t + H,
    endsAtMs: now.t + 2 * H,
    createdBy: '',
    comment: '',
  });
  s.expire(p.id);
  const pv = s.list().find((x) => x.id === p.id)!;
  assert.deepEqual([pv.state, pv.startsAtMs, pv.endsAtMs], ['expired', now.t, now.t]);

  // Expired silences stay listed for 5 days, then are dropped.
  assert.equal(s.list().length, 3);
  now.t += EXPIRED_RETENTION_MS + 1;
  assert.deepEqual(s.list(), []);
});

test('an update keeps the id of a live silence; updating an expired one makes a new one', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 5 * H };
  const s = open(now, dir.path);
  const v = s.put({
    matchers: [eq('alertname', 'A')],
    startsAtMs: now.t,
    endsAtMs: now.t + H,
    createdBy: 'me',
    comment: '',
  });
  now.t += 60_000;
  const u = s.put({ ...v, endsAtMs: now.t + 3 * H, comment: 'longer' });
  assert.equal(u.id, v.id);
  assert.equal(u.startsAtMs, v.startsAtMs);
  assert.equal(u.comment, 'longer');
  assert.equal(s.list().length, 1);
  s.expire(v.id);
  const again = s.put({ ...v, endsAtMs: now.t + H });
  assert.notEqual(again.id, v.id);
  assert.equal(again.state, 'active');
  assert.deepEqual(
    s.list().map((x) => x.state),
    ['expired', 'active'],
  );
});

test('kept in silences.json across a restart; a damaged file is moved aside, not lost', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 100 * H };
  const s1 = open(now, dir.path);
  const v = s1.put({
    matchers: [m('instance', '=~', 'nas:.*'), eq('alertname', 'Down')],
    startsAtMs: now.t,
    endsAtMs: now.t + H,
    createdBy: 'ann',
    comment: 'reboot',
  });
  const s2 = open(now, dir.path);
  assert.deepEqual(s2.list(), [v]);
  assert.equal(s2.isSilenced({ alertname: 'Down', instance: 'nas:9100' }), true);

  writeFileSync(join(dir.path, 'silences.json'), '{"silences": [tru');
  const logs: string[] = [];
  const s3 = open(now, dir.path, logs);
  assert.deepEqual(s3.list(), []);
  assert.match(logs[0], /silences\.json is not readable .*moved to .*bad-/);
  assert.ok(readdirSync(dir.path).some((f) => f.startsWith('silences.json.bad-')));
  assert.equal(existsSync(join(dir.path, 'silences.json')), false);

  // One bad entry among good ones: that one is skipped by index.
  const good = { ...v, updatedAtMs: now.t };
  const bad = { ...v, id: 'x', matchers: [m('a', '=~', '(')] };
  writeFileSync(join(dir.path, 'silences.json'), JSON.stringify({ version: 1, silences: [bad, good] }));
  const logs2: string[] = [];
  const s4 = open(now, dir.path, logs2);
  assert.deepEqual(
    s4.list().map((x) => x.id),
    [v.id],
  );
  assert.match(logs2[0], /silences\.0 is skipped: matchers\.0\.value: error parsing regexp/);
  s4.expire(v.id);
  const saved = JSON.parse(readFileSync(join(dir.path, 'silences.json'), 'utf8')) as { silences: object[] };
  assert.deepEqual(Object.keys(saved.silences[0]).sort(), [
    'comment',
    'createdBy',
    'endsAtMs',
    'id',
    'matchers',
    'startsAtMs',
    'updatedAtMs',
  ]);
});

test('bad input: an error naming the field, nothing saved', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 100 * H };
  const s = open(now, dir.path);
  const base = { startsAtMs: now.t, endsAtMs: now.t + H, createdBy: '', comment: '' };
  assert.throws(
    () => s.put({ ...base, matchers: [] }),
    /^Error: putSilence: matchers: a silence needs at least one matcher$/,
  );
  assert.throws(
    () => s.put({ ...base, matchers: [eq('alertname', 'A'), m('job', '=~', 'a(b')] }),
    /^Error: putSilence: matchers\.1\.value: error parsing regexp: missing closing \): `a\(b`$/,
  );
  assert.throws(
    () => s.put({ ...base, matchers: [eq('1x', 'A')] }),
    /putSilence: matchers\.0\.name: "1x" is not a label name/,
  );
  assert.throws(
    () => s.put({ ...base, matchers: [m('job', '=~', '.*')] }),
    /putSilence: matchers: at least one matcher must not match the empty string/,
  );
  assert.throws(
    () => s.put({ ...base, matchers: [eq('alertname', 'A')], endsAtMs: now.t - 1 }),
    /putSilence: endsAtMs: the silence ends before it starts/,
  );
  assert.throws(
    () =>
      s.put({ ...base, matchers: [eq('alertname', 'A')], startsAtMs: now.t - 2 * H, endsAtMs: now.t - H }),
    /putSilence: endsAtMs: the silence would end in the past/,
  );
  assert.throws(
    () => s.put({ ...base, id: 'nope', matchers: [eq('alertname', 'A')] }),
    /putSilence: id: no silence has id "nope"/,
  );
  assert.throws(() => s.expire('nope'), /expireSilence: no silence has id "nope"/);
  assert.deepEqual(s.list(), []);
  assert.equal(existsSync(join(dir.path, 'silences.json')), false);
});

test('silence from a notification: equality on every label; mute all covers every alert', (t) => {
  const dir = tempDir();
  t.after(dir.remove);
  const now = { t: 100 * H };
  const s = open(now, dir.path);
  const labels = { alertname: 'Down', instance: 'a:1', job: 'node', empty: '' };
  const v = s.silenceAlert(labels, H);
  assert.deepEqual(v.matchers, [eq('alertname', 'Down'), eq('instance', 'a:1'), eq('job', 'node')]);
  assert.equal(v.endsAtMs - v.startsAtMs, H);
  assert.equal(v.comment, 'Down silenced for 1h');
  assert.equal(s.isSilenced(labels), true);
  assert.equal(s.isSilenced({ ...labels, instance: 'b:1' }), false);
  // More labels on the alert still match (matchers name only the ones they test).
  assert.equal(s.isSilenced({ ...labels, severity: 'page' }), true);

  const mute = s.muteAll(2 * H);
  assert.equal(mute.comment, 'mute all');
  assert.equal(s.isSilenced({ alertname: 'Anything' }), true);
  s.expire(mute.id);
  assert.equal(s.isSilenced({ alertname: 'Anything' }), false);
});
