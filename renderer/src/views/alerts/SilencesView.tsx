// Silences, as Alertmanager's page lists them: active, pending and expired (with counts), each
// with its matchers, span, author and comment; a form to add or change one (opened prefilled
// from an alert's "Silence…"), Expire, and "Mute all".
import { useState } from 'react';
import { formatDuration, parseDuration } from '../../../../shared/duration';
import type { SilenceInput, SilenceView } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { useNow } from '../../hooks/useNow';
import { useRowAction } from '../../hooks/useRowAction';
import { formatRelativeTime, formatTimestamp } from '../../lib/format';
import { formatDurationShort, toDatetimeLocal } from '../../lib/time-range';
import { AlertsTabs } from './AlertsTabs';
import { MuteAllToggle } from './MuteAllToggle';
import { SilenceForm } from './SilenceForm';
import { emptyDraft, matchersFromParam, matcherText, type SilenceDraft } from './silence-form';
import { isMuteAll, roundedSpanMs, SILENCE_STATES, silencesIn, type SilenceState } from './silence-list';
import { useSilences } from './useSilences';

const AUTHOR_KEY = 'promdesk.silence.createdBy';

function lastAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

type Editing = { id?: string; draft: SilenceDraft } | null;

function draftOfSilence(s: SilenceView): SilenceDraft {
  return {
    matchers: s.matchers.map((m) => ({
      name: m.name,
      op: m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=',
      value: m.value,
    })),
    // An expired silence is recreated for as long as it ran; a live one keeps its end.
    until: s.state === 'expired' ? 'duration' : 'end',
    duration: formatDuration(roundedSpanMs(s)),
    endsAt: toDatetimeLocal(s.endsAtMs),
    comment: s.comment,
    createdBy: s.createdBy,
  };
}

export function SilencesView({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const { silences, error, refresh } = useSilences();
  const now = useNow(1000);
  const [tab, setTab] = useState<SilenceState>('active');
  const [editing, setEditing] = useState<Editing>(() => {
    // `#/silences?matchers={a="b"}&duration=1h`: an alert's Silence… (and the links in notifications).
    const prefill = params.get('matchers');
    const matchers = prefill ? matchersFromParam(prefill) : null;
    if (!matchers) return null;
    const draft = { ...emptyDraft(lastAuthor()), matchers };
    const duration = params.get('duration');
    if (duration && parseDuration(duration)) draft.duration = duration;
    return { draft };
  });

  const close = () => {
    setEditing(null);
    if (location.hash !== '#/silences') history.replaceState(null, '', '#/silences');
  };
  const save = async (input: SilenceInput) => {
    await api.putSilence(editing?.id ? { ...input, id: editing.id } : input);
    try {
      localStorage.setItem(AUTHOR_KEY, input.createdBy);
    } catch {
      // storage off: the author is typed again next time
    }
    close();
    setTab('active');
    refresh();
  };
  const counts = Object.fromEntries(
    SILENCE_STATES.map((s) => [s, silences ? silencesIn(silences, s).length : 0]),
  ) as Record<SilenceState, number>;
  const shown = silences ? silencesIn(silences, tab) : [];

  return (
    <div className="view silences">
      <AlertsTabs current="silences" />
      <header className="view-header">
        <h1>Silences</h1>
        <div className="segmented" role="tablist" aria-label="Silences by state">
          {SILENCE_STATES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={tab === s}
              className={tab === s ? 'on' : undefined}
              onClick={() => setTab(s)}
            >
              {s[0].toUpperCase() + s.slice(1)} ({counts[s]})
            </button>
          ))}
        </div>
        <div className="spacer" />
        {silences && <MuteAllToggle silences={silences} onChanged={refresh} />}
        <button
          type="button"
          className="btn btn-primary"
          disabled={!!editing}
          onClick={() => setEditing({ draft: emptyDraft(lastAuthor()) })}
        >
          + New silence
        </button>
      </header>
      <ErrorNote error={error} />
      {editing && (
        <SilenceForm
          key={editing.id ?? 'new'}
          title={editing.id ? 'Edit silence' : 'New silence'}
          initial={editing.draft}
          onSave={save}
          onCancel={close}
        />
      )}
      {silences === null && !error && <div className="view-loading">Loading…</div>}
      {silences && shown.length === 0 && <p className="hint">No {tab} silences.</p>}
      {shown.length > 0 && (
        <div className="card table-scroll">
          <table className="table silences-table">
            <thead>
              <tr>
                <th>Matchers</th>
                <th>{tab === 'pending' ? 'Starts' : tab === 'active' ? 'Ends' : 'Ended'}</th>
                <th>Created by</th>
                <th>Comment</th>
                <th className="actions-col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <SilenceRow
                  key={s.id}
                  s={s}
                  now={now}
                  onEdit={() =>
                    setEditing({ id: s.state === 'expired' ? undefined : s.id, draft: draftOfSilence(s) })
                  }
                  onChanged={refresh}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function SilenceRow({
  s,
  now,
  onEdit,
  onChanged,
}: {
  s: SilenceView;
  now: number;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const api = useApi();
  const { busy, error, dismissError, run } = useRowAction();
  const when = s.state === 'pending' ? s.startsAtMs : s.endsAtMs;
  return (
    <>
      <tr className={`silence-row silence-${s.state}`}>
        <td className="labels">
          {s.matchers.map((m, i) => (
            <span key={i} className="label-chip mono">
              {matcherText(m)}
            </span>
          ))}
          {isMuteAll(s) && <span className="badge">mute all</span>}
        </td>
        <td title={`${formatTimestamp(s.startsAtMs)} → ${formatTimestamp(s.endsAtMs)}`}>
          {formatRelativeTime(when, now)}
          <div className="muted small">for {formatDurationShort(roundedSpanMs(s))}</div>
        </td>
        <td>{s.createdBy}</td>
        <td className="silence-comment">{s.comment}</td>
        <td className="actions">
          <button type="button" className="btn btn-small" onClick={onEdit}>
            {s.state === 'expired' ? 'Recreate' : 'Edit'}
          </button>
          {s.state !== 'expired' && (
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.expireSilence(s.id);
                  onChanged();
                })
              }
            >
              Expire
            </button>
          )}
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={5}>
            <ErrorNote error={error} onDismiss={dismissError} />
          </td>
        </tr>
      )}
    </>
  );
}
