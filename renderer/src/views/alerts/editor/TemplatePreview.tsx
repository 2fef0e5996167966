// The rule's labels and annotations rendered for one alert of the preview (its labels and value at
// its last evaluation), by the same Go-template engine the rules run on (shared/templates), with
// `query` answered by the engine: what a notification would say, before the rule is saved.
import { useEffect, useState } from 'react';
import type { LabelSet } from '../../../../../shared/api';
import type { RuleInput } from '../../../../../shared/rules/model';
import { expandAlertTextAsync } from '../../../../../shared/templates/expand';
import type { QueryFunc } from '../../../../../shared/templates/prometheus-funcs';
import { useApi } from '../../../api-context';

interface Rendered {
  labels: [string, string][];
  annotations: [string, string][];
}

export function TemplatePreview({
  rule,
  labels,
  value,
  timeMs,
}: {
  rule: RuleInput;
  labels: LabelSet;
  value: number;
  timeMs: number;
}) {
  const api = useApi();
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const key = JSON.stringify([rule.name, rule.labels, rule.annotations, labels, value, timeMs]);
  useEffect(() => {
    let live = true;
    const query: QueryFunc = (q, t) =>
      api
        .queryInstant({ query: q, timeMs: t })
        .then((r) =>
          r.resultType === 'scalar'
            ? [{ labels: {}, value: r.scalar ?? NaN }]
            : r.series.map((s) => ({ labels: s.labels, value: s.values[s.values.length - 1] })),
        );
    const data = { labels, externalLabels: {}, externalURL: location.origin, value };
    const ctx = { timeMs, query, externalURL: location.origin };
    const expand = (text: string) => expandAlertTextAsync(rule.name, text, data, ctx);
    const entries = (m: Record<string, string>) =>
      Promise.all(
        Object.keys(m)
          .filter((k) => k !== '' && m[k] !== '')
          .sort()
          .map(async (k): Promise<[string, string]> => [k, await expand(m[k])]),
      );
    Promise.all([entries(rule.labels), entries(rule.annotations)]).then(
      ([l, a]) => live && setRendered({ labels: l, annotations: a }),
      (e: unknown) => live && setRendered({ labels: [], annotations: [['error', String(e)]] }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the inputs' content
  }, [api, key]);
  if (!rendered || rendered.labels.length + rendered.annotations.length === 0) return null;
  return (
    <div className="template-preview" aria-label="Rendered templates">
      <h3 className="small">
        As it would read for <span className="mono">{labelsText(labels)}</span>
      </h3>
      <dl>
        {rendered.labels.map(([k, v]) => (
          <div key={`l-${k}`}>
            <dt>label {k}</dt>
            <dd className="mono">{v}</dd>
          </div>
        ))}
        {rendered.annotations.map(([k, v]) => (
          <div key={`a-${k}`} data-annotation={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function labelsText(labels: LabelSet): string {
  const keys = Object.keys(labels).filter((k) => k !== '__name__');
  return `{${keys
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ')}}`;
}
