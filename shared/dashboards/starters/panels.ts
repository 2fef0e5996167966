// Small builders for the starter dashboards' panels, in Grafana's classic JSON model: each sets
// the keys Grafana itself writes, so a starter exports to a file Grafana imports as it is.
import type { FieldConfigDefaults, FieldOverride, GridPos, Panel, Target } from '../model';

/** The local store: the datasource every starter's queries read. */
const DS = { type: 'prometheus', uid: '' };

export interface Query {
  expr: string;
  legend?: string;
  /** An instant query at the range's end (stat, gauge, bar gauge). */
  instant?: boolean;
}

function targets(queries: readonly Query[]): Target[] {
  return queries.map((q, i) => ({
    refId: String.fromCharCode(65 + i),
    expr: q.expr,
    legendFormat: q.legend ?? '',
    range: !q.instant,
    instant: !!q.instant,
    datasource: DS,
  }));
}

interface Common {
  title: string;
  gridPos: GridPos;
  queries: readonly Query[];
  description?: string;
  defaults?: FieldConfigDefaults;
  overrides?: FieldOverride[];
}

const green = (value: number | null = null) => ({ color: 'green', value });

function base(type: string, c: Common, custom: Record<string, unknown>, options: Record<string, unknown>) {
  return {
    id: 0,
    type,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    gridPos: c.gridPos,
    datasource: DS,
    targets: targets(c.queries),
    fieldConfig: {
      defaults: {
        thresholds: { mode: 'absolute', steps: [green()] },
        color: { mode: type === 'timeseries' ? 'palette-classic' : 'thresholds' },
        ...c.defaults,
        custom: { ...custom, ...(c.defaults?.custom ?? {}) },
      },
      overrides: c.overrides ?? [],
    },
    options,
  } satisfies Panel;
}

export interface TimeseriesOpts extends Common {
  stacking?: 'normal' | 'percent';
  fillOpacity?: number;
}

export function timeseries(c: TimeseriesOpts): Panel {
  return base(
    'timeseries',
    c,
    {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: c.fillOpacity ?? (c.stacking ? 60 : 10),
      showPoints: 'never',
      spanNulls: false,
      stacking: { mode: c.stacking ?? 'none', group: 'A' },
    },
    {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  );
}

export function stat(c: Common): Panel {
  return base(
    'stat',
    c,
    {},
    {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'none',
      justifyMode: 'auto',
      textMode: 'auto',
      orientation: 'auto',
    },
  );
}

export function barGauge(c: Common): Panel {
  return base(
    'bargauge',
    c,
    {},
    {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      displayMode: 'gradient',
      orientation: 'horizontal',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'left',
    },
  );
}

/** Thresholds green, then orange and red from these values. */
export function warnAt(orange: number, red: number) {
  return {
    mode: 'absolute' as const,
    steps: [green(), { color: 'orange', value: orange }, { color: 'red', value: red }],
  };
}

/** Draws the series whose names match `regex` below the axis (Grafana's negative-Y transform). */
export function negativeY(regex: string): FieldOverride {
  return {
    matcher: { id: 'byRegexp', options: regex },
    properties: [{ id: 'custom.transform', value: 'negative-Y' }],
  };
}

/** Gives panels the ids 1, 2, ... in order (Grafana needs them unique within a dashboard). */
export function numbered(panels: Panel[]): Panel[] {
  return panels.map((p, i) => ({ ...p, id: i + 1 }));
}
