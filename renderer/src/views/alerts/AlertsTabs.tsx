// The three alerting pages under one nav entry: Alerts, Rules, Silences.
import { viewPath, type ViewName } from '../../lib/route';

const tabs: { view: ViewName; label: string }[] = [
  { view: 'alerts', label: 'Alerts' },
  { view: 'rules', label: 'Rules' },
  { view: 'silences', label: 'Silences' },
];

export function AlertsTabs({ current }: { current: ViewName }) {
  return (
    <nav className="alerts-tabs" aria-label="Alerting">
      {tabs.map((t) => (
        <a
          key={t.view}
          href={viewPath(t.view)}
          className={t.view === current ? 'on' : undefined}
          aria-current={t.view === current ? 'page' : undefined}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
