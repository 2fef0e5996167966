// Small helpers shared by the exposition tests.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpositionError, parseExposition } from '../../../shared/exposition';
import type { ParseExpositionOptions, ParsedExposition, ParsedSample } from '../../../shared/exposition';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The material folder beside the checkout, or null when absent. */
export const sharedDir: string | null = (() => {
  const dir = path.resolve(projectRoot, '..', 'shared');
  return existsSync(dir) ? dir : null;
})();

/**
 * The options the helpers parse with: the text format as Prometheus 2.42 reads it (no quoted
 * UTF-8 names), unless a test passes others.
 */
const PROMETHEUS_242: ParseExpositionOptions = { utf8Names: false };

export function parse(body: string, options: ParseExpositionOptions = PROMETHEUS_242): ParsedExposition {
  return parseExposition(body, options);
}

/** The single sample of `body`. */
export function one(body: string, options: ParseExpositionOptions = PROMETHEUS_242): ParsedSample {
  const { samples } = parseExposition(body, options);
  assert.equal(samples.length, 1, `expected one sample from ${JSON.stringify(body)}`);
  return samples[0];
}

/** Asserts that `body` is rejected and returns the error. */
export function rejects(
  body: string,
  reason?: RegExp,
  line?: number,
  column?: number,
  options: ParseExpositionOptions = PROMETHEUS_242,
): ExpositionError {
  let caught: unknown;
  try {
    parseExposition(body, options);
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

export function accepts(body: string, options: ParseExpositionOptions = PROMETHEUS_242): ParsedExposition {
  try {
    return parseExposition(body, options);
  } catch (e) {
    assert.fail(`expected ${JSON.stringify(body)} to parse, got ${String(e)}`);
  }
}
