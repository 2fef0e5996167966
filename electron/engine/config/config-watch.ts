// --config.watch: the config file's folder is watched (editors save by writing a new file and
// renaming it over the old one, which a watch on the file itself would lose; Kubernetes swaps a
// symlink), and so are the folders of the rule_files the config in force names. Once the events
// settle, the config and the rule files its patterns match now are read: a text that differs from
// the last one seen, or a rule file added, changed or removed, calls `changed` (the engine's
// reload, which keeps the old config and rules when the new ones are bad).
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { glob } from '../rules/glob';

/** A save comes as a burst of events (truncate, write, rename): the file is read once they settle. */
const SETTLE_MS = 250;

export interface ConfigWatch {
  close(): void;
}

export function watchConfigFile(
  file: string,
  changed: () => void,
  opts: {
    log: (msg: string) => void;
    settleMs?: number;
    /** The rule_files patterns of the config in force (absolute), asked after each reload. */
    ruleFiles?: () => readonly string[];
  },
): ConfigWatch {
  const patterns = () => opts.ruleFiles?.() ?? [];
  let lastConfig = read(file);
  let lastRules = readRules(patterns());
  let settle: NodeJS.Timeout | null = null;
  let closed = false;
  const watchers = new Map<string, FSWatcher>();
  /** Folders that could not be watched (logged once each; tried again after each reload). */
  const unwatchable = new Set<string>();

  const check = () => {
    settle = null;
    if (closed) return;
    const config = read(file);
    // A file that is gone for a moment (between an editor's delete and write) is no change; the
    // write that follows is. Reading it when it is back tells whether it changed.
    if (config === null) return;
    const rules = readRules(patterns());
    if (config === lastConfig && rules === lastRules) return;
    lastConfig = config;
    changed();
    // The config now in force may name other rule files: those are the ones to compare from now.
    lastRules = readRules(patterns());
    syncWatchers();
  };
  const onEvent = () => {
    if (settle) clearTimeout(settle);
    settle = setTimeout(check, opts.settleMs ?? SETTLE_MS);
    settle.unref();
  };
  const syncWatchers = () => {
    const dirs = new Set([dirname(file), ...patterns().map(dirname)]);
    for (const [dir, w] of watchers)
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    for (const dir of dirs) {
      // A wildcard in a folder name (rule_files allow it) has no one folder to watch.
      if (watchers.has(dir) || /[*?[]/.test(dir)) continue;
      try {
        const w = watch(dir, onEvent);
        w.on('error', (err) => {
          opts.log(`config watch of ${dir} stopped: ${err.message}`);
          w.close();
          watchers.delete(dir);
        });
        w.unref();
        watchers.set(dir, w);
        unwatchable.delete(dir);
      } catch (err) {
        if (unwatchable.has(dir)) continue;
        unwatchable.add(dir);
        const what = dir === dirname(file) ? file : `the rule files in ${dir}`;
        opts.log(`cannot watch ${what}: ${(err as Error).message}; reload with SIGHUP or the Reload button`);
      }
    }
  };
  syncWatchers();
  return {
    close() {
      closed = true;
      if (settle) clearTimeout(settle);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The rule files the patterns match now, with their texts, as one string to compare. */
function readRules(patterns: readonly string[]): string {
  const files = new Set<string>();
  for (const p of patterns) {
    try {
      for (const f of glob(p)) files.add(f);
    } catch {
      // A pattern glob refuses: the reload reports it; nothing to compare.
    }
  }
  return JSON.stringify([...files].map((f) => [f, read(f)]));
}
