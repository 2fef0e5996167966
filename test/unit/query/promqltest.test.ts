// Runs the upstream promqltest files in ../shared/conformance/promql (skipped when absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_FAILURES } from './known-failures';
import { SKIPPED_FILES, runTestFile } from './promqltest';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = path.resolve(projectRoot, '..', 'shared', 'conformance', 'promql');

test(
  'promqltest conformance',
  { skip: existsSync(dir) ? false : `no conformance suite at ${dir}` },
  async (t) => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.test'))
      .sort();
    for (const file of files) {
      await t.test(file, (st) => {
        if (SKIPPED_FILES[file]) {
          st.diagnostic(`${file}: skipped (${SKIPPED_FILES[file]})`);
          st.skip(SKIPPED_FILES[file]);
          return;
        }
        const outcomes = runTestFile(file, readFileSync(path.join(dir, file), 'utf8'));
        const failed = outcomes.filter((o) => o.status === 'fail');
        const unexpected = failed.filter((o) => !(o.id in KNOWN_FAILURES));
        const fixed = outcomes.filter((o) => o.status === 'pass' && o.id in KNOWN_FAILURES);
        const passed = outcomes.length - failed.length - outcomes.filter((o) => o.status === 'skip').length;
        const skipped = outcomes.filter((o) => o.status === 'skip').length;
        st.diagnostic(
          `${file}: passed ${passed}, failed ${failed.length} (known ${failed.length - unexpected.length}), skipped ${skipped}`,
        );
        if (process.env.PROMQLTEST_VERBOSE) {
          for (const o of outcomes)
            if (o.status !== 'pass') st.diagnostic(`${o.status} ${o.id}: ${o.reason ?? ''}`);
        }
        assert.deepEqual(
          unexpected.map((o) => `${o.id}: ${o.reason ?? ''}`),
          [],
          'unexpected conformance failures',
        );
        assert.deepEqual(
          fixed.map((o) => o.id),
          [],
          'cases listed in known-failures.ts now pass: remove them',
        );
      });
    }
  },
);
