// Building dashboards in the UI: a new empty dashboard and a new panel placed below the others.
import {
  CURRENT_SCHEMA_VERSION,
  isRowPanel,
  type Dashboard,
  type Panel,
} from '../../../../shared/dashboards/model';

/** A fresh uid: 14 characters of [a-z0-9] (Grafana's are up to 40). */
function newUid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return [...bytes].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

export function newDashboard(title: string): Dashboard {
  return {
    uid: newUid(),
    title,
    tags: [],
    schemaVersion: CURRENT_SCHEMA_VERSION,
    panels: [],
    templating: { list: [] },
    time: { from: 'now-1h', to: 'now' },
    refresh: '',
    graphTooltip: 0,
  };
}

function allPanels(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((p) => (isRowPanel(p) ? [p, ...(p.panels ?? [])] : [p]));
}

export function newPanel(d: Dashboard, spec: { title: string; type: string; expr: string }): Panel {
  const all = allPanels(d.panels);
  const id = Math.max(0, ...all.map((p) => p.id ?? 0)) + 1;
  const bottom = Math.max(0, ...d.panels.map((p) => (p.gridPos?.y ?? 0) + (p.gridPos?.h ?? 0)));
  const small = spec.type === 'stat' || spec.type === 'gauge';
  return {
    id,
    type: spec.type,
    title: spec.title,
    gridPos: { x: 0, y: bottom, w: small ? 6 : 12, h: small ? 4 : 8 },
    targets: spec.type === 'text' ? [] : [{ refId: 'A', expr: spec.expr }],
    options: spec.type === 'text' ? { mode: 'markdown', content: spec.expr } : {},
    fieldConfig: { defaults: {}, overrides: [] },
  };
}
