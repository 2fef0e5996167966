// The silence form as data: matchers as typed (name, operator, value), an end given as a duration
// or a time, a comment and an author; the checks Alertmanager makes before it takes a silence;
// the SilenceInput a Save sends; and which field an Api error belongs to.
import type { LabelSet } from '../../../../shared/api';
import { parseDuration } from '../../../../shared/duration';
import type { SilenceInput, SilenceMatcher } from '../../../../shared/rules/model';
import { buildSelector, isValidLabelName, parseSelector, type MatchOp } from '../../lib/selector';
import { fromDatetimeLocal } from '../../lib/time-range';
import { sortedLabels } from './alert-filters';

export interface MatcherDraft {
  name: string;
  op: MatchOp;
  value: string;
}

export interface SilenceDraft {
  matchers: MatcherDraft[];
  /** 'duration': ends that long after Save; 'end': at `endsAt` (a datetime-local text). */
  until: 'duration' | 'end';
  duration: string;
  endsAt: string;
  comment: string;
  createdBy: string;
}

/** A field of the form: `matcher.<i>` for one matcher's row. */
export type SilenceField = 'matchers' | `matcher.${number}` | 'duration' | 'endsAt' | 'comment' | 'createdBy';
export type FieldErrors = Partial<Record<SilenceField, string>>;

export function emptyDraft(createdBy: string): SilenceDraft {
  return {
    matchers: [{ name: '', op: '=', value: '' }],
    until: 'duration',
    duration: '2h',
    endsAt: '',
    comment: '',
    createdBy,
  };
}

/** A draft that silences exactly one alert: an equality matcher per label. */
export function draftForLabels(labels: LabelSet, createdBy: string, duration = '2h'): SilenceDraft {
  const matchers = sortedLabels(labels).map(([name, value]) => ({ name, op: '=' as MatchOp, value }));
  return {
    ...emptyDraft(createdBy),
    matchers: matchers.length ? matchers : emptyDraft('').matchers,
    duration,
  };
}

/** The `matchers` hash parameter that opens the form prefilled: `{a="b",c="d"}`. */
export function matchersParam(labels: LabelSet): string {
  return buildSelector({
    metric: '',
    matchers: sortedLabels(labels).map(([name, value]) => ({ name, op: '=', value })),
  });
}

/** Matchers back from the hash parameter; null when it is not a plain `{...}` selector. */
export function matchersFromParam(text: string): MatcherDraft[] | null {
  const parts = parseSelector(text);
  if (!parts) return null;
  const out = parts.matchers.map((m) => ({ ...m }));
  if (parts.metric) out.unshift({ name: '__name__', op: '=', value: parts.metric });
  return out;
}

export function toSilenceMatcher(m: MatcherDraft): SilenceMatcher {
  return { name: m.name.trim(), value: m.value, isRegex: m.op.endsWith('~'), isEqual: !m.op.startsWith('!') };
}

/** `name="value"`, `name!~"value"`: a matcher as Alertmanager's UI shows it. */
export function matcherText(m: SilenceMatcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Whether a matcher also matches a missing label (its value ""), as Alertmanager decides it (a pattern JavaScript cannot read counts as not). */
function matchesEmpty(m: SilenceMatcher): boolean {
  let hit: boolean;
  if (!m.isRegex) hit = m.value === '';
  else {
    try {
      hit = new RegExp(`^(?:${m.value})$`).test('');
    } catch {
      return false;
    }
  }
  return hit === m.isEqual;
}

/** The silence to save, or what is wrong per field (the Api checks again and has the last word). */
export function checkDraft(
  draft: SilenceDraft,
  nowMs: number,
): { input: SilenceInput; rows: number[]; errors: null } | { input: null; rows: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const matchers: SilenceMatcher[] = [];
  /** The form row of each matcher sent (blank rows are left out), for errors naming an index. */
  const rows: number[] = [];
  draft.matchers.forEach((m, i) => {
    if (m.name.trim() === '' && m.value === '') return;
    const name = m.name.trim();
    if (!name) errors[`matcher.${i}`] = 'a label name is needed';
    else if (!isValidLabelName(name)) errors[`matcher.${i}`] = `"${name}" is not a valid label name`;
    // Regexes are RE2, which the engine checks (JavaScript's syntax differs): its error comes back to this row.
    matchers.push(toSilenceMatcher(m));
    rows.push(i);
  });
  if (rows.length === 0) errors.matchers = 'at least one matcher is needed';
  else if (Object.keys(errors).length === 0 && matchers.every(matchesEmpty))
    errors.matchers = 'at least one matcher must not match the empty string (it would silence everything)';

  let endsAtMs = NaN;
  if (draft.until === 'duration') {
    const d = parseDuration(draft.duration.trim());
    if (d === null) errors.duration = `"${draft.duration}" is not a duration (e.g. 2h, 1d, 30m)`;
    else if (d <= 0) errors.duration = 'the duration must be more than 0';
    else endsAtMs = nowMs + d;
  } else {
    const end = fromDatetimeLocal(draft.endsAt);
    if (end === null) errors.endsAt = 'an end time is needed';
    else if (end <= nowMs) errors.endsAt = 'the end time is in the past';
    else endsAtMs = end;
  }
  if (!draft.createdBy.trim()) errors.createdBy = 'say who creates the silence';
  if (!draft.comment.trim()) errors.comment = 'a comment is needed';
  if (Object.keys(errors).length > 0) return { input: null, rows: null, errors };
  return {
    input: {
      matchers,
      startsAtMs: nowMs,
      endsAtMs,
      createdBy: draft.createdBy.trim(),
      comment: draft.comment.trim(),
    },
    rows,
    errors: null,
  };
}

/**
 * The field an Api error names ("putSilence: matchers.1.value: ...", "endsAtMs: ...") and the
 * message without the names, so it is shown at that field; field null: the form's own line.
 */
export function fieldOfError(message: string): { field: SilenceField | null; text: string } {
  const rest = message.replace(/^putSilence:\s*/, '');
  const m = /^(matchers(?:\.(\d+))?|endsAtMs|startsAtMs|createdBy|comment)(?:\.\w+)?:\s*/.exec(rest);
  if (!m) return { field: null, text: rest };
  const text = rest.slice(m[0].length);
  if (m[2] !== undefined) return { field: `matcher.${Number(m[2])}`, text };
  const field: SilenceField =
    m[1] === 'matchers'
      ? 'matchers'
      : m[1] === 'createdBy'
        ? 'createdBy'
        : m[1] === 'comment'
          ? 'comment'
          : 'duration';
  return { field, text };
}
