// Settings: every key of shared/settings.ts with its description, default and current value, kept
// in <data dir>/settings.json. Keys a command-line flag sets are shown read-only ("set by
// --flag"); a value's problem shows beside its field, as the user types and as the server says.
import { useEffect, useMemo, useState } from 'react';
import type { EngineInfo, SettingsView as SettingsState } from '../../../shared/api';
import { SETTINGS, type SettingKey } from '../../../shared/settings';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { errorMessage } from '../lib/error-message';
import {
  draftOf,
  errorKey,
  fieldProblem,
  flagOf,
  isBooleanSetting,
  isDirty,
  settingsToSave,
  showDefault,
  type SettingsDraft,
} from '../lib/settings-form';

const SECTIONS: { title: string; keys: SettingKey[] }[] = [
  { title: 'HTTP API', keys: ['http', 'listen'] },
  { title: 'Storage', keys: ['retention.time', 'retention.size', 'storage.downsample-after'] },
  {
    title: 'Queries',
    keys: ['query.compat', 'query.timeout', 'query.max-samples', 'query.lookback-delta'],
  },
  { title: 'Dashboards', keys: ['home-dashboard', 'dashboards'] },
  { title: 'Targets', keys: ['targets.probe-at-start'] },
  { title: 'Desktop app', keys: ['desktop.close-to-tray', 'desktop.start-at-login'] },
  {
    title: 'Notifications',
    keys: [
      'notify.group-wait',
      'notify.group-interval',
      'notify.repeat-interval',
      'notify.webhook-url',
      'notify.ntfy-url',
      'notify.ntfy-topic',
    ],
  },
];

const LABELS: Record<SettingKey, string> = {
  http: 'Serve the HTTP API',
  listen: 'Listen address',
  'retention.time': 'Retention time',
  'retention.size': 'Retention size',
  'storage.downsample-after': 'Downsample after',
  'query.timeout': 'Query timeout',
  'query.max-samples': 'Max samples per query',
  'query.lookback-delta': 'Lookback delta',
  'query.compat': 'PromQL compatibility',
  dashboards: 'Provisioned dashboards folder',
  'home-dashboard': 'Home dashboard',
  'targets.probe-at-start': 'Find exporters at first start',
  'desktop.close-to-tray': 'Close to tray',
  'desktop.start-at-login': 'Start at login',
  'notify.group-wait': 'Group wait',
  'notify.group-interval': 'Group interval',
  'notify.repeat-interval': 'Repeat interval',
  'notify.webhook-url': 'Webhook URL',
  'notify.ntfy-url': 'ntfy server',
  'notify.ntfy-topic': 'ntfy topic',
};

export function SettingsView() {
  const api = useApi();
  const [state, setState] = useState<SettingsState | null>(null);
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<{ key: SettingKey | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (s) => {
        if (!live) return;
        setState(s);
        setDraft(draftOf(s.settings));
      },
      (e: unknown) => live && setLoadError(errorMessage(e)),
    );
    api.info().then(
      (i) => live && setInfo(i),
      () => undefined, // the mode only changes a note
    );
    return () => {
      live = false;
    };
  }, [api]);

  const readOnly = useMemo(() => new Set(state?.overriddenByFlags ?? []), [state]);
  const problems = useMemo(() => {
    const out = new Map<SettingKey, string>();
    if (!draft) return out;
    for (const k of Object.keys(draft) as SettingKey[]) {
      if (readOnly.has(k)) continue;
      const p = fieldProblem(k, draft[k]);
      if (p) out.set(k, p);
    }
    return out;
  }, [draft, readOnly]);

  if (loadError) {
    return (
      <div className="view settings">
        <header className="view-header">
          <h1>Settings</h1>
        </header>
        <ErrorNote error={loadError} />
      </div>
    );
  }
  if (!state || !draft) return <div className="view-loading">Loading…</div>;

  const dirty = isDirty(draft, state.settings, readOnly);
  const set = (key: SettingKey, value: string | boolean) => {
    setDraft({ ...draft, [key]: value });
    setSaved(false);
    if (saveError?.key === key) setSaveError(null);
  };
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const next = await api.putSettings(settingsToSave(draft, state.settings, readOnly));
      setState(next);
      setDraft(draftOf(next.settings));
      setSaved(true);
    } catch (e) {
      const message = errorMessage(e);
      setSaveError({ key: errorKey(message), message });
    } finally {
      setSaving(false);
    }
  };
  const desktop = info?.mode === 'desktop';

  return (
    <div className="view settings">
      <header className="view-header">
        <h1>Settings</h1>
        <div className="spacer" />
        <span className="hint">
          Kept in <code>{info ? `${info.dataDir}/settings.json` : 'settings.json'}</code>; command-line flags
          override them.
        </span>
      </header>
      {state.restartNeeded && (
        <div className="settings-restart" role="status">
          Some saved settings take effect after Promdesk restarts.
        </div>
      )}
      <form
        className="settings-form"
        aria-label="Settings"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty && problems.size === 0) void save();
        }}
      >
        {SECTIONS.map((section) => (
          <section className="card settings-section" key={section.title}>
            <h2>{section.title}</h2>
            {section.title === 'Desktop app' && !desktop && (
              <p className="hint">
                Only the desktop app reads these; <code>promdesk serve</code> keeps them for it.
              </p>
            )}
            {section.keys.map((key) => (
              <SettingField
                key={key}
                settingKey={key}
                value={draft[key]}
                onChange={(v) => set(key, v)}
                readOnly={readOnly.has(key)}
                problem={problems.get(key) ?? (saveError?.key === key ? saveError.message : null)}
                disabled={key === 'listen' && draft.http === false}
                desktopOnlyHere={
                  !desktop && SETTINGS[key].desktopOnly === true && section.title !== 'Desktop app'
                }
                // The desktop host moves its HTTP API at once; `promdesk serve` listens where it started.
                afterRestart={SETTINGS[key].applies === 'restart' || (!desktop && key === 'listen')}
              />
            ))}
          </section>
        ))}
        {saveError && saveError.key === null && <ErrorNote error={saveError.message} />}
        <div className="settings-footer">
          <button type="submit" className="btn btn-primary" disabled={!dirty || problems.size > 0 || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!dirty || saving}
            onClick={() => {
              setDraft(draftOf(state.settings));
              setSaveError(null);
            }}
          >
            Revert
          </button>
          {saved && !dirty && (
            <span className="hint" role="status">
              Saved.
            </span>
          )}
          {problems.size > 0 && (
            <span className="hint">
              Fix {problems.size === 1 ? 'the field' : `the ${problems.size} fields`} marked in red to save.
            </span>
          )}
        </div>
      </form>
    </div>
  );
}

function SettingField({
  settingKey: key,
  value,
  onChange,
  readOnly,
  problem,
  disabled,
  desktopOnlyHere,
  afterRestart,
}: {
  settingKey: SettingKey;
  value: string | boolean;
  onChange: (v: string | boolean) => void;
  readOnly: boolean;
  problem: string | null;
  disabled: boolean;
  /** A desktop-only key shown by `promdesk serve` (its own section says so for the desktop.* ones). */
  desktopOnlyHere: boolean;
  afterRestart: boolean;
}) {
  const info = SETTINGS[key];
  const id = `setting-${key.replace(/\./g, '-')}`;
  const problemId = `${id}-problem`;
  const common = {
    id,
    disabled: readOnly || disabled,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? problemId : `${id}-about`,
  };
  let input;
  if (isBooleanSetting(key)) {
    input = (
      <input
        type="checkbox"
        {...common}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (key === 'query.compat') {
    input = (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        <option value="2">Prometheus 2.42</option>
        <option value="3">Prometheus 3</option>
      </select>
    );
  } else {
    input = (
      <input
        type="text"
        {...common}
        className="mono"
        value={String(value)}
        placeholder={info.default === null ? 'off' : undefined}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={problem ? 'setting has-problem' : 'setting'} data-setting={key}>
      <div className="setting-about" id={`${id}-about`}>
        <label htmlFor={id}>{LABELS[key]}</label>
        <code className="setting-key">{key}</code>
        <p className="hint">{info.description}</p>
      </div>
      <div className="setting-control">
        {input}
        <div className="setting-notes">
          <span className="muted small">default {showDefault(key)}</span>
          {readOnly && (
            <span
              className="badge"
              title={`${flagOf(key)} on the command line sets this and overrides the saved value shown here, which applies again once Promdesk starts without the flag`}
            >
              set by {flagOf(key)}
            </span>
          )}
          {afterRestart && <span className="badge">takes effect after restart</span>}
          {desktopOnlyHere && <span className="badge">desktop app only</span>}
        </div>
        {problem && (
          <div className="setting-problem" id={problemId} role="alert">
            {problem}
          </div>
        )}
      </div>
    </div>
  );
}
