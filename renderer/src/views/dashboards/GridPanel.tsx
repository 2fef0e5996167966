// One panel on the grid: its PanelView, its menu, and (for a panel the user may move) the header
// as drag handle and the corner as resize handle. Memoised on what it shows, so a drag step over
// a 500-panel dashboard redraws only the panels that moved.
import { memo, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import type { GridItem } from '../../../../shared/dashboards/grid-layout';
import type { Panel } from '../../../../shared/dashboards/model';
import type { ShownPanel } from '../../../../shared/dashboards/repeat';
import { gridArea } from './layout';
import { displayText, type QueryContext } from './panel-data';
import { PanelMenu } from './PanelMenu';
import { PanelView } from './PanelView';

const FILL: CSSProperties = { gridArea: '1 / 1' };

/** What a grid panel asks of the grid; one object for the grid's life, so it never re-renders them. */
export interface GridOps {
  current: {
    hover(key: string | null): void;
    grab(e: ReactPointerEvent, kind: 'panel' | 'resize', key: string, box: GridItem): void;
    view(key: string): void;
    edit(id: number): void;
    inspect(key: string): void;
    duplicate(key: string): void;
    remove(key: string): void;
  };
}

interface Props {
  p: ShownPanel;
  /** Null in the full-screen view. */
  box: GridItem | null;
  ctx: QueryContext | null;
  ctxKey: string;
  /** The user may move, resize, duplicate and remove it (not a repeated copy, the layout editable). */
  own: boolean;
  moving: boolean;
  ops: GridOps;
}

function GridPanelView({ p, box, ctx, ctxKey, own, moving, ops }: Props) {
  const title = displayText(p.panel.title ?? '', ctx?.vars);
  return (
    <div
      className={`dash-item${own ? ' dash-item-editable' : ''}${moving ? ' dash-item-moving' : ''}`}
      style={box ? gridArea(box) : undefined}
      data-grid-key={p.key}
      onPointerEnter={() => ops.current.hover(p.key)}
      onPointerLeave={() => ops.current.hover(null)}
      onPointerDown={(e) => {
        const t = e.target as Element;
        if (!own || !box || !t.closest('.dash-panel-header') || t.closest('button, a, input, select')) return;
        ops.current.grab(e, 'panel', p.sourceKey, box);
      }}
    >
      <PanelView
        panel={p.panel}
        ctx={ctx}
        ctxKey={Object.keys(p.scope).length ? `${ctxKey}|${JSON.stringify(p.scope)}` : ctxKey}
        style={FILL}
      />
      <PanelMenu
        title={title}
        actions={{
          view: () => ops.current.view(p.key),
          edit: () => ops.current.edit(p.panel.id),
          inspect: () => ops.current.inspect(p.key),
          ...(own && {
            duplicate: () => ops.current.duplicate(p.sourceKey),
            remove: () => ops.current.remove(p.sourceKey),
          }),
        }}
      />
      {own && box && (
        <span
          className="dash-resize"
          role="presentation"
          title="Drag to resize"
          onPointerDown={(e) => {
            e.stopPropagation();
            ops.current.grab(e, 'resize', p.sourceKey, box);
          }}
        />
      )}
    </div>
  );
}

/** The same panel model but for its place (a layout step makes new objects with a new gridPos). */
function samePanel(a: Panel, b: Panel): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k === 'gridPos' || a[k] === b[k]);
}

const sameBox = (a: GridItem | null, b: GridItem | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h);

export const GridPanel = memo(
  GridPanelView,
  (a, b) =>
    a.p.key === b.p.key &&
    a.p.sourceKey === b.p.sourceKey &&
    samePanel(a.p.panel, b.p.panel) &&
    sameBox(a.box, b.box) &&
    a.ctx === b.ctx &&
    a.ctxKey === b.ctxKey &&
    a.own === b.own &&
    a.moving === b.moving &&
    a.ops === b.ops,
);
