// file_sd: target-group files read from disk (JSON, YAML, globbed), __meta_filepath, a malformed
// file keeping its last good groups with its error shown, a removed file's groups gone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSd } from '../../../electron/engine/discovery/file-sd';
import { expandFilePattern } from '../../../electron/engine/discovery/file-glob';
import { parseTargetGroups } from '../../../electron/engine/discovery/target-groups';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { tempDir } from '../../helpers/tmp';

test('target groups: JSON and YAML, with the errors Prometheus gives', () => {
  assert.deepEqual(parseTargetGroups('[{"targets":["a:1","b:2"],"labels":{"env":"x"}}]', 'json'), [
    { targets: [{ __address__: 'a:1' }, { __address__: 'b:2' }], labels: { env: 'x' } },
  ]);
  assert.deepEqual(parseTargetGroups('- targets: [c:3]\n', 'yaml'), [
    { targets: [{ __address__: 'c:3' }], labels: {} },
  ]);
  assert.deepEqual(parseTargetGroups('', 'yaml'), []);
  assert.throws(() => parseTargetGroups('[null]', 'json'), /nil target group item found \(index 0\)/);
  assert.throws(() => parseTargetGroups('{"targets":[]}', 'json'), /expected a list of target groups/);
  assert.throws(
    () => parseTargetGroups('[{"targets":["a"],"labels":{"1x":"v"}}]', 'json'),
    /"1x" is not a valid label name/,
  );
  assert.throws(() => parseTargetGroups('[{"targets":[1]}]', 'json'), /a target must be a string/);
  assert.throws(() => parseTargetGroups('[{"targets":', 'json'), /not valid JSON/);
  assert.throws(() => parseTargetGroups('- targets: [a\n', 'yaml'), /not valid YAML/);
});

test('a file_sd pattern: a wildcard in the file name, sorted; a plain path only while it exists', () => {
  const { path: dir, remove } = tempDir();
  after(remove);
  for (const f of ['b.json', 'a.json', 'a.yml', 'x.txt']) writeFileSync(join(dir, f), '[]');
  assert.deepEqual(expandFilePattern(join(dir, '*.json')), [join(dir, 'a.json'), join(dir, 'b.json')]);
  assert.deepEqual(expandFilePattern(join(dir, '[ab].y?l')), [join(dir, 'a.yml')]);
  assert.deepEqual(expandFilePattern(join(dir, 'a.json')), [join(dir, 'a.json')]);
  assert.deepEqual(expandFilePattern(join(dir, 'gone.json')), []);
  assert.deepEqual(expandFilePattern(join(dir, 'nodir', '*.json')), []);
});

test('file_sd_configs in prometheus.yml: patterns relative to the config file, refresh default 5m', () => {
  const c = parsePrometheusConfig(
    `scrape_configs:
  - job_name: a
    file_sd_configs:
      - files: [sd/*.json, /abs/x.yml]
      - files: [b.yaml]
        refresh_interval: 10s
`,
    '/etc/prom/prometheus.yml',
  );
  assert.deepEqual(c.scrapeConfigs[0].fileSdConfigs, [
    { files: ['/etc/prom/sd/*.json', '/abs/x.yml'], refreshIntervalMs: 300_000 },
    { files: ['/etc/prom/b.yaml'], refreshIntervalMs: 10_000 },
  ]);
  assert.throws(
    () =>
      parsePrometheusConfig(
        'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: ["*/x.json"]\n',
        '/p.yml',
      ),
    /\/p\.yml:4: scrape_configs\[a\]\.file_sd_configs\[0\]\.files: path name "\*\/x\.json" is not valid/,
  );
  assert.throws(
    () =>
      parsePrometheusConfig(
        'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [x.txt]\n',
        '/p.yml',
      ),
    /not valid for file discovery/,
  );
});

test('FileSd: groups with __meta_filepath; a malformed file keeps its last good groups; a removed file drops them', () => {
  const { path: dir, remove } = tempDir();
  after(remove);
  const json = join(dir, 'web.json');
  const yml = join(dir, 'db.yml');
  writeFileSync(json, '[{"targets":["n:1"],"labels":{"team":"web"}}]');
  writeFileSync(yml, '- targets: ["d:2"]\n');
  const sd = new FileSd({ files: [join(dir, '*.json'), join(dir, '*.yml')], refreshIntervalMs: 60_000 });
  assert.deepEqual(sd.groups(), [
    { targets: [{ __address__: 'n:1' }], labels: { team: 'web', __meta_filepath: json } },
    { targets: [{ __address__: 'd:2' }], labels: { __meta_filepath: yml } },
  ]);
  assert.deepEqual(sd.errors(), []);

  writeFileSync(json, '[{"targets": ["n:1"');
  assert.equal(sd.refresh(), true);
  assert.equal(sd.groups().length, 2, 'the last good groups stay');
  assert.match(sd.errors()[0], new RegExp(`^file_sd ${json}: not valid JSON`));
  assert.equal(sd.refresh(), false, 'nothing new');

  writeFileSync(json, '[{"targets":["n:1","n:3"]}]');
  assert.equal(sd.refresh(), true);
  assert.deepEqual(sd.errors(), []);
  assert.deepEqual(sd.groups()[0].targets, [{ __address__: 'n:1' }, { __address__: 'n:3' }]);

  rmSync(yml);
  sd.refresh();
  assert.deepEqual(
    sd.groups().map((g) => g.labels.__meta_filepath),
    [json],
  );
});

test('FileSd: a file changed on disk is read again without waiting for refresh_interval (watched)', async () => {
  const { path: dir, remove } = tempDir();
  after(remove);
  const file = join(dir, 't.json');
  writeFileSync(file, '[{"targets":["a:1"]}]');
  const sd = new FileSd({ files: [join(dir, '*.json')], refreshIntervalMs: 3_600_000 });
  // The watch and timers are unref'd (they never hold the engine up): this timer holds the test.
  let hold: NodeJS.Timeout | undefined;
  const changed = new Promise<void>((resolve, reject) => {
    hold = setTimeout(() => reject(new Error('the change was not seen in 20 s')), 20_000);
    sd.start(resolve);
  });
  try {
    // Written aside and renamed over, as editors and config tools do.
    writeFileSync(join(dir, 't.tmp'), '[{"targets":["a:1","b:2"]}]');
    renameSync(join(dir, 't.tmp'), file);
    await changed;
    assert.deepEqual(sd.groups()[0].targets, [{ __address__: 'a:1' }, { __address__: 'b:2' }]);
  } finally {
    clearTimeout(hold);
    sd.stop();
  }
});
