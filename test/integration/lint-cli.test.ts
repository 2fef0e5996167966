// `promdesk lint` as a user runs it (dist must be built): exit codes 0/1/2, stdin, a URL, --json,
// many inputs in one call, and the real captured samples in ../shared/samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = join(process.cwd(), 'bin', 'promdesk.mjs');
const samplesDir = resolve(process.cwd(), '..', 'shared', 'samples');

interface JsonReport {
  file: string;
  parsed: boolean;
  error: { line: number | null; column: number | null; message: string } | null;
  problems: { code: string; severity: string; line: number | null; message: string }[];
}

function lint(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args], { encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the event loop (for the URL test's in-process server). */
function lintAsync(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'lint', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('close', (status) => done({ status, stdout }));
  });
}

function withFiles(
  files: Record<string, string>,
  body: (dir: string) => void | Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-lint-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Promise.resolve(body(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const CLEAN = '# HELP good_total Good.\n# TYPE good_total counter\ngood_total 1\n';
const PROBLEMS =
  '# TYPE requests counter\nrequests 1\n# TYPE latency_milliseconds gauge\nlatency_milliseconds 3\n';
const BROKEN = 'broken{a="1" 2\n';
const HIST = '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="2"} 3\nh_sum 1\nh_count 5\n';

test('dist is built', () => {
  assert.ok(existsSync(join(process.cwd(), 'dist', 'cli.mjs')), 'run `node scripts/build.mjs` first');
});

test('exit 0 on a clean file, 1 on problems, 2 on a parse error', () =>
  withFiles(
    { 'clean.prom': CLEAN, 'problems.prom': PROBLEMS, 'broken.prom': BROKEN, 'hist.prom': HIST },
    (dir) => {
      const clean = lint([join(dir, 'clean.prom')]);
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);

      const problems = lint([join(dir, 'problems.prom')]);
      assert.equal(problems.status, 1);
      const p = join(dir, 'problems.prom');
      assert.ok(
        problems.stdout.includes(
          `${p}:1: warning: requests: counter metrics should have the "_total" suffix (counter-without-total)`,
        ),
      );
      assert.ok(
        problems.stdout.includes(
          `${p}:3: warning: latency_milliseconds: use base unit "seconds" instead of "milliseconds"`,
        ),
      );

      const broken = lint([join(dir, 'broken.prom')]);
      assert.equal(broken.status, 2);
      assert.match(broken.stdout, /broken\.prom:1:\d+: parse error: expected/);

      const hist = lint([join(dir, 'hist.prom')]);
      assert.equal(hist.status, 1);
      assert.match(hist.stdout, /hist\.prom:3: error: .*cumulative.*\(histogram-not-cumulative\)/);
      assert.match(hist.stdout, /hist\.prom:3: error: .*\+Inf.*\(histogram-missing-inf\)/);

      // The worst input decides: a broken file among clean ones is exit 2.
      assert.equal(
        lint([join(dir, 'clean.prom'), join(dir, 'broken.prom'), join(dir, 'problems.prom')]).status,
        2,
      );
      assert.equal(lint([join(dir, 'clean.prom'), join(dir, 'problems.prom')]).status, 1);
    },
  ));

test('a missing file is exit 2; usage errors are exit 2', () => {
  const r = lint(['/nonexistent/x.prom']);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /x\.prom: read error: no such file/);
  assert.equal(lint([]).status, 2);
  assert.equal(lint(['--format', 'xml', 'a']).status, 2);
});

test('stdin via -', () => {
  assert.equal(lint(['-'], CLEAN).status, 0);
  const r = lint(['-'], PROBLEMS);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^<stdin>:1: warning: /m);
  assert.equal(lint(['-'], BROKEN).status, 2);
});

test('--json: one array, an entry per input, file exactly as given', () =>
  withFiles({ 'clean.prom': CLEAN, 'broken.prom': BROKEN, 'problems.prom': PROBLEMS }, (dir) => {
    const r = spawnSync(
      process.execPath,
      [bin, 'lint', '--json', 'clean.prom', './broken.prom', 'problems.prom', 'nope.prom'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 2);
    const out = JSON.parse(r.stdout) as JsonReport[];
    assert.deepEqual(
      out.map((x) => [x.file, x.parsed]),
      [
        ['clean.prom', true],
        ['./broken.prom', false],
        ['problems.prom', true],
        ['nope.prom', false],
      ],
    );
    assert.equal(out[0].error, null);
    assert.deepEqual(out[0].problems, []);
    assert.equal(out[1].error?.line, 1);
    assert.ok((out[1].error?.column ?? 0) > 0);
    assert.equal(out[3].error?.line, null);
    const codes = out[2].problems.map((x) => `${x.line} ${x.code} ${x.severity}`);
    assert.deepEqual(codes, [
      '1 missing-help warning',
      '1 counter-without-total warning',
      '3 missing-help warning',
      '3 non-base-unit warning',
    ]);
    for (const x of out[2].problems) assert.equal(typeof x.message, 'string');
  }));

test('--format openmetrics and auto detection by # EOF', () =>
  withFiles({ 'om.txt': '# TYPE a counter\n# HELP a A.\na_total 1\n# EOF\n' }, (dir) => {
    const f = join(dir, 'om.txt');
    assert.equal(lint([f]).status, 0);
    assert.equal(lint(['--format', 'openmetrics', f]).status, 0);
    // As the text format, the family "a" has no samples and a_total is untyped without HELP.
    assert.equal(lint(['--format', 'text', f]).status, 1);
  }));

test('an http URL: fetched with a scrape Accept header, Content-Type picks OpenMetrics', async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.accept ?? '');
    if (req.url === '/om') {
      res.setHeader('Content-Type', 'application/openmetrics-text; version=1.0.0; charset=utf-8');
      res.end('# TYPE a counter\n# HELP a A.\na_total 1\n# EOF\n');
    } else if (req.url === '/metrics') {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end(PROBLEMS);
    } else {
      res.statusCode = 404;
      res.end('no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const r = await lintAsync([`${base}/metrics`]);
    assert.equal(r.status, 1);
    assert.ok(r.stdout.includes(`${base}/metrics:1: warning: requests: counter metrics`));
    assert.match(seen[0], /application\/openmetrics-text/);
    assert.match(seen[0], /text\/plain;version=0\.0\.4/);
    assert.equal((await lintAsync([`${base}/om`])).status, 0);
    const missing = await lintAsync([`${base}/missing`]);
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /read error: server returned HTTP status 404/);
  } finally {
    server.close();
  }
});

test('hundreds of inputs in one call, quickly', () =>
  withFiles({ 'clean.prom': CLEAN }, (dir) => {
    const args = ['--json', ...Array.from({ length: 250 }, () => join(dir, 'clean.prom'))];
    const started = Date.now();
    const r = lint(args);
    assert.equal(r.status, 0);
    assert.equal((JSON.parse(r.stdout) as JsonReport[]).length, 250);
    assert.ok(Date.now() - started < 10_000);
  }));

test('real samples: node_exporter and the Prometheus server', (t) => {
  if (!existsSync(samplesDir)) {
    t.skip(`../shared/samples is absent (${samplesDir})`);
    return;
  }
  const node = lint(['--json', join(samplesDir, 'node_exporter.prom')]);
  assert.equal(node.status, 1);
  const [n] = JSON.parse(node.stdout) as JsonReport[];
  assert.equal(n.parsed, true);
  const has = (r: JsonReport, code: string, pattern: RegExp) =>
    assert.ok(
      r.problems.some((p) => p.code === code && pattern.test(p.message) && p.line !== null),
      `${code} ${pattern}`,
    );
  // promtool check metrics reports these too.
  has(n, 'non-base-unit', /node_entropy_available_bits: use base unit "bytes" instead of "bits"/);
  has(n, 'camel-case-name', /node_memory_MemFree_bytes/);
  has(n, 'non-canonical-quantile', /go_gc_duration_seconds/);
  assert.equal(n.problems.filter((p) => p.severity === 'error').length, 0);

  // Text-format content with a trailing # EOF: lint it as the text format it is.
  const prom = lint(['--json', '--format', 'text', join(samplesDir, 'prometheus-server.prom')]);
  assert.equal(prom.status, 1);
  const [p] = JSON.parse(prom.stdout) as JsonReport[];
  has(
    p,
    'type-in-name',
    /prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total.*'histogram'/,
  );
  has(p, 'non-canonical-le', /prometheus_http_request_duration_seconds: \d+ le values/);
  has(p, 'non-base-unit', /go_gc_gogc_percent: use base unit "ratio"/);
});
