// Grafana dashboard JSON text → a dashboard of the current model and its import report: parse,
// migrate, give it a uid if it has none, check its shape, and list what is not carried over.
import { createHash } from 'node:crypto';
import type { Dashboard, ImportReport, Panel, UnsupportedItem } from '../../../shared/dashboards/model';
import { isRowPanel } from '../../../shared/dashboards/model';
import { unsupportedItems } from './import-report';
import { migrateDashboard } from './migrate';
import { isObject, parseJsonText, UID_PATTERN, validateDashboard } from './validate';

export interface ImportedDashboard {
  dashboard: Dashboard;
  report: ImportReport;
}

/**
 * A uid made from the title, the same on every import of the same file (so importing it again
 * replaces it rather than adding a copy): the title's slug, or a hash when it has no letters.
 */
export function uidFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || createHash('sha256').update(title).digest('hex').slice(0, 12);
}

/** Every panel, rows' nested panels included. */
export function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => (isRowPanel(p) ? [p, ...(p.panels ?? [])] : [p]));
}

/** Gives panels without a numeric id (or with a repeated one) a free one, as Grafana does. */
function fixPanelIds(panels: Panel[]): void {
  const all = allPanels(panels);
  const seen = new Set<number>();
  let next = Math.max(0, ...all.map((p) => (typeof p.id === 'number' ? p.id : 0))) + 1;
  for (const p of all) {
    if (typeof p.id !== 'number' || seen.has(p.id)) p.id = next++;
    seen.add(p.id);
  }
}

/** Parses and migrates one dashboard file's text; DashboardError (with the JSON path) when it cannot. */
export function importDashboardText(text: string): ImportedDashboard {
  const parsed = parseJsonText(text);
  const notes: UnsupportedItem[] = [];
  const raw = migrateDashboard(parsed, (panel, item, reason) => notes.push({ panel, item, reason }));
  const fromSchemaVersion =
    isObject(parsed) && typeof parsed.schemaVersion === 'number'
      ? parsed.schemaVersion
      : isObject(parsed) && isObject(parsed.dashboard) && typeof parsed.dashboard.schemaVersion === 'number'
        ? parsed.dashboard.schemaVersion
        : 0;
  if (typeof raw.title !== 'string' || !raw.title.trim()) raw.title = 'Imported dashboard';
  const uidGenerated = typeof raw.uid !== 'string' || !UID_PATTERN.test(raw.uid);
  if (uidGenerated) {
    if (typeof raw.uid === 'string' && raw.uid)
      notes.push({
        panel: 'dashboard',
        item: 'uid',
        reason: `"${raw.uid}" is not a valid uid: a new one was made from the title`,
      });
    raw.uid = uidFromTitle(raw.title as string);
  }
  // Grafana's database id means nothing here (and would clash on import into another Grafana).
  raw.id = null;
  if (Array.isArray(raw.panels)) fixPanelIds(raw.panels.filter(isObject) as Panel[]);
  const dashboard = validateDashboard(raw);
  const unsupported = [...notes, ...unsupportedItems(dashboard)];
  return {
    dashboard,
    report: {
      uid: dashboard.uid,
      title: dashboard.title,
      panels: allPanels(dashboard.panels).length,
      unsupported,
      uidGenerated,
      fromSchemaVersion,
    },
  };
}
