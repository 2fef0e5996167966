// What Prometheus 2.42's scrape loop rejects or rewrites after a successful parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition, scrapeSampleError, seriesLabels } from '../../../shared/exposition';

function check(body: string): string | null {
  const [s] = parseExposition(body).samples;
  return scrapeSampleError(s.name, s.labels);
}

describe('scrapeSampleError', () => {
  it('passes ordinary samples', () => {
    assert.equal(check('a 1'), null);
    assert.equal(check('a{b="1",c="2",d="3"} 1'), null);
  });
  it('fails a label name written twice', () => {
    assert.equal(check('a{b="1",b="2"} 1'), 'label name "b" is not unique: invalid sample');
    assert.equal(check('a{b="1",c="x",b="1"} 1'), 'label name "b" is not unique: invalid sample');
  });
  it('fails a __name__ label beside the metric name', () => {
    assert.equal(check('a{__name__="b"} 1'), 'label name "__name__" is not unique: invalid sample');
    assert.match(check('a{__name__="1b"} 1') ?? '', /^invalid metric name or label names: \{__name__=/);
  });
  it('drops every label whose name has an empty value, then checks', () => {
    assert.equal(check('a{b=""} 1'), null);
    assert.equal(check('a{b="",b="x"} 1'), null);
    assert.equal(check('a{__name__=""} 1'), 'missing metric name (__name__ label)');
  });
});

describe('seriesLabels', () => {
  it('sorts by name, adds __name__ and drops empty-valued names', () => {
    assert.deepEqual(seriesLabels('m', ['z', '1', 'a', '2', 'e', '']), ['__name__', 'm', 'a', '2', 'z', '1']);
    assert.deepEqual(seriesLabels('m', ['b', '', 'b', 'x']), ['__name__', 'm']);
    assert.deepEqual(seriesLabels('m', []), ['__name__', 'm']);
  });
});

it('blanks before a metric name make the scrape fail, as in Prometheus 2.42', () => {
  const { samples } = parseExposition('  lead 1\n\tlead2{a="b"} 2\n');
  assert.equal(samples[0].name, '  lead');
  assert.match(scrapeSampleError(samples[0].name, samples[0].labels) ?? '', /invalid metric name/);
  assert.match(scrapeSampleError(samples[1].name, samples[1].labels) ?? '', /invalid metric name/);
});
