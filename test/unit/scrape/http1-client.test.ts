// The scrape client's own HTTP/1.1 reader, against raw TCP servers that answer with exact bytes:
// every framing (Content-Length, chunked, close-delimited), split at every byte boundary,
// connection reuse and close, and the malformed answers a broken target can give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { Http1Response } from '../../../electron/engine/scrape/http1-response';
import { DnsCache } from '../../../electron/engine/scrape/dns-cache';
import { HttpClient, type FetchSpec } from '../../../electron/engine/scrape/http-fetch';
import { fetchSpec } from '../../helpers/fetch-spec';

const spec = fetchSpec;

const body = 'a_total{x="1"} 1\nb 2\n';
const responses: [string, string][] = [
  [
    'content-length',
    `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nContent-Type: text/plain\r\n\r\n${body}`,
  ],
  [
    'chunked with extensions and trailers',
    `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
  ],
  ['close-delimited (HTTP/1.0)', `HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`],
];

test('the response reader gives the same body however the bytes are split', () => {
  for (const [what, raw] of responses) {
    const bytes = Buffer.from(raw, 'latin1');
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = new Http1Response(0);
      r.feed(bytes.subarray(0, cut));
      r.feed(bytes.subarray(cut));
      if (!r.done) r.end();
      assert.equal(r.status, 200, what);
      assert.equal(r.body().toString(), body, `${what}, split at ${cut}`);
    }
  }
});

test('the response reader rejects broken framing with a clear message', () => {
  const bad: [string, RegExp][] = [
    ['HTTP/2 200 OK\r\n\r\n', /malformed HTTP status line/],
    ['<html>hello</html>\r\n\r\n', /malformed HTTP status line/],
    ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /malformed header line/],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /invalid chunk size/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n', /missing CRLF after a chunk/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', /unsupported Transfer-Encoding/],
    [`HTTP/1.1 200 OK\r\nX: ${'y'.repeat(70_000)}`, /header larger than 64 KiB/],
  ];
  for (const [raw, re] of bad) assert.throws(() => new Http1Response(0).feed(Buffer.from(raw)), re);
  const cut = new Http1Response(0);
  cut.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
  assert.throws(() => cut.end(), /closed before the response body was complete/);
  assert.throws(
    () => new Http1Response(5).feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n')),
    /larger than 5/,
  );
});

/** A TCP server answering each request on a connection with the next of `answers`. */
async function rawServer(answers: (Buffer | string)[], closeAfter = false) {
  let connections = 0;
  let requests = 0;
  const server = net.createServer((sock) => {
    connections++;
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      while (buf.includes('\r\n\r\n')) {
        buf = buf.slice(buf.indexOf('\r\n\r\n') + 4);
        const a = answers[Math.min(requests++, answers.length - 1)];
        // Dribble the answer out in small writes to exercise reassembly.
        const bytes = Buffer.isBuffer(a) ? a : Buffer.from(a, 'latin1');
        for (let i = 0; i < bytes.length; i += 7) sock.write(bytes.subarray(i, i + 7));
        if (closeAfter) sock.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    stats: () => ({ connections, requests }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('the client reads every framing over real sockets and reuses kept-alive connections', async () => {
  const client = new HttpClient(new DnsCache());
  const gz = gzipSync(body);
  const srv = await rawServer([
    responses[0][1],
    responses[1][1],
    Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`),
      gz,
    ]),
  ]);
  try {
    for (let i = 0; i < 3; i++) {
      const r = await client.fetch(spec(srv.url));
      assert.equal(Buffer.from(r.body).toString(), body);
    }
    assert.deepEqual(srv.stats(), { connections: 1, requests: 3 });
  } finally {
    client.close();
    await srv.close();
  }
  const closing = await rawServer([responses[2][1]], true);
  try {
    for (let i = 0; i < 2; i++)
      assert.equal(Buffer.from((await client.fetch(spec(closing.url))).body).toString(), body);
    assert.equal(closing.stats().connections, 2, 'a close-delimited body needs a new connection each time');
  } finally {
    client.close();
    await closing.close();
  }
});

test('the client turns broken answers into clear errors and keeps working', async () => {
  const client = new HttpClient(new DnsCache());
  const bomb = gzipSync(Buffer.alloc(5_000_000));
  const cases: [Buffer | string, RegExp, Partial<FetchSpec>?][] = [
    ['garbage\r\n\r\n', /invalid HTTP response: malformed HTTP status line/],
    ['HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n', /HTTP status 503 Service Unavailable/],
    [
      'HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx',
      /unsupported Content-Encoding "br"/,
    ],
    [
      Buffer.concat([
        Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`),
        bomb,
      ]),
      /body size limit exceeded: the response is larger than 1000000 bytes/,
      { bodySizeLimitBytes: 1_000_000 },
    ],
    [
      'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope',
      /reading the response failed/,
    ],
    [
      'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort',
      /invalid HTTP response: the connection closed before the response body/,
    ],
  ];
  try {
    for (const [answer, re, over] of cases) {
      const srv = await rawServer([answer], true);
      try {
        await assert.rejects(client.fetch(spec(srv.url, over)), re);
      } finally {
        await srv.close();
      }
    }
    const ok = await rawServer([responses[0][1]]);
    try {
      assert.equal(Buffer.from((await client.fetch(spec(ok.url))).body).toString(), body);
    } finally {
      client.close(); // drops the kept-alive connection, which the server would wait for
      await ok.close();
    }
  } finally {
    client.close();
  }
});
