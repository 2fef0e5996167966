// A dashboard page's Export (the Grafana JSON api.exportDashboard gives, as a download) and
// "Save as copy" (the dashboard as shown, edits included, under a new uid, then opened). A
// provisioned dashboard says where it comes from and a non-editable one says so: both are
// read-only, a copy (editable) is the way to change them (as in Grafana).
import { useState } from 'react';
import type { Dashboard } from '../../../../shared/dashboards/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { dashboardHref, navigateTo } from './dash-location';
import { newDashboard } from './dashboard-edit';
import { downloadText, exportFileName } from './download';

export function DashboardActions({ dash, provisioned }: { dash: Dashboard; provisioned: string | null }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);

  const run = async (what: () => Promise<void>) => {
    try {
      setError(null);
      await what();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const saveCopy = async () => {
    const title = `${dash.title} (copy)`;
    const copy: Dashboard = {
      ...dash,
      uid: newDashboard(title).uid,
      title,
      id: null,
      version: 1,
      editable: true,
    };
    await api.putDashboard(copy);
    navigateTo(dashboardHref(copy.uid, copy.title));
  };

  return (
    <>
      {provisioned && (
        <span className="tag" title={`Provisioned from ${provisioned}: save a copy to change it`}>
          provisioned
        </span>
      )}
      {!provisioned && dash.editable === false && (
        <span className="tag" title="Saved as not editable: save a copy to change it">
          read-only
        </span>
      )}
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void run(async () =>
            downloadText(exportFileName(dash.title, dash.uid), await api.exportDashboard(dash.uid)),
          )
        }
      >
        Export
      </button>
      <button type="button" className="btn btn-small" onClick={() => void run(saveCopy)}>
        Save as copy
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
