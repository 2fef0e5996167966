// The debugger's steps: the labels the first rule sees, then each rule with the labels after it,
// added labels, changed values and removed labels marked; the rule that dropped the target
// highlighted; then what the target becomes (its labels and scrape URL, or why it is none).
import type { LabelSet, RelabelDebugResult } from '../../../../shared/api';

export function StepsTable({ result }: { result: RelabelDebugResult }) {
  let before: LabelSet = result.labels;
  return (
    <div className="relabel-result">
      <table className="table relabel-steps">
        <thead>
          <tr>
            <th className="relabel-n">#</th>
            <th>Rule</th>
            <th>Labels after it</th>
          </tr>
        </thead>
        <tbody>
          <tr className="relabel-start">
            <td />
            <td className="muted">Before relabeling</td>
            <td>
              <Chips labels={result.labels} />
            </td>
          </tr>
          {result.steps.map((s, i) => {
            const prev = before;
            if (s.labels) before = s.labels;
            const dropped = i === result.droppedBy;
            return (
              <tr key={i} className={dropped ? 'relabel-dropped' : undefined} data-step={i + 1}>
                <td className="relabel-n">{i + 1}</td>
                <td>
                  <code className="relabel-rule">{s.rule}</code>
                </td>
                <td>
                  {s.labels === null ? (
                    <strong className="relabel-drop-note">
                      Dropped the target ({s.action}): no rule after it runs
                    </strong>
                  ) : (
                    <Chips labels={s.labels} prev={prev} step={s} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.steps.length === 0 && result.error === null && (
        <p className="muted">No rules: the labels are used as they are.</p>
      )}
      <Outcome result={result} />
    </div>
  );
}

function Outcome({ result }: { result: RelabelDebugResult }) {
  const o = result.outcome;
  if (o === null) return null;
  if (o.kind === 'dropped')
    return (
      <p className="relabel-outcome relabel-outcome-dropped" role="status">
        Dropped by rule {(result.droppedBy ?? 0) + 1}: the target is not scraped.
      </p>
    );
  if (o.kind === 'failed')
    return (
      <p className="relabel-outcome relabel-outcome-failed" role="status">
        Not a usable target after relabeling: {o.error}
      </p>
    );
  return (
    <div className="relabel-outcome" role="status">
      <div>
        <span className="muted">Target labels </span>
        <Chips labels={o.labels} />
      </div>
      <div>
        <span className="muted">Scrape URL </span>
        <code className="relabel-url">{o.scrapeUrl}</code>
      </div>
    </div>
  );
}

function Chips({
  labels,
  prev,
  step,
}: {
  labels: LabelSet;
  prev?: LabelSet;
  step?: { added: string[]; changed: string[]; removed: string[] };
}) {
  const names = Object.keys(labels).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cls = (n: string) =>
    step?.added.includes(n)
      ? 'label-chip relabel-added'
      : step?.changed.includes(n)
        ? 'label-chip relabel-changed'
        : 'label-chip';
  return (
    <span className="relabel-chips">
      {names.map((n) => (
        <span
          key={n}
          className={cls(n)}
          title={step?.changed.includes(n) && prev ? `was "${prev[n]}"` : undefined}
        >
          {n}="{labels[n]}"
        </span>
      ))}
      {step?.removed.map((n) => (
        <del key={`-${n}`} className="label-chip relabel-removed" title="removed by this rule">
          {n}="{prev?.[n]}"
        </del>
      ))}
    </span>
  );
}
