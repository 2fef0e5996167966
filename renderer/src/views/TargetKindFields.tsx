// The target editor's "Kind" part: Prometheus exporter, JSON (preset, custom rules and a live
// preview of the samples) or a metrics-rs TCP stream (histogram mode).
import type { TargetInput } from '../../../shared/api';
import { tcpTestListenMs } from '../../../shared/tcp-stream-listen';
import { JSON_PRESETS } from '../../../shared/json-mapping/json-presets';
import { useScrapePreview } from '../hooks/useScrapePreview';
import {
  jsonMappingFromForm,
  PRESET_CHOICES,
  RULES_EXAMPLE,
  TARGET_KINDS,
  type KindFormState,
} from '../lib/target-kinds';
import { TestScrapeResult } from './TestScrapeResult';

type Set = <K extends keyof KindFormState>(k: K, v: KindFormState[K]) => void;

export function KindPicker({ k, set }: { k: KindFormState; set: Set }) {
  return (
    <div className="segmented kind-picker" role="radiogroup" aria-label="Kind">
      {TARGET_KINDS.map((t) => (
        <button
          key={t.kind}
          type="button"
          role="radio"
          aria-checked={k.kind === t.kind}
          className={k.kind === t.kind ? 'on' : undefined}
          onClick={() => set('kind', t.kind)}
        >
          {t.title}
        </button>
      ))}
    </div>
  );
}

export function JsonFields({
  k,
  set,
  previewInput,
}: {
  k: KindFormState;
  set: Set;
  /** The whole target when the form is valid (the preview scrapes it), else null. */
  previewInput: TargetInput | null;
}) {
  const mapping = jsonMappingFromForm(k);
  const preset = k.jsonPreset ? JSON_PRESETS[k.jsonPreset] : undefined;
  return (
    <fieldset className="fieldset json-fields">
      <legend>JSON mapping</legend>
      <div className="form-grid">
        <label className="field span2">
          <span>Preset</span>
          <select value={k.jsonPreset} onChange={(e) => set('jsonPreset', e.target.value)}>
            {PRESET_CHOICES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {k.jsonPreset === 'all-numbers' && (
          <label className="field">
            <span>Prefix</span>
            <input
              type="text"
              className="mono"
              value={k.jsonPrefix}
              placeholder="json"
              onChange={(e) => set('jsonPrefix', e.target.value)}
            />
          </label>
        )}
      </div>
      {preset && (
        <p className="hint">
          {preset.description}
          {preset.path && (
            <>
              {' '}
              — usually at <code>{preset.path}</code>
            </>
          )}
        </p>
      )}
      <label className="field">
        <span>Custom rules (JSON list, after the preset's)</span>
        <textarea
          className="mono json-rules"
          rows={4}
          spellCheck={false}
          value={k.jsonRules}
          placeholder={RULES_EXAMPLE}
          onChange={(e) => set('jsonRules', e.target.value)}
        />
      </label>
      {'errors' in mapping && (
        <ul className="problems" role="alert">
          {mapping.errors.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <KindPreview previewInput={previewInput} invalidHint="shown once the URL and mapping are valid" />
    </fieldset>
  );
}

/** The live preview of a JSON or TCP stream target: a test scrape, re-run as the form changes. */
function KindPreview({
  previewInput,
  invalidHint,
}: {
  previewInput: TargetInput | null;
  invalidHint: string;
}) {
  const preview = useScrapePreview(previewInput);
  const pendingText =
    previewInput?.kind === 'tcp-stream'
      ? `listening for up to ${tcpTestListenMs(previewInput.timeoutMs) / 1000} s…`
      : 'scraping…';
  return (
    <section className="json-preview" aria-label="Preview">
      <h3>
        Preview{' '}
        <span className="muted small">
          {preview.pending ? pendingText : previewInput ? 'the samples this target would store' : invalidHint}
        </span>
      </h3>
      {preview.error && <pre className="error-pre">{preview.error}</pre>}
      {preview.result && previewInput && <TestScrapeResult result={preview.result} />}
    </section>
  );
}

export function TcpFields({
  k,
  set,
  previewInput,
}: {
  k: KindFormState;
  set: Set;
  /** The whole target when the form is valid (the preview listens to it), else null. */
  previewInput: TargetInput | null;
}) {
  return (
    <fieldset className="fieldset tcp-fields">
      <legend>Histograms</legend>
      <div className="segmented" role="radiogroup" aria-label="Histogram mode">
        {(['buckets', 'summary'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={k.tcpHistogram === m}
            className={k.tcpHistogram === m ? 'on' : undefined}
            onClick={() => set('tcpHistogram', m)}
          >
            {m === 'buckets' ? 'Buckets' : 'Summary'}
          </button>
        ))}
      </div>
      {k.tcpHistogram === 'buckets' ? (
        <label className="field">
          <span>Bucket bounds</span>
          <input
            type="text"
            className="mono"
            value={k.tcpBuckets}
            placeholder="default: .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10"
            onChange={(e) => set('tcpBuckets', e.target.value)}
          />
        </label>
      ) : (
        <label className="field">
          <span>Quantiles</span>
          <input
            type="text"
            className="mono"
            value={k.tcpQuantiles}
            placeholder="default: 0.5, 0.9, 0.99"
            onChange={(e) => set('tcpQuantiles', e.target.value)}
          />
        </label>
      )}
      <KindPreview
        previewInput={previewInput}
        invalidHint="shown once the URL and histogram settings are valid"
      />
    </fieldset>
  );
}
