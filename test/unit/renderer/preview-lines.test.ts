import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexLines, lineText } from '../../../renderer/src/lib/preview-lines';
import { scrollTopForRow, visibleRange } from '../../../renderer/src/lib/preview-virtual';

test('line index: starts, texts, the longest line, trailing newline', () => {
  const body = 'a 1\n# HELP b long help\r\nb 2\n';
  const { starts, maxLength } = indexLines(body);
  assert.deepEqual([...starts], [0, 4, 24]);
  assert.equal(lineText(body, starts, 1), 'a 1');
  assert.equal(lineText(body, starts, 2), '# HELP b long help', 'a trailing \\r is not shown');
  assert.equal(lineText(body, starts, 3), 'b 2');
  assert.equal(lineText(body, starts, 4), '');
  assert.equal(lineText(body, starts, 0), '');
  assert.equal(maxLength, 18 + 1);
  assert.deepEqual([...indexLines('x').starts], [0]);
  assert.deepEqual([...indexLines('x\n\ny').starts], [0, 2, 3]);
  assert.equal(indexLines('').starts.length, 0);
});

test('line index of a 2 MB body is quick', () => {
  const body = 'metric_name{label="value"} 12345\n'.repeat(64_000);
  const t = performance.now();
  const { starts } = indexLines(body);
  assert.equal(starts.length, 64_000);
  assert.ok(performance.now() - t < 200);
  assert.equal(lineText(body, starts, 64_000), 'metric_name{label="value"} 12345');
});

test('visible range: the rows on screen plus overscan', () => {
  assert.deepEqual(visibleRange(0, 100, 20, 1000, 2), { start: 0, end: 7, offset: 0, total: 20_000 });
  assert.deepEqual(visibleRange(1000, 100, 20, 1000, 2), { start: 48, end: 57, offset: 960, total: 20_000 });
  // Past the end (the list shrank under the scroll position): clamped to the last page.
  assert.deepEqual(visibleRange(50_000, 100, 20, 1000, 0), {
    start: 995,
    end: 1000,
    offset: 19_900,
    total: 20_000,
  });
  assert.deepEqual(visibleRange(0, 100, 20, 0), { start: 0, end: 0, offset: 0, total: 0 });
  assert.deepEqual(visibleRange(0, 100, 20, 3, 2), { start: 0, end: 3, offset: 0, total: 60 });
  // A box not measured yet still renders one row.
  assert.equal(visibleRange(0, 0, 20, 10, 0).end, 1);
});

test('scroll to a row: unchanged when visible, else a third down, clamped', () => {
  assert.equal(scrollTopForRow(2, 20, 300, 100, 0), 0);
  assert.equal(scrollTopForRow(50, 20, 300, 100, 0), 1000 - 100);
  assert.equal(scrollTopForRow(99, 20, 300, 100, 0), 2000 - 300);
  assert.equal(scrollTopForRow(0, 20, 300, 100, 500), 0);
});
