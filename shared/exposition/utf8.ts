// Prometheus checks that label values and HELP text are valid UTF-8. A JS string cannot hold
// invalid UTF-8, so decodeExpositionBody maps each invalid byte to a lone surrogate (U+DC80 +
// byte, Python's "surrogateescape"), and the parser treats a lone surrogate as invalid UTF-8.
// Bytes elsewhere (comments) stay accepted, exactly as in Prometheus.

/** True when src[start, end) holds a surrogate that is not part of a valid pair. */
export function hasLoneSurrogate(src: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) continue;
    if (c <= 0xdbff && i + 1 < end && (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    return true;
  }
  return false;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a scraped body for parsePrometheusText. Valid UTF-8 (the norm) goes through the
 * native decoder; otherwise each byte that is not part of a valid sequence becomes U+DC80+byte.
 * A leading BOM is kept, like Prometheus (which then rejects it as a start token).
 */
export function decodeExpositionBody(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaped(bytes);
  }
}

function decodeEscaped(b: Uint8Array): string {
  const out: string[] = [];
  let units: number[] = [];
  const push = (u: number): void => {
    units.push(u);
    if (units.length >= 8192) {
      out.push(String.fromCharCode(...units));
      units = [];
    }
  };
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      push(c);
      i++;
      continue;
    }
    const n = sequenceLength(b, i);
    if (n === 0) {
      push(0xdc00 + c);
      i++;
      continue;
    }
    let cp = n === 2 ? c & 0x1f : n === 3 ? c & 0x0f : c & 0x07;
    for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      push(0xd800 + (cp >> 10));
      push(0xdc00 + (cp & 0x3ff));
    } else push(cp);
    i += n;
  }
  out.push(String.fromCharCode(...units));
  return out.join('');
}

// Length of the valid UTF-8 sequence at i (Go's utf8 rules: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0.
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean =>
    i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
