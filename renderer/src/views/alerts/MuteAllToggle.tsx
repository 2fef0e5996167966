// "Mute all": a silence of every alert for a chosen time (alerts still fire and show; nothing is
// notified). While one is active the button ends it (every active mute-all silence).
import { useState } from 'react';
import type { SilenceView } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { useRowAction } from '../../hooks/useRowAction';
import { formatTimestamp } from '../../lib/format';
import { activeMuteAll, isMuteAll } from './silence-list';

const HOUR = 3_600_000;
const choices = [
  { label: '1 hour', ms: HOUR },
  { label: '4 hours', ms: 4 * HOUR },
  { label: '1 day', ms: 24 * HOUR },
  { label: '1 week', ms: 7 * 24 * HOUR },
];

export function MuteAllToggle({ silences, onChanged }: { silences: SilenceView[]; onChanged: () => void }) {
  const api = useApi();
  const { busy, error, dismissError, run } = useRowAction();
  const [ms, setMs] = useState(HOUR);
  const muted = activeMuteAll(silences);
  const toggle = () =>
    run(async () => {
      if (muted) {
        for (const s of silences) if (s.state === 'active' && isMuteAll(s)) await api.expireSilence(s.id);
      } else await api.muteAll(ms);
      onChanged();
    });
  return (
    <span className="mute-all">
      {!muted && (
        <select aria-label="Mute all for" value={ms} onChange={(e) => setMs(Number(e.target.value))}>
          {choices.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className={muted ? 'btn btn-danger' : 'btn'}
        aria-pressed={!!muted}
        disabled={busy}
        title={
          muted
            ? `Every alert is muted until ${formatTimestamp(muted.endsAtMs)}`
            : 'Notify nothing for a while'
        }
        onClick={() => void toggle()}
      >
        {muted ? 'Unmute all' : 'Mute all'}
      </button>
      <ErrorNote error={error} onDismiss={dismissError} />
    </span>
  );
}
