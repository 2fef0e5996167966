// Prometheus duration strings ("1h30m", "5m", "250ms"): units in descending order, each once.
const UNIT_MS: Record<string, number> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const PART = /([0-9]+)(ms|[ywdhms])/y;

/** Milliseconds, or null when the text is not a valid duration. */
export function parseDuration(text: string): number | null {
  if (text === '') return null;
  if (text === '0') return 0;
  let total = 0;
  let last = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    if (!m) return null;
    const idx = ORDER.indexOf(m[2]);
    if (idx <= last) return null;
    last = idx;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total;
}

/** Formats ms as Prometheus does (e.g. 5400000 → "1h30m"); 0 → "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  for (const u of ORDER) {
    const n = Math.floor(rest / UNIT_MS[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNIT_MS[u];
    }
  }
  return out;
}
