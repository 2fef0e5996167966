// Invalid UTF-8 in a scraped body: Prometheus rejects it in label values and HELP text only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeExpositionBody, parseExposition } from '../../../shared/exposition';
import { rejects } from './helpers';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('decodeExpositionBody', () => {
  it('decodes valid UTF-8 unchanged, BOM included', () => {
    assert.equal(decodeExpositionBody(bytes('a{b="日本😀"} 1\n')), 'a{b="日本😀"} 1\n');
    assert.equal(decodeExpositionBody(bytes([0xef, 0xbb, 0xbf], 'a 1')), '\ufeffa 1');
  });
  it('maps each invalid byte to a lone surrogate and keeps valid sequences around it', () => {
    assert.equal(decodeExpositionBody(bytes('x', [0xff], 'é', [0xc3], 'y')), 'x\udcffé\udcc3y');
    assert.equal(decodeExpositionBody(bytes([0xed, 0xa0, 0x80])), '\udced\udca0\udc80'); // encoded surrogate
    assert.equal(decodeExpositionBody(bytes([0xc0, 0xaf])), '\udcc0\udcaf'); // overlong
    assert.equal(decodeExpositionBody(bytes([0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f])), '😀\udcf0\udc9f');
  });
  it('lets the parser reject invalid label values and help text but not comments', () => {
    rejects(decodeExpositionBody(bytes('a{b="', [0xff], '"} 1\n')), /invalid UTF-8 label value/);
    rejects(decodeExpositionBody(bytes('# HELP a x', [0xfe], '\n')), /help text is not valid UTF-8/);
    rejects(decodeExpositionBody(bytes('a{', [0xff], '="foo"} 1\n')), /expected label name/);
    assert.equal(parseExposition(decodeExpositionBody(bytes('# x', [0xff], '\na 1\n'))).samples.length, 1);
    rejects(decodeExpositionBody(bytes([0xef, 0xbb, 0xbf], 'a 1')), /expected metric name/);
  });
});
