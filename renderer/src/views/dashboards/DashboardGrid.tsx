// The dashboard's panels on the 24-column grid, in sections under their rows, as Grafana shows
// them: repeated panels and rows copied per variable value, a panel's header drags it (within its
// row or into another), its corner resizes it, a row's handle moves it with its panels; each
// change is handed to onChange to be saved. `?viewPanel=<id>` shows one panel full screen and
// `?inspect=<id>` its inspector (keys v and i on the hovered panel, Esc back). A collapsed row's
// header carries data-row-state="collapsed"; a click opens it (and closes it again).
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { GRID_COLUMNS, type Panel } from '../../../../shared/dashboards/model';
import { compact, type GridItem } from '../../../../shared/dashboards/grid-layout';
import {
  expandRepeats,
  scopeVariables,
  type Scope,
  type ShownPanel,
  type ShownSection,
} from '../../../../shared/dashboards/repeat';
import '../../styles/dashboard-layout.css';
import { useLocation } from './dash-location';
import { panelsOf, sectionsOf, type Section } from './layout';
import {
  addRow,
  duplicatePanel,
  movePanel,
  moveRow,
  removePanel,
  removeRow,
  renameRow,
  resizePanel,
} from './layout-edit';
import { displayText, type QueryContext } from './panel-data';
import { findShown, setPanelParam, typingIn } from './panel-url';
import { PanelInspect } from './PanelInspect';
import { GridPanel, type GridOps } from './GridPanel';

/** Grid row height and gap, as dashboards.css draws .dash-grid (Grafana's 30 px rows). */
const ROW_PX = 30;
const GAP_PX = 8;
/** A press that moves less than this is a click, not a drag. */
const SLOP_PX = 4;
const NO_VARS = new Map();

interface Gesture {
  kind: 'panel' | 'resize' | 'row';
  key: string;
  box: GridItem | null;
  x0: number;
  y0: number;
  /** Where in the panel it was grabbed, px from its top-left. */
  grabX: number;
  grabY: number;
  started: boolean;
  base: Section[];
  last: string;
}

export function DashboardGrid({
  panels,
  ctx,
  ctxKey,
  onChange,
  onUndo,
}: {
  panels: Panel[];
  ctx: QueryContext | null;
  ctxKey: string;
  /** Saves a layout change; without it the layout is read-only. */
  onChange?: (panels: Panel[]) => Promise<unknown> | void;
  /** Brings back the saved dashboard before the last change (the store keeps it). */
  onUndo?: () => void;
}) {
  const loc = useLocation();
  const params = new URLSearchParams(loc.search);
  const viewRef = params.get('viewPanel');
  const inspectRef = params.get('inspect');
  const editable = !!onChange;

  const model = useMemo(() => sectionsOf(panels), [panels]);
  // A layout being dragged, or dropped and on its way to being saved (until `panels` changes).
  const [draft, setDraft] = useState<{ from: Panel[]; sections: Section[] } | null>(null);
  const sections = draft && draft.from === panels ? draft.sections : model;
  const vars = ctx?.vars;
  const shown = useMemo(() => expandRepeats(sections, vars ?? NO_VARS), [sections, vars]);
  const boxes = useMemo(
    () => new Map(shown.map((s) => [s.key, compact(s.panels.map((p) => p.box))])),
    [shown],
  );
  const scoped = useMemo(() => {
    const cache = new Map<string, QueryContext>();
    return (scope: Scope): QueryContext | null => {
      if (!ctx || Object.keys(scope).length === 0) return ctx;
      const k = JSON.stringify(scope);
      let c = cache.get(k);
      if (!c) cache.set(k, (c = { ...ctx, vars: scopeVariables(ctx.vars, scope) }));
      return c;
    };
  }, [ctx]);

  // Rows the user opened or closed here, by section key; the rest as the dashboard says.
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragging, setDragging] = useState<{ kind: Gesture['kind']; key: string } | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const gridEls = useRef(new Map<string, HTMLElement>());
  const sectionEls = useRef(new Map<string, HTMLElement>());
  const hovered = useRef<string | null>(null);
  const latest = useRef({ sections, panels, onChange, viewRef, inspectRef });
  latest.current = { sections, panels, onChange, viewRef, inspectRef };

  // Once a save is done the draft goes: on success `panels` already holds it; a refused save (a
  // provisioned dashboard, say) brings the saved layout back rather than showing one not kept.
  const settleDraft = (saving: Promise<unknown> | void) =>
    void Promise.resolve(saving).finally(() =>
      setDraft((d) => (d && d.from === latest.current.panels ? null : d)),
    );
  // A layout change was saved from this page: its Undo is offered.
  const [changed, setChanged] = useState(false);
  const commit = (next: Section[]) => {
    setDraft({ from: panels, sections: next });
    setChanged(true);
    settleDraft(onChange?.(panelsOf(next)));
  };

  const isCollapsed = (s: ShownSection) => (s.row ? Boolean(s.row.collapsed) !== toggled.has(s.key) : false);
  /** Sections a panel can be dropped in: the model's own (not row copies), open. */
  const targets = shown.filter((s) => s.clone === 0 && !isCollapsed(s));

  const onMove = (e: globalThis.PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    if (!g.started) {
      if (Math.hypot(e.clientX - g.x0, e.clientY - g.y0) < SLOP_PX) return;
      g.started = true;
      setDragging({ kind: g.kind, key: g.key });
    }
    let next: Section[];
    let cell: string;
    if (g.kind === 'row') {
      const others = g.base.filter((s) => s.key !== g.key);
      const index = others.filter((s) => {
        const r = sectionEls.current.get(s.key)?.getBoundingClientRect();
        return r && r.top + r.height / 2 < e.clientY;
      }).length;
      cell = String(index);
      next = moveRow(g.base, g.key, index);
    } else {
      const target = g.kind === 'resize' ? home(g.key) : pickSection(e.clientY);
      const rect = target && gridEls.current.get(target)?.getBoundingClientRect();
      if (!target || !rect || !g.box) return;
      const col = (rect.width + GAP_PX) / GRID_COLUMNS;
      const row = ROW_PX + GAP_PX;
      if (g.kind === 'resize') {
        const w = Math.round(g.box.w + (e.clientX - g.x0) / col);
        const h = Math.round(g.box.h + (e.clientY - g.y0) / row);
        cell = `${w},${h}`;
        next = resizePanel(g.base, g.key, w, h);
      } else {
        const x = Math.max(0, Math.round((e.clientX - g.grabX - rect.left) / col));
        const y = Math.max(0, Math.round((e.clientY - g.grabY - rect.top) / row));
        cell = `${target}:${x},${y}`;
        next = movePanel(g.base, g.key, { section: target, x, y });
      }
    }
    if (cell === g.last) return;
    g.last = cell;
    setDraft({ from: latest.current.panels, sections: next });
  };

  const end = (cancel: boolean) => {
    const g = gesture.current;
    gesture.current = null;
    window.removeEventListener('pointermove', listeners.move);
    window.removeEventListener('pointerup', listeners.up);
    window.removeEventListener('pointercancel', listeners.cancel);
    setDragging(null);
    if (!g?.started) return;
    const { sections: now, onChange: save, panels: from } = latest.current;
    if (cancel || now === g.base) {
      setDraft(null);
      return;
    }
    const before = JSON.stringify(panelsOf(g.base));
    const after = panelsOf(now);
    if (JSON.stringify(after) === before) setDraft(null);
    else {
      setDraft({ from, sections: now });
      setChanged(true);
      settleDraft(save?.(after));
    }
  };
  // The window's listeners stay the same functions for a whole gesture; they call this render's code.
  const live = useRef({ move: onMove, end });
  live.current = { move: onMove, end };
  const listeners = useMemo(
    () => ({
      move: (e: globalThis.PointerEvent) => live.current.move(e),
      up: () => live.current.end(false),
      cancel: () => live.current.end(true),
    }),
    [],
  );

  const begin = (e: PointerEvent, g: Omit<Gesture, 'x0' | 'y0' | 'started' | 'base' | 'last'>) => {
    if (e.button !== 0 || gesture.current) return;
    e.preventDefault();
    gesture.current = { ...g, x0: e.clientX, y0: e.clientY, started: false, base: sections, last: '' };
    window.addEventListener('pointermove', listeners.move);
    window.addEventListener('pointerup', listeners.up);
    window.addEventListener('pointercancel', listeners.cancel);
  };

  /** The section a panel key is in. */
  function home(key: string): string | null {
    return sections.find((s) => s.keys.includes(key))?.key ?? null;
  }
  /** The open section under (or nearest to) the pointer's height. */
  function pickSection(y: number): string | null {
    let best: string | null = null;
    let dist = Infinity;
    for (const s of targets) {
      const r = gridEls.current.get(s.key)?.getBoundingClientRect();
      if (!r) continue;
      const d = y < r.top ? r.top - y : y > r.bottom ? y - r.bottom : 0;
      if (d < dist) [best, dist] = [s.key, d];
    }
    return best;
  }

  // Keys on the hovered panel: v views it (or back), i inspects it; Esc closes the inspector,
  // then the full-screen view, and cancels a drag.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const { viewRef: view, inspectRef: inspect } = latest.current;
      if (e.key === 'Escape') {
        if (gesture.current) live.current.end(true);
        else if (inspect !== null) setPanelParam('inspect', null);
        else if (view !== null) setPanelParam('viewPanel', null);
        return;
      }
      const key = hovered.current;
      if (e.key === 'v' && (key || view !== null)) {
        setPanelParam('viewPanel', view !== null && (!key || key === view) ? null : key);
      } else if (e.key === 'i' && key) setPanelParam('inspect', key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => () => live.current.end(true), []);

  // What the panels call back, through one object for the grid's life (GridPanel is memoised).
  const ops = useRef<GridOps['current']>(null!) as GridOps;
  ops.current = {
    hover: (key) => (hovered.current = key),
    grab: (e, kind, key, box) => {
      const r = (e.currentTarget as Element).getBoundingClientRect();
      begin(e, { kind, key, box, grabX: e.clientX - r.left, grabY: e.clientY - r.top });
    },
    view: (key) => setPanelParam('viewPanel', viewRef === key ? null : key),
    edit: (id) => setPanelParam('editPanel', String(id)),
    inspect: (key) => setPanelParam('inspect', key),
    duplicate: (key) => commit(duplicatePanel(sections, key)),
    remove: (key) => commit(removePanel(sections, key)),
  };

  const item = (s: ShownSection, p: ShownPanel, box: GridItem | null) => {
    const own = editable && p.clone === 0 && s.clone === 0;
    return (
      <GridPanel
        key={`${p.key}|${JSON.stringify(p.scope)}`}
        p={p}
        box={box}
        ctx={scoped(p.scope)}
        ctxKey={ctxKey}
        own={own}
        moving={own && dragging?.key === p.sourceKey}
        ops={ops}
      />
    );
  };

  const inspected = inspectRef !== null ? findShown(shown, inspectRef) : null;
  const inspectWidth = useMemo(
    () =>
      (inspectRef &&
        document.querySelector<HTMLElement>(`[data-grid-key="${CSS.escape(inspectRef)}"]`)?.clientWidth) ||
      Math.round(window.innerWidth * 0.9),
    [inspectRef],
  );
  const inspector =
    inspectRef === null ? null : inspected ? (
      <PanelInspect
        key={inspected.key}
        panel={inspected.panel}
        title={displayText(inspected.panel.title ?? '', scoped(inspected.scope)?.vars)}
        ctx={scoped(inspected.scope)}
        widthPx={inspectWidth}
        onClose={() => setPanelParam('inspect', null)}
      />
    ) : (
      <p className="field-error" role="alert">
        Panel {inspectRef} is not in this dashboard.
      </p>
    );

  if (viewRef !== null) {
    const viewed = findShown(shown, viewRef);
    const section = viewed && shown.find((s) => s.panels.includes(viewed));
    return (
      <div className="dash-view">
        <div className="dash-view-bar">
          <button type="button" className="btn btn-small" onClick={() => setPanelParam('viewPanel', null)}>
            Back to dashboard
          </button>
          <span className="muted">Esc</span>
        </div>
        {viewed && section ? (
          <div className="dash-view-panel">{item(section, viewed, null)}</div>
        ) : (
          <p className="field-error" role="alert">
            Panel {viewRef} is not in this dashboard.
          </p>
        )}
        {inspector}
      </div>
    );
  }

  return (
    <>
      <div className={`dash-sections${dragging ? ` dash-dragging-${dragging.kind}` : ''}`}>
        {shown.map((s) => {
          const collapsed = isCollapsed(s);
          const title = s.row ? displayText(s.row.title ?? '', scoped(s.scope)?.vars) : '';
          const own = editable && s.clone === 0;
          const laid = boxes.get(s.key) ?? [];
          const dropZone = own && !collapsed && dragging?.kind === 'panel';
          return (
            <div
              className="dash-section"
              key={s.key}
              data-section={s.key}
              ref={(el) => {
                if (el && s.clone === 0) sectionEls.current.set(s.sourceKey, el);
              }}
            >
              {s.row && (
                <div className="dash-row-bar">
                  {renaming === s.key ? (
                    <input
                      className="dash-row-rename"
                      aria-label="Row title"
                      defaultValue={s.row.title ?? ''}
                      autoFocus
                      onBlur={(e) => {
                        setRenaming(null);
                        if (e.target.value !== (s.row?.title ?? ''))
                          commit(renameRow(sections, s.key, e.target.value));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') e.currentTarget.blur();
                        if (e.key === 'Escape') {
                          e.currentTarget.value = s.row?.title ?? '';
                          e.currentTarget.blur();
                        }
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      className="dash-row-header"
                      data-row-state={collapsed ? 'collapsed' : 'expanded'}
                      data-row-title={title}
                      aria-expanded={!collapsed}
                      onClick={() =>
                        setToggled((t) => {
                          const n = new Set(t);
                          if (n.has(s.key)) n.delete(s.key);
                          else n.add(s.key);
                          return n;
                        })
                      }
                    >
                      <span className="chevron" aria-hidden="true">
                        {collapsed ? '▸' : '▾'}
                      </span>
                      {title || 'Row'}
                      {collapsed && <span className="dash-row-count">({s.panels.length} panels)</span>}
                    </button>
                  )}
                  {own && (
                    <span className="dash-row-tools">
                      <button
                        type="button"
                        aria-label={`Rename row ${title}`}
                        onClick={() => setRenaming(s.key)}
                      >
                        ✎
                      </button>
                      <button
                        type="button"
                        aria-label={`Remove row ${title}`}
                        title="Remove the row; its panels stay"
                        onClick={() => commit(removeRow(sections, s.key))}
                      >
                        ✕
                      </button>
                      <button
                        type="button"
                        className="dash-row-handle"
                        aria-label={`Move row ${title}`}
                        title="Drag to move the row with its panels"
                        onPointerDown={(e) =>
                          begin(e, { kind: 'row', key: s.key, box: null, grabX: 0, grabY: 0 })
                        }
                      >
                        ⠿
                      </button>
                    </span>
                  )}
                </div>
              )}
              {!collapsed && (s.panels.length > 0 || dropZone) && (
                <div
                  className={`dash-grid${dropZone ? ' dash-drop' : ''}`}
                  ref={(el) => {
                    if (el) gridEls.current.set(s.key, el);
                    else gridEls.current.delete(s.key);
                  }}
                >
                  {s.panels.map((p, i) => item(s, p, laid[i]))}
                </div>
              )}
            </div>
          );
        })}
        {editable && (
          <div className="dash-grid-footer">
            <button type="button" className="btn btn-small" onClick={() => commit(addRow(sections))}>
              Add row
            </button>
            {changed && onUndo && (
              <button
                type="button"
                className="btn btn-small"
                title="Bring back the dashboard as it was saved before the last change"
                onClick={() => {
                  setChanged(false);
                  onUndo();
                }}
              >
                Undo last change
              </button>
            )}
          </div>
        )}
      </div>
      {inspector}
    </>
  );
}
