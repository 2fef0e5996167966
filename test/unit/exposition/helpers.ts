// Small helpers shared by the exposition tests.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpositionError, parseExposition } from '../../../shared/exposition';
import type { ParsedExposition, ParsedSample } from '../../../shared/exposition';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The material folder beside the checkout, or null when absent. */
export const sharedDir: string | null = (() => {
  const dir = path.resolve(projectRoot, '..', 'shared');
  return existsSync(dir) ? dir : null;
})();

export function parse(body: string): ParsedExposition {
  return parseExposition(body);
}

/** The single sample of `body`. */
export function one(body: string): ParsedSample {
  const { samples } = parseExposition(body);
  assert.equal(samples.length, 1, `expected one sample from ${JSON.stringify(body)}`);
  return samples[0];
}

/** Asserts that `body` is rejected and returns the error. */
export function rejects(body: string, reason?: RegExp, line?: number, column?: number): ExpositionError {
  let caught: unknown;
  try {
    parseExposition(body);
  } catch (e) {
    caught = e;
  }
  assert.ok(
    caught instanceof ExpositionError,
    `expected ExpositionError for ${JSON.stringify(body)}, got ${String(caught)}`,
  );
  if (reason) assert.match(caught.reason, reason, JSON.stringify(body));
  if (line !== undefined) assert.equal(caught.line, line, `line for ${JSON.stringify(body)}`);
  if (column !== undefined) assert.equal(caught.column, column, `column for ${JSON.stringify(body)}`);
  return caught;
}

export function accepts(body: string): ParsedExposition {
  try {
    return parseExposition(body);
  } catch (e) {
    assert.fail(`expected ${JSON.stringify(body)} to parse, got ${String(e)}`);
  }
}
