// The OpenMetrics parser, rule by rule: syntax (shared with Prometheus 2.42's OpenMetrics
// parser) and the spec's cross-line rules (strict mode only).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition, parseOpenMetrics } from '../../../shared/exposition';
import type { ParseExpositionOptions } from '../../../shared/exposition';
import { accepts, rejects } from './helpers';

const OM: ParseExpositionOptions = { format: 'openmetrics' };
const LAX: ParseExpositionOptions = { format: 'openmetrics', strict: false, utf8Names: false };
const om = (body: string) => accepts(body + '# EOF\n', OM);
const bad = (body: string, reason?: RegExp, line?: number) =>
  rejects(body + '# EOF\n', reason, line, undefined, OM);
const laxOk = (body: string) => accepts(body + '# EOF\n', LAX);

describe('OpenMetrics syntax', () => {
  it('reads samples, metadata, units, timestamps in float seconds and exemplars', () => {
    const r = om(
      '# TYPE a_seconds counter\n# UNIT a_seconds seconds\n# HELP a_seconds Some \\"help\\"\\n.\n' +
        'a_seconds_total{x="1"} 2.5 1700000000.123 # {trace_id="abc"} 0.5 1700000000.5\n' +
        'a_seconds_created{x="1"} 1700000000 1700000000.123\n',
    );
    assert.deepEqual(r.families, [
      {
        name: 'a_seconds',
        type: 'counter',
        help: 'Some "help"\n.',
        typeLine: 1,
        helpLine: 3,
        unit: 'seconds',
        unitLine: 2,
      },
    ]);
    assert.deepEqual(r.samples[0], {
      name: 'a_seconds_total',
      labels: ['x', '1'],
      value: 2.5,
      timestampMs: 1700000000123,
      line: 4,
      exemplar: { labels: ['trace_id', 'abc'], value: 0.5, timestampMs: 1700000000500 },
    });
    assert.equal(r.samples[1].name, 'a_seconds_created');
  });
  it('calls exemplar right after its sample', () => {
    const seen: string[] = [];
    parseOpenMetrics('# TYPE a counter\na_total 1 # {} 2\n# EOF\n', {
      sample: (name) => seen.push(name),
      exemplar: (_l, v) => seen.push(`ex ${v}`),
    });
    assert.deepEqual(seen, ['a_total', 'ex 2']);
  });
  it('converts decimal timestamps to exact milliseconds, truncating', () => {
    const ts = (t: string) => om(`a 1 ${t}\n`).samples[0].timestampMs;
    assert.equal(ts('1700000015.007'), 1700000015007);
    assert.equal(ts('1.5e3'), 1500000);
    assert.equal(ts('0.0009'), 0);
    assert.equal(ts('-1.5'), -1500);
  });
  it('reads NaN and infinities as values', () => {
    const r = om('a NaN\nb +Inf\nc -Inf\n');
    assert.ok(Number.isNaN(r.samples[0].value));
    assert.equal(r.samples[1].value, Infinity);
    assert.equal(r.samples[2].value, -Infinity);
  });
  it('needs # EOF last, with at most one newline after it', () => {
    rejects('a 1\n', /does not end with "# EOF"/, undefined, undefined, OM);
    accepts('a 1\n# EOF', OM);
    rejects('a 1\n# EOF\n\n', /after "# EOF"/, undefined, undefined, OM);
    rejects('# EOF\na 1\n', /after "# EOF"/, undefined, undefined, OM);
  });
  it('rejects blank lines, free comments, tabs and double spaces', () => {
    bad('a 1\n\n', /blank lines/);
    bad('# hello\n', /no other comments/);
    bad('a\t1\n');
    bad('a  1\n', /value/);
    bad('a{b="c", d="e"} 1\n', /label name/);
  });
  it('rejects a trailing comma and a label without a quoted value', () => {
    bad('a{b="c",} 1\n', /trailing comma/);
    bad('a{b=c} 1\n', /quoted string/);
    bad('a{b="c\n"} 1\n', /unterminated/);
  });
  it('resolves \\\\, \\" and \\n in label values and HELP, keeps other escapes', () => {
    const r = om('# HELP a x\\ty\\\\z\na{b="q\\"\\n\\z"} 1\n');
    assert.equal(r.families[0].help, 'x\\ty\\z');
    assert.deepEqual(r.samples[0].labels, ['b', 'q"\n\\z']);
  });
  it('rejects NaN and infinite timestamps', () => {
    bad('a 1 NaN\n', /timestamp/);
    bad('a 1 +Inf\n', /timestamp/);
  });
  it('checks the unit is a suffix of the name', () => {
    bad('# UNIT a seconds\n', /not a suffix/);
    om('# UNIT a_seconds seconds\n');
    om('# UNIT a \n');
  });
  it('rejects untyped and unknown type names', () => {
    bad('# TYPE a untyped\n', /invalid metric type/);
    om('# TYPE a unknown\na 1\n');
  });
  it('allows exemplars on _total and _bucket names only, in Prometheus mode', () => {
    laxOk('# TYPE a_bucket gauge\na_bucket 1 # {a="b"} 0.5\n');
    rejects('a 1 # {a="b"} 0.5\n# EOF\n', /does not support exemplars/, 1, undefined, LAX);
  });
});

describe('OpenMetrics strict rules', () => {
  it('keeps metric families contiguous and unique', () => {
    bad('# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n', /clashes/);
    bad('# TYPE a counter\n# TYPE a counter\n', /second TYPE/);
    bad('# HELP a x\na 1\n# TYPE a gauge\n', /after its samples/);
    laxOk('# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n');
  });
  it('checks sample names against the type', () => {
    bad('# TYPE a counter\na 1\n', /clashes/);
    om('# TYPE a counter\na_total 1\na_created 1\n');
    om('# TYPE a info\na_info{v="1"} 1\n');
    bad('# TYPE a info\na_info 2\n', /info values must be 1/);
  });
  it('checks histograms', () => {
    om('# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 3\n');
    bad('# TYPE h histogram\nh_bucket{le="1"} 1\n', /\+Inf/);
    bad('# TYPE h histogram\nh_bucket{le="2"} 1\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\n', /increasing/);
    bad('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\n', /decrease/);
    bad('# TYPE h histogram\nh_bucket{le="+inf"} 1\n', /le/);
    bad('# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_count 2\nh_sum 1\n', /count does not match/);
  });
  it('checks summaries and statesets', () => {
    om('# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\ns_count 1\n');
    bad('# TYPE s summary\ns{quantile="2"} 1\n', /quantile/);
    om('# TYPE s stateset\ns{s="a"} 1\ns{s="b"} 0\n');
    bad('# TYPE s stateset\ns{s="a"} 0.5\n', /0 or 1/);
  });
  it('checks label groups and their timestamps', () => {
    bad('# TYPE a gauge\na{x="1"} 1\na{x="2"} 1\na{x="1"} 1\n', /together/);
    bad('a 1 2\na 1 1\n', /backwards/);
    bad('a 1 2\na 1\n', /timestamp or none/);
    // Label order does not make another group.
    om('a{x="1",y="2"} 1 1\na{y="2",x="1"} 1 2\n');
    bad('a{x="1",y="2"} 1 2\na{y="2",x="1"} 1 1\n', /backwards/);
  });
  it('tells a repeated label group from one whose key only hashes alike', () => {
    // The groups seen are kept as hashes of their keys; these two values' keys hash alike.
    om('a{a="v539599"} 1\na{a="v722382"} 1\n');
    bad('a{a="v539599"} 1\na{a="v722382"} 1\na{a="v539599"} 1\n', /together/, 3);
    bad('a{a="v539599"} 1\na{a="v722382"} 1\na{a="v722382",b="1"} 1\na{a="v722382"} 1\n', /together/, 4);
    // The earlier line is read again as it was parsed: label order, quoted names, skipped "le".
    bad('a{y="2",x="1"} 1\na{x="2"} 1\na{x="1",y="2"} 1\n', /together/, 3);
    bad('{"a.b",x="1"} 1\n{"a.b",x="2"} 1\n{x="1","a.b"} 1\n', /together/, 3);
    bad(
      '# TYPE h histogram\nh_bucket{x="1",le="+Inf"} 1\nh_bucket{x="2",le="+Inf"} 1\nh_bucket{le="1",x="1"} 1\n',
      /together/,
      4,
    );
  });
  it('rejects duplicate labels, counter NaN and negatives, oversized exemplars', () => {
    bad('a{x="1",x="2"} 1\n', /duplicate/);
    bad('# TYPE a counter\na_total NaN\n', /NaN/);
    bad('# TYPE a counter\na_total -1\n', /negative/);
    bad(`# TYPE a counter\na_total 1 # {a="${'x'.repeat(128)}"} 1\n`, /code points/);
    bad('# TYPE a gauge\na 1 # {a="b"} 1\n', /exemplars/);
  });
});

describe('UTF-8 quoted names (Prometheus 3)', () => {
  for (const format of ['prometheus-text', 'openmetrics'] as const) {
    const eof = format === 'openmetrics' ? '# EOF\n' : '';
    it(`${format}: reads quoted metric and label names`, () => {
      const r = parseExposition(`# HELP "my.metric" Help.\n{"my.metric",a="1","b.c"="2"} 1\n` + eof, {
        format,
      });
      assert.deepEqual(r.families[0].name, 'my.metric');
      assert.deepEqual(r.samples[0].name, 'my.metric');
      assert.deepEqual(r.samples[0].labels, ['a', '1', 'b.c', '2']);
      const s = parseExposition(`a{"a\\"b"="1"} 1\n` + eof, { format }).samples[0];
      assert.deepEqual(s.labels, ['a"b', '1']);
    });
    it(`${format}: rejects them with utf8Names false, and a missing or second name`, () => {
      rejects(`{"my.metric"} 1\n` + eof, undefined, 1, undefined, { format, utf8Names: false });
      rejects(`# TYPE "a.b" gauge\n` + eof, /metric name/, 1, undefined, { format, utf8Names: false });
      rejects(`{a="1"} 1\n` + eof, /metric name not set/, 1, undefined, { format });
      rejects(`{"a","b"} 1\n` + eof, /already set/, 1, undefined, { format });
      rejects(`a{"b"} 1\n` + eof, /quoted name/, 1, undefined, { format });
      rejects(`{""} 1\n` + eof, /empty/, 1, undefined, { format });
    });
  }
});
