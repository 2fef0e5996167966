// Exporters found on this machine's loopback (the engine's probeExporters), each offered with one
// click: Add makes it a target under the job its kind gets; where a starter dashboard fits (the
// Host one for node_exporter), "Add and open" also installs and opens it for that instance.
// `firstStart` probes only when the targets.probe-at-start setting is on and shows nothing when
// nothing answered; otherwise (the Targets view's "Find exporters") it probes and says what it found.
import { useEffect, useState } from 'react';
import { defaultTargetInput, type FoundExporter } from '../../../../shared/api';
import { HOST_STARTER_UID } from '../../../../shared/dashboards/starters';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { errorMessage } from '../../lib/error-message';
import { dashboardHref, navigateTo } from '../dashboards/dash-location';
import { ensureStarter, hostHref } from '../dashboards/starters';

export function ExporterOffers({
  firstStart = false,
  onClose,
}: {
  firstStart?: boolean;
  onClose?: () => void;
}) {
  const api = useApi();
  const [found, setFound] = useState<FoundExporter[] | null>(null);
  const [probing, setProbing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    (async () => {
      if (firstStart && !(await api.getSettings()).settings['targets.probe-at-start']) return;
      if (stale) return;
      setProbing(true);
      const list = await api.probeExporters();
      if (!stale) setFound(list);
    })()
      .catch((e: unknown) => !stale && setError(`Finding exporters: ${errorMessage(e)}`))
      .finally(() => !stale && setProbing(false));
    return () => {
      stale = true;
    };
  }, [api, firstStart]);

  const add = async (f: FoundExporter, open: boolean) => {
    setBusy(f.url);
    try {
      if (!added.has(f.url)) {
        await api.addTarget({ ...defaultTargetInput, url: f.url, job: f.job });
        setAdded((s) => new Set(s).add(f.url));
      }
      if (open && f.starterUid) {
        const title = await ensureStarter(api, f.starterUid);
        const instance = new URL(f.url).host;
        navigateTo(
          f.starterUid === HOST_STARTER_UID
            ? hostHref(title, { job: f.job, instance })
            : dashboardHref(f.starterUid, title),
        );
      }
    } catch (e) {
      setError(`Adding ${f.url}: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  if (firstStart && !probing && !error && !found?.length) return null;
  return (
    <section className="card exporter-offers" aria-label="Exporters on this machine">
      <header
        className="exporter-offers-header"
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}
      >
        <h2>Exporters on this machine</h2>
        {onClose && (
          <button type="button" className="btn btn-small" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <ErrorNote error={error} onDismiss={() => setError(null)} />
      {probing && <p className="hint">Looking for exporters on 127.0.0.1 and ::1…</p>}
      {found && found.length === 0 && (
        <p className="hint">
          No exporter answered on this machine&apos;s usual exporter ports (9090–9999 and a few others), apart
          from those already scraped.
        </p>
      )}
      {found && found.length > 0 && (
        <table className="table exporter-offers-table">
          <thead>
            <tr>
              <th>Exporter</th>
              <th>Endpoint</th>
              <th>Metrics</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {found.map((f) => (
              <tr key={f.url} data-exporter={f.name ?? ''}>
                <td>
                  <strong>{f.name ?? 'unknown exporter'}</strong>
                  {f.version && <span className="hint"> {f.version}</span>}
                </td>
                <td className="mono">{f.url}</td>
                <td>{f.families}</td>
                <td className="exporter-offers-actions" style={{ display: 'flex', gap: 6 }}>
                  {added.has(f.url) ? (
                    <span className="hint" role="status">
                      Added as job {f.job}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small btn-primary"
                      disabled={busy !== null}
                      title={`Scrape ${f.url} as job "${f.job}"`}
                      onClick={() => void add(f, false)}
                    >
                      Add
                    </button>
                  )}
                  {f.starterUid && (
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy !== null}
                      onClick={() => void add(f, true)}
                    >
                      {added.has(f.url) ? 'Open' : 'Add and open'}{' '}
                      {f.starterUid === HOST_STARTER_UID ? 'Host dashboard' : 'its dashboard'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
