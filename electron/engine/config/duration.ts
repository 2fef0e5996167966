// Prometheus durations: a sequence of <number><unit> with units y w d h m s ms, largest first
// (e.g. 1h30m, 15s, 500ms). Returns milliseconds, or null when the text is not a duration.
const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  const re = /(\d+)(ms|y|w|d|h|m|s)/y;
  let pos = 0;
  let total = 0;
  let lastUnit = -1;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    const unit = ORDER.indexOf(m[2]);
    if (unit <= lastUnit) return null;
    lastUnit = unit;
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = re.lastIndex;
  }
  return pos > 0 && Number.isSafeInteger(total) ? total : null;
}

/** Formats milliseconds the way Prometheus prints durations (1h30m, 15s, 500ms). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const u of ORDER) {
    const n = Math.floor(rest / UNIT_MS[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNIT_MS[u];
    }
  }
  return out;
}
