// Backfill and export through the real CLI: `promdesk import` of OpenMetrics and text files with
// timestamps, then `promdesk export`, gives back exactly the same samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitHttp } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const bin = join(process.cwd(), 'bin', 'promdesk.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

/** Sample lines (without # lines), normalised for comparison. */
function sampleLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .sort();
}

test('import then export is lossless, for OpenMetrics and text files', { timeout: 60_000 }, () => {
  const dir = tempDir();
  try {
    const base = 1_700_000_000;
    const om: string[] = [];
    for (const [name, labels, values] of [
      ['temp_celsius', 'room="kitchen"', [21.5, 21.625, -0, 1e-7]],
      ['temp_celsius', 'room="a \\"quoted\\" \\\\ path\\nnewline"', [3, 4, 5, 6]],
      ['weird', '', [Number.NaN, Infinity, -Infinity, 1.7976931348623157e308]],
    ] as const) {
      values.forEach((v, i) => {
        const value = Number.isNaN(v)
          ? 'NaN'
          : v === Infinity
            ? '+Inf'
            : v === -Infinity
              ? '-Inf'
              : Object.is(v, -0)
                ? '-0'
                : String(v);
        const ts = i === 0 ? `${base}` : `${base + i * 15}.${String(i * 7).padStart(3, '0')}`;
        om.push(`${name}${labels ? `{${labels}}` : ''} ${value} ${ts}`);
      });
    }
    const omFile = join(dir.path, 'in.om');
    writeFileSync(omFile, om.join('\n') + '\n# EOF\n');
    const textFile = join(dir.path, 'in.prom');
    writeFileSync(
      textFile,
      `up_like{job="x"} 1 ${base * 1000}\nup_like{job="x"} 0 ${base * 1000 + 15_000}\n`,
    );
    const data = join(dir.path, 'data');
    let r = run('import', '--data', data, omFile, textFile);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /imported 12 samples of 3 series from .*in\.om/);
    assert.match(r.stderr, /imported 2 samples of 1 series from .*in\.prom/);
    const outFile = join(dir.path, 'out.om');
    r = run('export', '--data', data, '--output', outFile);
    assert.equal(r.status, 0, r.stderr);
    const exported = readFileSync(outFile, 'utf8');
    assert.ok(exported.endsWith('# EOF\n'));
    const want = [
      ...sampleLines(om.join('\n')),
      `up_like{job="x"} 1 ${base}`,
      `up_like{job="x"} 0 ${base + 15}`,
    ].sort();
    assert.deepEqual(sampleLines(exported), want);
    // Round trip again: importing the export into a fresh directory and exporting gives the same.
    const data2 = join(dir.path, 'data2');
    assert.equal(run('import', '--data', data2, outFile).status, 0);
    r = run(
      'export',
      '--data',
      data2,
      '--match',
      'temp_celsius{room="kitchen"}',
      '--start',
      String(base),
      '--end',
      String(base + 20),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(sampleLines(r.stdout), [
      `temp_celsius{room="kitchen"} 21.5 ${base}`,
      `temp_celsius{room="kitchen"} 21.625 ${base + 15}.007`,
    ]);
  } finally {
    dir.remove();
  }
});

test('import errors name the file and line; a data dir in use is refused', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  try {
    const f = join(dir.path, 'nots.prom');
    writeFileSync(f, 'a 1 1000\nb 2\n');
    let r = run('import', '--data', join(dir.path, 'd'), f);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nots\.prom:2: sample of b has no timestamp/);
    writeFileSync(f, 'a 1 1000\nbad{ 2 3\n');
    r = run('import', '--data', join(dir.path, 'd'), f);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nots\.prom: line 2, column/);
    const port = await freePort();
    const serve = spawn(
      process.execPath,
      [bin, 'serve', '--data', join(dir.path, 'd'), '--listen', `127.0.0.1:${port}`],
      { stdio: 'ignore' },
    );
    try {
      await waitHttp(`http://127.0.0.1:${port}/-/ready`);
      writeFileSync(f, 'a 1 1000\n');
      r = run('import', '--data', join(dir.path, 'd'), f);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /is in use by another Promdesk process \(pid \d+\)/);
    } finally {
      serve.kill('SIGKILL');
    }
  } finally {
    dir.remove();
  }
});
