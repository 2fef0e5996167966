// A megabyte regex in a query over real HTTP is a 400 bad_data naming the problem, quoting at
// most 100 characters of the pattern; before, the store's RegExp threw and the API answered
// 500 internal with the whole megabyte in the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServe } from '../helpers/in-process-serve';

test('a 1 MB regex is a short 400 bad_data, an RE2-refused one too', async () => {
  await withServe({}, async (base) => {
    const post = async (query: string) => {
      const r = await fetch(`${base}/api/v1/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query, time: '100' }).toString(),
      });
      return { status: r.status, body: (await r.json()) as { errorType?: string; error?: string } };
    };
    for (const re of ['a'.repeat(1 << 20), `(${'a|b'.repeat(300_000)}`]) {
      const r = await post(`up{job=~"${re}"}`);
      assert.equal(r.status, 400, JSON.stringify(r.body).slice(0, 300));
      assert.equal(r.body.errorType, 'bad_data');
      assert.match(
        r.body.error ?? '',
        /^invalid parameter "query": 1:9: parse error: error parsing regexp: expression too large/,
      );
      assert.ok((r.body.error ?? '').length < 400, `${r.body.error?.length} characters`);
    }
    const r = await post('up{job=~"(?=x)"}');
    assert.equal(r.status, 400);
    assert.equal(
      r.body.error,
      'invalid parameter "query": 1:9: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    );
    const ok = await post('up{job=~"a\\\\-b"}');
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });
});
