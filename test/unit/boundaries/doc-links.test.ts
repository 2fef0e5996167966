// The README and docs/ speak of this repository only: every relative link names a file that is
// in it, and no link or path leaves it (`../shared` beside a checkout is not part of it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

test('relative links in the README and docs/ name files in the repository', () => {
  const broken: string[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;
      const path = resolve(root, dirname(doc), target);
      if (relative(root, path).startsWith('..') || !existsSync(path)) broken.push(`${doc}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('the README points nowhere outside the repository', () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const outside = text
    .split('\n')
    .flatMap((line, i) => (/(^|[\s`(])\.\.\//.test(line) ? [`${i + 1}: ${line}`] : []));
  assert.deepEqual(outside, []);
});
