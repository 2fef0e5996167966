// The dashboard calls of the Api (D1's store), typed here until they are part of shared/api.ts.
import type { Api } from '../../../../shared/api';
import type { Dashboard, DashboardSummary, ImportReport } from '../../../../shared/dashboards/model';

export interface DashboardsApi {
  listDashboards(): Promise<DashboardSummary[]>;
  getDashboard(uid: string): Promise<Dashboard>;
  putDashboard(dashboard: Dashboard): Promise<unknown>;
  deleteDashboard(uid: string): Promise<unknown>;
  duplicateDashboard(uid: string): Promise<unknown>;
  undoDashboardChange(uid: string): Promise<unknown>;
  starDashboard(uid: string, on: boolean): Promise<unknown>;
  importDashboard(jsonText: string): Promise<ImportReport>;
}

export function dashboardsApi(api: Api): DashboardsApi {
  return api as unknown as DashboardsApi;
}
