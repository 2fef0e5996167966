// "Host dashboard for <instance>": one button per host whose node_exporter Promdesk scrapes, and
// one for Promdesk's own dashboard. A click installs the starter if it is missing and opens it
// with the host's job and instance picked. Shown in the Dashboards view and on the Overview.
import { useEffect, useState } from 'react';
import type { HostOffer } from '../../../../shared/dashboards/starters';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { navigateTo, dashboardHref } from './dash-location';
import { useTargets } from '../../hooks/useTargets';
import {
  PROMDESK_STARTER_UID,
  ensureStarter,
  findHostOffers,
  HOST_STARTER_UID,
  hostHref,
  scrapeSelf,
  SELF_JOB,
  selfMetricsUrl,
} from './starters';

export function StarterOffers({
  promdesk = true,
  refreshKey = 0,
}: {
  promdesk?: boolean;
  refreshKey?: number;
}) {
  const api = useApi();
  const [offers, setOffers] = useState<HostOffer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { targets } = useTargets();
  const [selfUrl, setSelfUrl] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    selfMetricsUrl(api).then(
      (u) => !stale && setSelfUrl(u),
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [api]);
  // Promdesk's own figures (store, remote write, event loop) are in the store once it scrapes itself.
  const scrapesSelf = !!targets?.some((t) => t.input.url === selfUrl || t.input.job === SELF_JOB);
  useEffect(() => {
    let stale = false;
    findHostOffers(api).then(
      (o) => !stale && setOffers(o),
      (e: unknown) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, refreshKey]);

  const open = async (uid: string, href: (title: string) => string, before?: () => Promise<void>) => {
    try {
      await before?.();
      navigateTo(href(await ensureStarter(api, uid)));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (!offers.length && !promdesk && !error) return null;
  return (
    <div
      className="starter-offers"
      role="group"
      aria-label="Starter dashboards"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '0 0 12px' }}
    >
      {offers.map((o) => (
        <button
          key={`${o.job}\u0000${o.instance}`}
          type="button"
          className="btn btn-small btn-primary"
          data-offer-instance={o.instance}
          onClick={() => void open(HOST_STARTER_UID, (title) => hostHref(title, o))}
        >
          Host dashboard for {o.instance}
        </button>
      ))}
      {promdesk && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void open(PROMDESK_STARTER_UID, (title) => dashboardHref(PROMDESK_STARTER_UID, title))
          }
        >
          Promdesk dashboard
        </button>
      )}
      {promdesk && selfUrl && targets && !scrapesSelf && (
        <button
          type="button"
          className="btn btn-small"
          title={`Adds ${selfUrl} as a target (job "promdesk"): the Promdesk dashboard's store, remote write and event-loop panels read it`}
          onClick={() =>
            void open(
              PROMDESK_STARTER_UID,
              (title) => dashboardHref(PROMDESK_STARTER_UID, title),
              () => scrapeSelf(api, selfUrl),
            )
          }
        >
          Scrape Promdesk itself
        </button>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
