// Targets grouped by job for the Targets table, with a filter over URL, job, labels and errors.
import type { TargetView } from '../../../shared/api';

export interface TargetGroup {
  job: string;
  targets: TargetView[];
  up: number;
  /** Scraped and failed, not paused: what makes a group red. */
  down: number;
}

export function groupTargets(targets: TargetView[], filter = '', onlyUnhealthy = false): TargetGroup[] {
  const q = filter.trim().toLowerCase();
  const groups = new Map<string, TargetView[]>();
  for (const t of targets) {
    if (onlyUnhealthy && t.health === 'up') continue;
    if (q) {
      const hay = [
        t.input.url,
        t.input.job,
        t.lastError ?? '',
        ...Object.entries(t.targetLabels).map(([k, v]) => `${k}=${v}`),
      ]
        .join('\n')
        .toLowerCase();
      if (!hay.includes(q)) continue;
    }
    const job = t.targetLabels.job ?? t.input.job;
    const list = groups.get(job) ?? [];
    list.push(t);
    groups.set(job, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([job, list]) => ({
      job,
      targets: list.sort((a, b) => a.input.url.localeCompare(b.input.url)),
      up: list.filter((t) => t.health === 'up').length,
      down: list.filter((t) => t.health === 'down' && !t.paused).length,
    }));
}
