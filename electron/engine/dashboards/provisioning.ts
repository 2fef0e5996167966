// File provisioning, as Grafana's: at start every *.json under a folder (recursively, in path
// order) is imported with the uid its file gives (or one made from its title), replacing what the
// last run provisioned. A file that fails is named with why, and the rest go on. The dashboards
// are marked as provisioned (read-only in the UI; "Save as copy" makes an editable one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dashboard } from '../../../shared/dashboards/model';
import type { DashboardStore, ProvisioningState } from './dashboard-store';
import { importDashboardText } from './import';

/** The *.json files under dir, sorted by path; dot-folders (.git) are skipped. */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.toLowerCase().endsWith('.json') && (e.isFile() || statSync(p).isFile())) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Imports the folder's dashboards into the store. Never throws for a bad file or folder: each
 * problem is logged ("dashboard provisioning: <file>: <why>") and kept in the returned state.
 */
export function provisionDashboards(
  store: Pick<DashboardStore, 'replaceProvisioned'>,
  dir: string,
  log: (msg: string) => void,
): ProvisioningState {
  const state: ProvisioningState = { dir, dashboards: {}, problems: [] };
  const problem = (file: string, error: string) => {
    state.problems.push({ file, error });
    log(`dashboard provisioning: ${file}: ${error}`);
  };
  let files: string[] = [];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    files = jsonFiles(dir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    problem(dir, e.code === 'ENOENT' ? 'no such folder' : e.message);
  }
  const dashboards: Dashboard[] = [];
  for (const file of files) {
    try {
      const { dashboard } = importDashboardText(readFileSync(file, 'utf8'));
      const earlier = state.dashboards[dashboard.uid];
      if (earlier !== undefined)
        throw new Error(`uid "${dashboard.uid}" is already provisioned from ${earlier}: skipped`);
      state.dashboards[dashboard.uid] = file;
      dashboards.push(dashboard);
    } catch (err) {
      problem(file, (err as Error).message);
    }
  }
  try {
    store.replaceProvisioned(dashboards, state);
  } catch (err) {
    problem(dir, `cannot write to the data directory: ${(err as Error).message}`);
  }
  log(
    `dashboard provisioning: ${dashboards.length} dashboard(s) from ${dir}` +
      (state.problems.length ? `, ${state.problems.length} problem(s)` : ''),
  );
  return state;
}
