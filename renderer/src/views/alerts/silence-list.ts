// The silences list's data: by state, newest first within each, and which silence is "mute all".
import type { SilenceView } from '../../../../shared/rules/model';

export type SilenceState = SilenceView['state'];
export const SILENCE_STATES: readonly SilenceState[] = ['active', 'pending', 'expired'];

/** The silences in one state: active and pending by when they end, expired by when they ended (latest first). */
export function silencesIn(silences: readonly SilenceView[], state: SilenceState): SilenceView[] {
  const out = silences.filter((s) => s.state === state);
  return state === 'expired'
    ? out.sort((a, b) => b.endsAtMs - a.endsAtMs)
    : out.sort((a, b) => a.endsAtMs - b.endsAtMs);
}

/** A silence of every alert: its only matcher alertname=~".+" (what muteAll makes). */
export function isMuteAll(s: SilenceView): boolean {
  if (s.matchers.length !== 1) return false;
  const [m] = s.matchers;
  return m.name === 'alertname' && m.isRegex && m.isEqual && m.value === '.+';
}

/** The active "mute all" silence that ends last, or null. */
export function activeMuteAll(silences: readonly SilenceView[]): SilenceView | null {
  let best: SilenceView | null = null;
  for (const s of silences)
    if (s.state === 'active' && isMuteAll(s) && (!best || s.endsAtMs > best.endsAtMs)) best = s;
  return best;
}

/** A silence's span for the list: whole seconds, whole minutes past ten minutes (a start the engine moved to "now" is a few ms later than asked). */
export function roundedSpanMs(s: SilenceView): number {
  const ms = s.endsAtMs - s.startsAtMs;
  const unit = ms >= 600_000 ? 60_000 : 1000;
  return Math.max(unit, Math.round(ms / unit) * unit);
}
