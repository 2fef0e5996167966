// file_sd_configs: target groups from JSON and YAML files, read again every refresh_interval and
// when a watched folder changes. A file that cannot be read or parsed keeps its last good groups.
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { TargetGroup } from '../targets';
import type { Discoverer } from './discoverer';
import { expandFilePattern } from './file-glob';
import type { FileSdConfig } from './sd-config';
import { parseTargetGroups } from './target-groups';

/** Edits come as bursts of events (truncate, write, rename): read once they settle. */
const WATCH_SETTLE_MS = 50;

export class FileSd implements Discoverer {
  private readonly byFile = new Map<string, TargetGroup[]>();
  private failed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private settle: NodeJS.Timeout | null = null;
  private watchers: FSWatcher[] = [];
  private onChange: (() => void) | null = null;

  constructor(private readonly cfg: FileSdConfig) {
    this.refresh();
  }

  groups(): readonly TargetGroup[] {
    return [...this.byFile.values()].flat();
  }

  errors(): readonly string[] {
    return this.failed;
  }

  start(changed: () => void): void {
    this.onChange = changed;
    this.timer = setInterval(() => this.refreshAndTell(), this.cfg.refreshIntervalMs);
    this.timer.unref();
    for (const dir of new Set(this.cfg.files.map((f) => dirname(f)))) {
      try {
        const w = watch(dir, () => this.soon());
        w.on('error', () => w.close());
        w.unref();
        this.watchers.push(w);
      } catch {
        // A folder that does not exist (yet) is found by the periodic refresh, as in Prometheus.
      }
    }
  }

  stop(): void {
    this.onChange = null;
    if (this.timer) clearInterval(this.timer);
    if (this.settle) clearTimeout(this.settle);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  private soon(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => this.refreshAndTell(), WATCH_SETTLE_MS);
    this.settle.unref();
  }

  private refreshAndTell(): void {
    if (this.refresh()) this.onChange?.();
  }

  /** Reads every file the patterns name now; true when groups or errors changed. */
  refresh(): boolean {
    const before = JSON.stringify([[...this.byFile], this.failed]);
    const seen = new Set<string>();
    const failed: string[] = [];
    for (const file of this.cfg.files.flatMap(expandFilePattern)) {
      if (seen.has(file)) continue;
      seen.add(file);
      try {
        const text = readFileSync(file, 'utf8');
        const groups = parseTargetGroups(text, /\.json$/i.test(file) ? 'json' : 'yaml');
        for (const g of groups) g.labels = { ...g.labels, __meta_filepath: file };
        this.byFile.set(file, groups);
      } catch (err) {
        // A file named by a pattern without wildcard that is absent is an error too, as Prometheus.
        failed.push(`file_sd ${file}: ${(err as Error).message}`);
        if (!this.byFile.has(file)) this.byFile.set(file, []);
      }
    }
    for (const file of [...this.byFile.keys()]) if (!seen.has(file)) this.byFile.delete(file);
    this.failed = failed;
    return JSON.stringify([[...this.byFile], this.failed]) !== before;
  }
}
