// Silences as Alertmanager keeps them, in <data dir>/silences.json: label matchers over a time
// span, pending before it starts, active during it, expired after; an expired silence is kept
// for EXPIRED_RETENTION_MS (Alertmanager's 5 days) so the view can show it, then dropped.
// "Mute all" is a silence too (alertname=~".+"), so it shows in the list and is ended the same way.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LabelSet } from '../../../shared/api';
import { formatDuration } from '../../../shared/duration';
import type { SilenceInput, SilenceMatcher, SilenceView } from '../../../shared/rules/model';
import { writeFileAtomic } from '../write-atomic';
import { compileMatchers, matchersProblem, type LabelTest } from './silence-matchers';

export const SILENCES_FILE = 'silences.json';
/** How long an expired silence stays listed (Alertmanager's --data.retention default). */
export const EXPIRED_RETENTION_MS = 5 * 86_400_000;
/** The matcher of a "mute all" silence: every alert has an alertname. */
export const MUTE_ALL_MATCHER: SilenceMatcher = {
  name: 'alertname',
  value: '.+',
  isRegex: true,
  isEqual: true,
};

interface Stored extends SilenceInput {
  id: string;
  updatedAtMs: number;
}

interface Entry {
  s: Stored;
  test: LabelTest;
}

export class Silences {
  private readonly file: string;
  private entries: Entry[] = [];

  constructor(
    dataDir: string,
    private readonly now: () => number,
    private readonly log: (msg: string) => void,
  ) {
    this.file = join(dataDir, SILENCES_FILE);
    this.load();
  }

  list(): SilenceView[] {
    this.dropOld();
    const now = this.now();
    return this.entries.map(({ s }) => this.view(s, now));
  }

  /**
   * Adds a silence (no id) or changes one (id). A start in the past becomes now, as in
   * Alertmanager; changing an expired silence makes a new one. Throws an Error naming the field.
   */
  put(input: SilenceInput & { id?: string }): SilenceView {
    const now = this.now();
    const problem = matchersProblem(input.matchers) ?? timesProblem(input);
    if (problem) throw new Error(`putSilence: ${problem}`);
    const startsAtMs = Math.max(input.startsAtMs, now);
    if (input.endsAtMs <= now) throw new Error('putSilence: endsAtMs: the silence would end in the past');
    const fresh: Stored = {
      id: randomUUID(),
      matchers: input.matchers.map((m) => ({ ...m })),
      startsAtMs,
      endsAtMs: input.endsAtMs,
      createdBy: input.createdBy,
      comment: input.comment,
      updatedAtMs: now,
    };
    const at = input.id === undefined ? -1 : this.entries.findIndex((e) => e.s.id === input.id);
    if (input.id !== undefined && at < 0) throw new Error(`putSilence: id: no silence has id "${input.id}"`);
    if (at >= 0 && this.view(this.entries[at].s, now).state !== 'expired') {
      // An active silence keeps its start (it already silenced alerts since then).
      const old = this.entries[at].s;
      if (old.startsAtMs <= now) fresh.startsAtMs = old.startsAtMs;
      fresh.id = old.id;
      this.entries[at] = { s: fresh, test: compileMatchers(fresh.matchers) };
    } else {
      this.entries.push({ s: fresh, test: compileMatchers(fresh.matchers) });
    }
    this.save();
    return this.view(fresh, now);
  }

  /** Ends a silence now (a pending one never starts); an expired one stays as it is. */
  expire(id: string): void {
    const e = this.entries.find((x) => x.s.id === id);
    if (!e) throw new Error(`expireSilence: no silence has id "${id}"`);
    const now = this.now();
    if (e.s.endsAtMs <= now) return;
    if (e.s.startsAtMs > now) e.s.startsAtMs = now;
    e.s.endsAtMs = now;
    e.s.updatedAtMs = now;
    this.save();
  }

  /** "Silence 1h" on a notification or an alert: equality matchers on the alert's labels, from now. */
  silenceAlert(labels: LabelSet, durationMs: number, createdBy = 'promdesk'): SilenceView {
    const matchers = Object.keys(labels)
      .filter((k) => labels[k] !== '' && k !== '__name__')
      .sort()
      .map((name) => ({ name, value: labels[name], isRegex: false, isEqual: true }));
    const now = this.now();
    return this.put({
      matchers,
      startsAtMs: now,
      endsAtMs: now + durationMs,
      createdBy,
      comment: `${labels.alertname ?? 'alert'} silenced for ${formatDuration(durationMs)}`,
    });
  }

  /** Silences every alert for `durationMs` (expireSilence on its id ends it). */
  muteAll(durationMs: number, createdBy = 'promdesk'): SilenceView {
    const now = this.now();
    return this.put({
      matchers: [MUTE_ALL_MATCHER],
      startsAtMs: now,
      endsAtMs: now + durationMs,
      createdBy,
      comment: 'mute all',
    });
  }

  /** Whether an active silence covers the label set now. */
  isSilenced(labels: LabelSet): boolean {
    const now = this.now();
    for (const { s, test } of this.entries) {
      if (s.startsAtMs <= now && now < s.endsAtMs && test(labels)) return true;
    }
    return false;
  }

  private view(s: Stored, now: number): SilenceView {
    const state = now >= s.endsAtMs ? 'expired' : now < s.startsAtMs ? 'pending' : 'active';
    return {
      id: s.id,
      matchers: s.matchers.map((m) => ({ ...m })),
      startsAtMs: s.startsAtMs,
      endsAtMs: s.endsAtMs,
      createdBy: s.createdBy,
      comment: s.comment,
      state,
    };
  }

  private dropOld(): void {
    const cutoff = this.now() - EXPIRED_RETENTION_MS;
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.s.endsAtMs > cutoff);
    if (this.entries.length !== before) this.save();
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    try {
      const doc = JSON.parse(readFileSync(this.file, 'utf8')) as { silences?: unknown };
      if (!Array.isArray(doc.silences)) throw new Error('no "silences" list');
      for (const [i, raw] of doc.silences.entries()) {
        const s = raw as Stored;
        const problem =
          typeof s?.id !== 'string' || !Array.isArray(s.matchers)
            ? 'not a silence'
            : (matchersProblem(s.matchers) ?? timesProblem(s));
        if (problem) {
          this.log(`${this.file}: silences.${i} is skipped: ${problem}`);
          continue;
        }
        const kept: Stored = {
          id: s.id,
          matchers: s.matchers.map(({ name, value, isRegex, isEqual }) => ({
            name,
            value,
            isRegex,
            isEqual,
          })),
          startsAtMs: s.startsAtMs,
          endsAtMs: s.endsAtMs,
          createdBy: s.createdBy,
          comment: s.comment,
          updatedAtMs: Number(s.updatedAtMs) || 0,
        };
        this.entries.push({ s: kept, test: compileMatchers(kept.matchers) });
      }
    } catch (err) {
      // Kept beside, not overwritten: the user may want what was in it.
      const aside = `${this.file}.bad-${this.now()}`;
      this.log(
        `${this.file} is not readable (${(err as Error).message}); moved to ${aside}, starting with no silences`,
      );
      this.entries = [];
      renameSync(this.file, aside);
    }
  }

  private save(): void {
    const silences = this.entries.map((e) => e.s);
    writeFileAtomic(this.file, JSON.stringify({ version: 1, silences }, null, 1) + '\n');
  }
}

function timesProblem(s: SilenceInput): string | null {
  for (const k of ['startsAtMs', 'endsAtMs'] as const)
    if (!Number.isFinite(s[k])) return `${k}: must be a time in ms since the epoch`;
  if (s.endsAtMs < s.startsAtMs) return 'endsAtMs: the silence ends before it starts';
  if (typeof s.createdBy !== 'string' || typeof s.comment !== 'string')
    return 'createdBy and comment must be text';
  return null;
}
