// Bad target input gets messages a person reads, naming the field: "the interval must be at most
// 24h", not "0.intervalMs: Too big"; an empty job is refused, not replaced by the host name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultTargetInput, type TargetInput } from '../../../shared/api';
import { apiParamSchemas, describeInvalidArgs } from '../../../shared/api-schemas';
import { parseDuration } from '../../../shared/duration';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/tmp';

const base: TargetInput = { ...defaultTargetInput, url: 'http://127.0.0.1:9100/metrics', job: 'node' };

function refusal(input: unknown): string {
  const r = apiParamSchemas.addTarget.safeParse([input]);
  assert.equal(r.success, false, JSON.stringify(input));
  return describeInvalidArgs('addTarget', r.error!);
}

test('interval and timeout out of range: the field and its bound, in words', () => {
  const huge = parseDuration('999999h')!;
  assert.equal(
    refusal({ ...base, intervalMs: huge }),
    'addTarget: intervalMs: the interval must be at most 24h',
  );
  assert.equal(
    refusal({ ...base, timeoutMs: huge }),
    'addTarget: timeoutMs: the timeout must be at most 24h',
  );
  assert.equal(
    refusal({ ...base, intervalMs: 10 }),
    'addTarget: intervalMs: the interval must be at least 100ms',
  );
  assert.equal(
    refusal({ ...base, timeoutMs: 10 }),
    'addTarget: timeoutMs: the timeout must be at least 50ms',
  );
  assert.equal(
    refusal({ ...base, intervalMs: 1500.5 }),
    'addTarget: intervalMs: the interval must be a whole number of milliseconds',
  );
  assert.equal(
    refusal({ ...base, intervalMs: '15s' }),
    'addTarget: intervalMs: the interval must be a number of milliseconds',
  );
  for (const bad of [Infinity, NaN]) {
    assert.match(refusal({ ...base, intervalMs: bad }), /^addTarget: intervalMs: the interval must be/);
  }
  assert.ok(apiParamSchemas.addTarget.safeParse([{ ...base, intervalMs: 86_400_000 }]).success);
});

test('an empty or blank job is refused by name', () => {
  assert.equal(refusal({ ...base, job: '' }), 'addTarget: job: job must not be empty');
  assert.equal(refusal({ ...base, job: '   ' }), 'addTarget: job: job must not be empty');
});

test('a scalar argument is named by its position', () => {
  const r = apiParamSchemas.setTargetPaused.safeParse(['t1', 'yes']);
  assert.match(describeInvalidArgs('setTargetPaused', r.error!), /^setTargetPaused: argument 2: /);
});

test('the session refuses with the same messages, and nothing is added', async () => {
  const dir = tempDir();
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    mode: 'serve',
    autoStart: false,
    log: () => {},
  });
  const session = engine.createSession(() => {});
  try {
    const huge = parseDuration('999999h')!;
    await assert.rejects(session.call('addTarget', [{ ...base, intervalMs: huge }]), {
      message: 'addTarget: intervalMs: the interval must be at most 24h',
    });
    await assert.rejects(session.call('addTarget', [{ ...base, job: '' }]), {
      message: 'addTarget: job: job must not be empty',
    });
    const added = (await session.call('addTarget', [base])) as { id: string };
    await assert.rejects(session.call('updateTarget', [added.id, { ...base, timeoutMs: huge }]), {
      message: 'updateTarget: timeoutMs: the timeout must be at most 24h',
    });
    assert.equal(engine.listTargets().length, 1);
    assert.equal(engine.listTargets()[0].input.timeoutMs, base.timeoutMs);
  } finally {
    engine.closeSession(session);
    await engine.close();
    dir.remove();
  }
});
