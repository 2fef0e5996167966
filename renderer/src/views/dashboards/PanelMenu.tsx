// A panel's menu in its header, as Grafana's: View (v), Edit (e), Inspect (i), Duplicate, Remove.
// A repeated copy offers what does not change the layout (its source is the one to duplicate).
import { useEffect, useRef, useState } from 'react';

export interface PanelMenuActions {
  view: () => void;
  edit: () => void;
  inspect: () => void;
  /** Absent when the layout cannot change here (a repeated copy, or a read-only dashboard). */
  duplicate?: () => void;
  remove?: () => void;
}

export function PanelMenu({ title, actions }: { title: string; actions: PanelMenuActions }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', close);
    window.addEventListener('keydown', esc, true);
    return () => {
      document.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', esc, true);
    };
  }, [open]);
  const item = (label: string, key: string | null, run: (() => void) | undefined) =>
    run && (
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          setOpen(false);
          run();
        }}
      >
        <span>{label}</span>
        {key && <kbd>{key}</kbd>}
      </button>
    );
  return (
    <div className="dash-panel-menu" ref={box}>
      <button
        type="button"
        className="dash-panel-menu-button"
        aria-label={`Menu of panel ${title}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        ⋮
      </button>
      {open && (
        <div className="dash-menu" role="menu" aria-label={`Panel ${title}`}>
          {item('View', 'v', actions.view)}
          {item('Edit', 'e', actions.edit)}
          {item('Inspect', 'i', actions.inspect)}
          {item('Duplicate', null, actions.duplicate)}
          {item('Remove', null, actions.remove)}
        </div>
      )}
    </div>
  );
}
