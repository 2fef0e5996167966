// The engine forwards everything committed to its store over remote_write, as Prometheus
// forwards everything appended to its TSDB: pushed samples and remote-write-received ones too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { encodeWriteRequest } from '../../helpers/proto-write';
import { snappyEncode } from '../../helpers/snappy-encode';
import { tempDir } from '../../helpers/tmp';
import { received, startReceiver, until } from './test-receiver';

test('pushed and remote-write-received samples are forwarded to remote_write', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const configFile = join(dir.path, 'promdesk.yml');
  writeFileSync(
    configFile,
    `remote_write:
  - url: ${rec.url}
    queue_config: { batch_send_deadline: 20ms, min_backoff: 20ms, max_backoff: 100ms }
`,
  );
  const engine = new Engine({ dataDir: join(dir.path, 'data'), configFile, mode: 'serve', log: () => {} });
  try {
    const pushed = engine.push({
      method: 'PUT',
      path: '/metrics/job/backup/instance/nas',
      contentType: null,
      body: new TextEncoder().encode('backup_last_success_seconds 1700000000\n'),
    });
    assert.equal(pushed.status, 200, pushed.message);
    const t = Date.now();
    const body = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'rw_in_metric'],
          ['job', 'upstream'],
        ],
        samples: [{ t, v: 42 }],
      },
    ]);
    const reply = await engine.remoteWrite(snappyEncode(body), 'snappy');
    assert.equal(reply.status, 204, reply.message);
    await until('both forwarded', () => {
      const names = new Set(received(rec).map(([n]) => n));
      return names.has('backup_last_success_seconds') && names.has('rw_in_metric');
    });
    assert.ok(received(rec).some(([n, ts, v]) => n === 'rw_in_metric' && ts === t && v === 42));
    const pushedLabels = rec.requests
      .flatMap((r) => r.labels)
      .find((l) => l.includes('backup_last_success_seconds'));
    assert.ok(pushedLabels?.includes('instance') && pushedLabels.includes('nas'), String(pushedLabels));
  } finally {
    await engine.close();
    await rec.close();
    dir.remove();
  }
});
