// Pushgateway-compatible pushes into `promdesk serve` over real HTTP: PUT/POST/DELETE semantics,
// grouping labels (incl. @base64), push_time_seconds, stale markers, errors, and persistence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServe, type RunningServe } from '../../electron/serve';
import { tempDir } from '../helpers/tmp';
import { openStore } from '../../electron/engine/store/open-store';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(base: string, q: string): Promise<Sample[]> {
  const r = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await r.json()) as { status: string; data?: { result: Sample[] }; error?: string };
  assert.equal(body.status, 'success', body.error);
  return body.data!.result;
}

const values = async (base: string, q: string) =>
  Object.fromEntries(
    (await query(base, q)).map((s) => [
      Object.entries(s.metric)
        .filter(([n]) => n !== '__name__')
        .map(([n, v]) => `${n}=${v}`)
        .join(','),
      Number(s.value[1]),
    ]),
  );

const push = (base: string, method: string, path: string, body = '', type?: string) =>
  fetch(base + path, {
    method,
    body: method === 'DELETE' ? undefined : body,
    headers: type ? { 'Content-Type': type } : {},
  });

async function withServe(fn: (base: string) => Promise<void>, dataDir?: string): Promise<void> {
  const dir = tempDir();
  const s: RunningServe = await startServe({
    host: '127.0.0.1',
    port: 0,
    dataDir: dataDir ?? join(dir.path, 'data'),
    configFile: null,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    token: null,
  });
  try {
    await fn(`http://127.0.0.1:${s.port}`);
  } finally {
    await s.stop();
    dir.remove();
  }
}

test('PUT replaces the group, POST only the pushed families, DELETE removes the group', async () => {
  await withServe(async (base) => {
    let r = await push(base, 'PUT', '/metrics/job/batch/instance/h1', 'a_metric{x="1"} 1\nb_metric 2\n');
    assert.equal(r.status, 200, await r.text());
    assert.deepEqual(await values(base, '{job="batch",__name__=~".*_metric"}'), {
      'instance=h1,job=batch,x=1': 1,
      'instance=h1,job=batch': 2,
    });
    const pt = await query(base, 'push_time_seconds{job="batch"}');
    assert.equal(pt.length, 1);
    assert.ok(Math.abs(Number(pt[0].value[1]) - Date.now() / 1000) < 30);
    assert.deepEqual(await values(base, 'push_failure_time_seconds'), { 'instance=h1,job=batch': 0 });
    // POST: only b_metric is replaced, a_metric stays.
    r = await push(base, 'POST', '/metrics/job/batch/instance/h1', 'b_metric{y="2"} 3\n');
    assert.equal(r.status, 200);
    assert.deepEqual(await values(base, '{__name__=~"a_metric|b_metric"}'), {
      'instance=h1,job=batch,x=1': 1,
      'instance=h1,job=batch,y=2': 3,
    });
    // PUT: a_metric vanishes (stale marker), only the new body remains.
    r = await push(base, 'PUT', '/metrics/job/batch/instance/h1', 'c_metric 4\n');
    assert.equal(r.status, 200);
    assert.deepEqual(await values(base, '{__name__=~"[abc]_metric"}'), { 'instance=h1,job=batch': 4 });
    // Another group of the same job is independent.
    assert.equal((await push(base, 'PUT', '/metrics/job/batch/instance/h2', 'c_metric 5\n')).status, 200);
    assert.deepEqual(await values(base, 'c_metric'), {
      'instance=h1,job=batch': 4,
      'instance=h2,job=batch': 5,
    });
    r = await push(base, 'DELETE', '/metrics/job/batch/instance/h1');
    assert.equal(r.status, 202);
    assert.deepEqual(await values(base, 'c_metric'), { 'instance=h2,job=batch': 5 });
    assert.deepEqual(Object.keys(await values(base, 'push_time_seconds')), ['instance=h2,job=batch']);
  });
});

test('grouping labels override pushed labels; @base64 values; histograms keep their family for POST', async () => {
  await withServe(async (base) => {
    const slashy = Buffer.from('a/b c').toString('base64url');
    let r = await push(
      base,
      'PUT',
      `/metrics/job@base64/${Buffer.from('my job').toString('base64url')}/path@base64/${slashy}/empty@base64/=`,
      '# TYPE lat histogram\nlat_bucket{le="1",job="other",path="p"} 1\nlat_bucket{le="+Inf"} 2\nlat_sum 3\nlat_count 2\n',
    );
    assert.equal(r.status, 200, await r.text());
    assert.deepEqual(await values(base, 'lat_bucket'), {
      'job=my job,le=1,path=a/b c': 1,
      'job=my job,le=+Inf,path=a/b c': 2,
    });
    // POST of the family `lat` replaces all of lat_bucket/_sum/_count.
    r = await push(
      base,
      'POST',
      `/metrics/job@base64/${Buffer.from('my job').toString('base64url')}/path@base64/${slashy}`,
      '# TYPE lat histogram\nlat_sum 9\nlat_count 1\n',
    );
    assert.equal(r.status, 200);
    assert.deepEqual(await values(base, 'lat_bucket'), {});
    assert.deepEqual(await values(base, 'lat_sum'), { 'job=my job,path=a/b c': 9 });
    assert.deepEqual(await values(base, 'lat_count'), { 'job=my job,path=a/b c': 1 });
  });
});

test('invalid pushes get 400 naming the line; push_failure_time_seconds is set for the group', async () => {
  await withServe(async (base) => {
    assert.equal((await push(base, 'PUT', '/metrics/job/j', 'ok_metric 1\n')).status, 200);
    let r = await push(base, 'PUT', '/metrics/job/j', 'ok_metric 1\nbad metric{ 2\n');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /line 2/);
    r = await push(base, 'PUT', '/metrics/job/j', 'm 1 1700000000000\n');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /line 1: pushed metrics must not have timestamps/);
    r = await push(base, 'PUT', '/metrics/job/j', 'm 1\nm 2\n');
    assert.match(await r.text(), /line 2: .*pushed twice/);
    r = await push(base, 'PUT', '/metrics/job/', 'm 1\n');
    assert.equal(r.status, 400);
    r = await push(base, 'PUT', '/metrics/job/j/1abc/x', 'm 1\n');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /invalid label name "1abc"/);
    r = await push(base, 'PUT', '/metrics/job/j/odd', 'm 1\n');
    assert.equal(r.status, 400);
    r = await fetch(`${base}/metrics/job/j`);
    assert.equal(r.status, 405);
    assert.deepEqual(await values(base, 'ok_metric'), { 'job=j': 1 }, 'a failed PUT keeps the group');
    const fail = await query(base, 'push_failure_time_seconds{job="j"}');
    assert.ok(Number(fail[0].value[1]) > 0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /promdesk_push_requests_total\{result="invalid"\} 6/);
  });
});

test('OpenMetrics bodies by Content-Type, and groups survive a restart', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir.path, 'data');
    await withServe(async (base) => {
      const r = await push(
        base,
        'PUT',
        '/metrics/job/om',
        '# TYPE jobs counter\njobs_total 5\n# EOF\n',
        'application/openmetrics-text; version=1.0.0',
      );
      assert.equal(r.status, 200, await r.text());
    }, dataDir);
    await withServe(async (base) => {
      assert.deepEqual(await values(base, 'jobs_total'), { 'job=om': 5 });
      // The group is still known: a POST adds to it, push_time_seconds moves on.
      assert.equal((await push(base, 'POST', '/metrics/job/om', 'more 1\n')).status, 200);
      assert.deepEqual(await values(base, 'jobs_total'), { 'job=om': 5 });
      assert.deepEqual(await values(base, 'more'), { 'job=om': 1 });
    }, dataDir);
  } finally {
    dir.remove();
  }
});

test('groups saved by an earlier version (one settings row) are served after an upgrade, and DELETE still ends them', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir.path, 'data');
    const old = openStore(dataDir);
    old.putSetting(
      'push.groups',
      JSON.stringify({
        version: 1,
        groups: [
          {
            grouping: { job: 'nightly', instance: 'nas' },
            families: [
              ['backup_bytes', [[{ __name__: 'backup_bytes', job: 'nightly', instance: 'nas' }, '1234']]],
            ],
            pushTimeS: Date.now() / 1000 - 60,
            failTimeS: 0,
          },
        ],
      }),
    );
    old.close();
    await withServe(async (base) => {
      assert.deepEqual(await values(base, 'backup_bytes'), { 'instance=nas,job=nightly': 1234 });
      assert.equal((await push(base, 'DELETE', '/metrics/job/nightly/instance/nas')).status, 202);
      assert.deepEqual(await values(base, 'backup_bytes'), {});
    }, dataDir);
    // The delete removed the group's row: it does not come back on the next start.
    await withServe(async (base) => {
      assert.deepEqual(await values(base, 'backup_bytes'), {});
      assert.match(await (await fetch(`${base}/metrics`)).text(), /promdesk_push_groups 0/);
    }, dataDir);
  } finally {
    dir.remove();
  }
});
