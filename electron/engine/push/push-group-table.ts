// Where push groups persist: one row per group in the store's `push_groups` table, keyed by the
// grouping key, so a push writes (or a DELETE removes) only the group it changed. Earlier
// versions kept every group in one settings row rewritten on each push; opening migrates it.
import type Database from 'better-sqlite3';
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';

/** The settings row earlier versions kept all groups in. */
export const LEGACY_PUSH_SETTING_KEY = 'push.groups';

/** One group as stored: values as strings, so NaN and ±Inf survive JSON. */
export interface StoredPushGroup {
  grouping: LabelSet;
  families: [string, [LabelSet, string][]][];
  pushTimeS: number;
  failTimeS: number;
}

export class PushGroupTable {
  private readonly stmts;

  constructor(
    private readonly db: Database.Database,
    private readonly log: (msg: string) => void,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS push_groups (key TEXT PRIMARY KEY, data TEXT NOT NULL)');
    this.stmts = {
      all: db.prepare('SELECT key, data FROM push_groups').raw(),
      put: db.prepare(
        'INSERT INTO push_groups (key, data) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data',
      ),
      delete: db.prepare('DELETE FROM push_groups WHERE key = ?'),
      getLegacy: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
      deleteLegacy: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
    this.migrate();
  }

  /** Every stored group by key; unreadable rows are logged and skipped (and left in place). */
  loadAll(): Map<string, StoredPushGroup> {
    const out = new Map<string, StoredPushGroup>();
    for (const [key, data] of this.stmts.all.all() as [string, string][]) {
      try {
        out.set(key, JSON.parse(data) as StoredPushGroup);
      } catch (err) {
        this.log(`push: ignoring unreadable saved group ${key}: ${(err as Error).message}`);
      }
    }
    return out;
  }

  put(key: string, group: StoredPushGroup): void {
    this.stmts.put.run(key, JSON.stringify(group));
  }

  delete(key: string): void {
    this.stmts.delete.run(key);
  }

  /**
   * Moves the groups of the legacy settings row into rows of their own, in one transaction (a
   * crash leaves either the old row or the new rows). An unreadable row is kept, not deleted.
   */
  private migrate(): void {
    const raw = this.stmts.getLegacy.get(LEGACY_PUSH_SETTING_KEY) as string | undefined;
    if (raw === undefined) return;
    let groups: StoredPushGroup[];
    try {
      groups = (JSON.parse(raw) as { groups: StoredPushGroup[] }).groups;
      if (!Array.isArray(groups)) throw new Error('no "groups" list');
    } catch (err) {
      this.log(
        `push: the saved groups (settings row "${LEGACY_PUSH_SETTING_KEY}") are unreadable and were not migrated: ${(err as Error).message}`,
      );
      return;
    }
    this.db.transaction(() => {
      for (const g of groups) this.put(labelsKey(g.grouping), g);
      this.stmts.deleteLegacy.run(LEGACY_PUSH_SETTING_KEY);
    })();
    this.log(`push: moved ${groups.length} saved groups into the push_groups table`);
  }
}
