// The OpenMetrics parser test suite (../shared/conformance/openmetrics): every case parses
// exactly when its test.json says `shouldParse`. Non-strict mode (Prometheus 2.42's scrape
// parser) must accept every good case too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ExpositionError, parseExposition } from '../../../shared/exposition';
import { decodeExpositionBody } from '../../../shared/exposition';
import { projectRoot } from './helpers';

const suiteDir = path.resolve(projectRoot, '..', 'shared', 'conformance', 'openmetrics');

interface Case {
  name: string;
  body: string;
  shouldParse: boolean;
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const name of readdirSync(suiteDir).sort()) {
    const spec = path.join(suiteDir, name, 'test.json');
    if (!existsSync(spec)) continue;
    const json = JSON.parse(readFileSync(spec, 'utf8')) as { file: string; shouldParse: boolean };
    const body = decodeExpositionBody(readFileSync(path.join(suiteDir, name, json.file)));
    cases.push({ name, body, shouldParse: json.shouldParse });
  }
  return cases;
}

function verdict(body: string, strict: boolean): string | null {
  try {
    parseExposition(body, { format: 'openmetrics', strict });
    return null;
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e;
    return e.message;
  }
}

describe('OpenMetrics conformance suite', () => {
  if (!existsSync(suiteDir)) {
    it('is absent', (t) => t.skip(`${suiteDir} is absent: the OpenMetrics suite is not run`));
    return;
  }
  const cases = loadCases();
  it('has all 211 cases', () => assert.equal(cases.length, 211));
  it('judges every case as the suite does (strict)', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const error = verdict(c.body, true);
      if ((error === null) !== c.shouldParse) {
        wrong.push(`${c.name}: expected ${c.shouldParse ? 'accept' : 'reject'}, got ${error ?? 'accept'}`);
      }
    }
    assert.deepEqual(wrong, [], `${cases.length - wrong.length}/${cases.length} right`);
  });
  it('accepts every good case without strict checks too', () => {
    const wrong = cases.filter((c) => c.shouldParse && verdict(c.body, false) !== null).map((c) => c.name);
    assert.deepEqual(wrong, []);
  });
});
