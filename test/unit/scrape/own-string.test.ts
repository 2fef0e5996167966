// Strings kept past a scrape (copied out of the body, or shared) are exactly what was cut from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ownString, sharedString } from '../../../electron/engine/scrape/own-string';

test('ownString and sharedString keep any string exactly', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 10 }), (s, pad) => {
      const body = pad + s + pad;
      const cut = body.slice(pad.length, pad.length + s.length);
      assert.equal(ownString(cut), s);
      const a = sharedString(cut);
      assert.equal(a, s);
      assert.equal(sharedString(body.slice(pad.length, pad.length + s.length)), s);
    }),
  );
});
