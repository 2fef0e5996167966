// The Retry-After header of a 429/5xx reply (RFC 9110: delay in seconds or an HTTP date) as a
// delay in ms; null when absent, unreadable or not in the future, so the usual backoff applies.

export function retryAfterMs(header: string | null, nowMs: number): number | null {
  const h = header?.trim();
  if (!h) return null;
  if (/^\d+$/.test(h)) {
    const s = Number(h);
    return s > 0 ? s * 1000 : null;
  }
  const at = Date.parse(h);
  if (Number.isNaN(at)) return null;
  return at > nowMs ? at - nowMs : null;
}
