// Go's text forms that promtool's output is made of: model.Duration and time.Duration strings,
// labels.Labels.String(), and strconv.FormatFloat(v, 'E', -1, 64).
import type { LabelSet } from '../../../shared/api';
import { formatFloat } from '../../../shared/templates/go-float-format';
import { goQuote } from '../../../shared/templates/go-fmt';

/** model.Duration.String(): "0s", "5m", "1h30m", "90d" (years and weeks only when exact). */
export function goModelDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  const unit = (u: string, mult: number, exact: boolean) => {
    if (exact && rest % mult !== 0) return;
    const n = Math.floor(rest / mult);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * mult;
    }
  };
  unit('y', 365 * 86_400_000, true);
  unit('w', 7 * 86_400_000, true);
  unit('d', 86_400_000, false);
  unit('h', 3_600_000, false);
  unit('m', 60_000, false);
  unit('s', 1000, false);
  unit('ms', 1, false);
  return out;
}

/** time.Duration.String() for whole milliseconds: "0s", "1m0s", "1h0m0s", "1.5s", "250ms". */
export function goTimeDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toString()}s`;
  const out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  return (neg ? '-' : '') + out;
}

/** labels.Labels.String(): {a="b", c="d"}, sorted by name. */
export function goLabels(ls: Readonly<LabelSet>): string {
  const names = Object.keys(ls).sort();
  return `{${names.map((n) => `${n}=${goQuote(ls[n])}`).join(', ')}}`;
}

export const goFloatE = (v: number): string => formatFloat(v, 'E', -1);
