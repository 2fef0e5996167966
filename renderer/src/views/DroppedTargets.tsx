// Config targets that relabel_configs dropped, by job, each with its labels before relabeling
// (what Prometheus lists as droppedTargets). Folded away: only their count shows at first.
import { useEffect, useState } from 'react';
import type { DroppedTargetView } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { errorMessage } from '../lib/error-message';
import { DiscoveredLabels } from './TargetTable';
import { RelabelButton } from './relabel/RelabelButton';

export function DroppedTargets() {
  const api = useApi();
  const [dropped, setDropped] = useState<DroppedTargetView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listDroppedTargets().then(setDropped, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  if (error) return <ErrorNote error={error} />;
  if (!dropped || dropped.length === 0) return null;
  const pools = new Map<string, DroppedTargetView[]>();
  for (const t of dropped) pools.set(t.scrapePool, [...(pools.get(t.scrapePool) ?? []), t]);
  return (
    <section className="card dropped-targets">
      <details>
        <summary>
          <h2>Dropped by relabeling</h2>
          <span className="count count-pending">{dropped.length}</span>
        </summary>
        {[...pools].map(([pool, list]) => (
          <div key={pool} className="dropped-pool">
            <h3>{pool}</h3>
            <ul>
              {list.map((t, i) => (
                <li key={i}>
                  <span className="mono">{t.discoveredLabels.__address__ ?? '(no address)'}</span>
                  <DiscoveredLabels labels={t.discoveredLabels} />
                  <RelabelButton
                    request={{ job: pool, labels: t.discoveredLabels }}
                    title={t.discoveredLabels.__address__ ?? pool}
                  />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </details>
    </section>
  );
}
