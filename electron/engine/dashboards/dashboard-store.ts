// Saved dashboards: <data dir>/dashboards/<uid>.json, one Grafana JSON file each, written
// atomically (a temporary file renamed over the old one). Before a change the old file is kept
// as <uid>.prev.json, so the last change (a delete included) can be undone. Starred uids are in
// starred.json; the time of the last change is the file's mtime. Dashboards imported from a
// provisioning folder at start (provisioning.ts) are listed in provisioned.json with their file:
// as in Grafana, they cannot be saved, deleted or undone here, only saved as a copy.
//
// The folder is the truth, read on each call (a file is parsed again only when its size or
// mtime changed): `promdesk dashboard import` may write here while `promdesk serve` or the app
// runs, and its dashboards show up without a restart. A file that cannot be read is skipped and
// logged by name, never a crash.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Dashboard,
  DashboardProvisioning,
  DashboardSummary,
  ImportReport,
} from '../../../shared/dashboards/model';
import { allPanels, importDashboardText } from './import';
import { writeFileAtomic } from '../write-atomic';
import { DashboardError, parseJsonText, UID_PATTERN, validateDashboard } from './validate';

export const DASHBOARDS_DIR = 'dashboards';
const STARRED_FILE = 'starred.json';
const PROVISIONED_FILE = 'provisioned.json';
const PREV = '.prev.json';

export class DashboardNotFoundError extends Error {
  override name = 'DashboardNotFoundError';
}

/** A change to a provisioned dashboard: its file is the truth, a copy can be edited. */
export class ProvisionedDashboardError extends Error {
  override name = 'ProvisionedDashboardError';
}

/** What the last provisioning run did (provisioned.json). */
export type ProvisioningState = DashboardProvisioning;

interface Cached {
  size: number;
  mtimeMs: number;
  dashboard: Dashboard | null;
  problem: string | null;
}

function dashboardText(d: Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export class DashboardStore {
  readonly dir: string;
  private readonly cache = new Map<string, Cached>();
  /** Problems already logged, so a bad file is named once, not on every list. */
  private readonly logged = new Set<string>();

  constructor(
    dataDir: string,
    private readonly log: (msg: string) => void = (m) => console.error(m),
  ) {
    this.dir = join(dataDir, DASHBOARDS_DIR);
  }

  private file(uid: string, suffix = '.json'): string {
    if (!UID_PATTERN.test(uid))
      throw new DashboardNotFoundError(`no dashboard "${uid.slice(0, 60)}": not a valid uid`);
    return join(this.dir, `${uid}${suffix}`);
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true });
  }

  /** One file, parsed and checked (cached by size and mtime); null when it is gone. */
  private read(uid: string): Cached | null {
    const file = this.file(uid);
    let st;
    try {
      st = statSync(file);
    } catch {
      this.cache.delete(uid);
      return null;
    }
    const hit = this.cache.get(uid);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit;
    const entry: Cached = { size: st.size, mtimeMs: st.mtimeMs, dashboard: null, problem: null };
    try {
      const d = validateDashboard(parseJsonText(readFileSync(file, 'utf8')));
      if (d.uid !== uid) throw new DashboardError('uid', `"${d.uid}" differs from the file name`);
      entry.dashboard = d;
    } catch (err) {
      entry.problem = `${file}: ${(err as Error).message}`;
      if (!this.logged.has(entry.problem)) {
        this.logged.add(entry.problem);
        this.log(`dashboard skipped: ${entry.problem}`);
      }
    }
    this.cache.set(uid, entry);
    return entry;
  }

  private uids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json') && !n.endsWith(PREV) && n !== STARRED_FILE && n !== PROVISIONED_FILE)
      .map((n) => n.slice(0, -'.json'.length))
      .filter((uid) => UID_PATTERN.test(uid));
  }

  private starred(): Set<string> {
    try {
      const v = JSON.parse(readFileSync(join(this.dir, STARRED_FILE), 'utf8')) as unknown;
      return new Set(Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
    } catch {
      return new Set();
    }
  }

  /** The last provisioning run, or null when none ran (or its file is unreadable). */
  provisioning(): ProvisioningState | null {
    try {
      const v = JSON.parse(readFileSync(join(this.dir, PROVISIONED_FILE), 'utf8')) as ProvisioningState;
      return typeof v?.dashboards === 'object' && v.dashboards !== null ? v : null;
    } catch {
      return null;
    }
  }

  private provisionedFile(uid: string): string | undefined {
    const p = this.provisioning()?.dashboards;
    return p && Object.hasOwn(p, uid) ? p[uid] : undefined;
  }

  private refuseProvisioned(uid: string, what: string): void {
    const file = this.provisionedFile(uid);
    if (file !== undefined)
      throw new ProvisionedDashboardError(
        `dashboard "${uid}" is provisioned from ${file} and cannot be ${what} here: save it as a copy, or change the file`,
      );
  }

  private summary(c: Cached, starred: Set<string>, provisioned = this.provisioning()): DashboardSummary {
    const d = c.dashboard!;
    const file =
      provisioned && Object.hasOwn(provisioned.dashboards, d.uid) ? provisioned.dashboards[d.uid] : undefined;
    return {
      uid: d.uid,
      title: d.title,
      tags: d.tags,
      starred: starred.has(d.uid),
      updatedMs: Math.round(c.mtimeMs),
      panels: allPanels(d.panels).length,
      canUndo: file === undefined && this.exists(d.uid, PREV),
      ...(file !== undefined ? { provisioned: file } : {}),
    };
  }

  private exists(uid: string, suffix: string): boolean {
    try {
      statSync(this.file(uid, suffix));
      return true;
    } catch {
      return false;
    }
  }

  /** Every readable dashboard, by title; unreadable files are skipped (and logged once). */
  list(): DashboardSummary[] {
    const starred = this.starred();
    const provisioned = this.provisioning();
    const out: DashboardSummary[] = [];
    for (const uid of this.uids()) {
      const c = this.read(uid);
      if (c?.dashboard) out.push(this.summary(c, starred, provisioned));
    }
    return out.sort((a, b) => a.title.localeCompare(b.title) || a.uid.localeCompare(b.uid));
  }

  /** Names of the files that could not be read, with why. */
  problems(): string[] {
    return this.uids()
      .map((uid) => this.read(uid)?.problem)
      .filter((p): p is string => !!p);
  }

  get(uid: string): Dashboard {
    const c = this.read(uid);
    if (!c) throw new DashboardNotFoundError(`no dashboard "${uid}"`);
    if (!c.dashboard) throw new Error(`dashboard "${uid}" cannot be read: ${c.problem}`);
    return structuredClone(c.dashboard);
  }

  private summaryOf(uid: string): DashboardSummary {
    const c = this.read(uid);
    if (!c?.dashboard) throw new DashboardNotFoundError(`no dashboard "${uid}"`);
    return this.summary(c, this.starred());
  }

  /** Saves (creates or replaces) a dashboard, keeping the old version for undo. No uid: a new one. */
  put(input: unknown): DashboardSummary {
    const withUid =
      typeof input === 'object' &&
      input !== null &&
      !Array.isArray(input) &&
      !(input as { uid?: unknown }).uid
        ? { ...input, uid: randomBytes(7).toString('hex') }
        : input;
    const d = validateDashboard(withUid);
    this.refuseProvisioned(d.uid, 'saved');
    this.write(d);
    return this.summaryOf(d.uid);
  }

  /**
   * Provisioning's own writes: the dashboards of a folder, replacing what the last run wrote;
   * the dashboards that run provisioned and this one does not are deleted (as Grafana does
   * when a file goes). Undo is not kept for these: the folder is their history.
   */
  replaceProvisioned(dashboards: readonly Dashboard[], state: ProvisioningState): void {
    const before = this.provisioning()?.dashboards ?? {};
    this.ensureDir();
    for (const d of dashboards) writeFileAtomic(this.file(d.uid), dashboardText(d));
    for (const uid of Object.keys(before))
      if (!Object.hasOwn(state.dashboards, uid)) {
        try {
          rmSync(this.file(uid), { force: true });
        } catch {
          // not a valid uid any more: nothing of it to remove
        }
        this.cache.delete(uid);
      }
    writeFileAtomic(join(this.dir, PROVISIONED_FILE), `${JSON.stringify(state, null, 2)}\n`);
  }

  private write(d: Dashboard): void {
    this.ensureDir();
    const file = this.file(d.uid);
    // The old version first, itself atomically: a crash between the two leaves both readable.
    try {
      writeFileAtomic(this.file(d.uid, PREV), readFileSync(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    writeFileAtomic(file, dashboardText(d));
  }

  /** Deletes a dashboard; undo brings it back. */
  delete(uid: string): void {
    const file = this.file(uid);
    this.refuseProvisioned(uid, 'deleted');
    try {
      renameSync(file, this.file(uid, PREV));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new DashboardNotFoundError(`no dashboard "${uid}"`);
      throw err;
    }
    this.cache.delete(uid);
  }

  /** A copy under a new uid, titled "<title> (copy)". */
  duplicate(uid: string): DashboardSummary {
    const d = this.get(uid);
    const base = `${uid.slice(0, 34)}-copy`;
    let next = base;
    for (let i = 2; this.exists(next, '.json') || this.exists(next, PREV); i++)
      next = `${base}${i}`.slice(0, 40);
    this.write({ ...d, uid: next, id: null, title: `${d.title} (copy)`, version: 1 });
    return this.summaryOf(next);
  }

  /**
   * Restores the version before the last change (a deleted dashboard comes back); the version
   * it replaces becomes the one before, so a second undo redoes.
   */
  undo(uid: string): DashboardSummary {
    const file = this.file(uid);
    this.refuseProvisioned(uid, 'changed');
    const prevFile = this.file(uid, PREV);
    let prev: string;
    try {
      prev = readFileSync(prevFile, 'utf8');
    } catch {
      throw new DashboardNotFoundError(`dashboard "${uid}" has no earlier version to restore`);
    }
    let current: string | null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = null;
    }
    this.ensureDir();
    if (current === null) renameSync(prevFile, file);
    else {
      writeFileAtomic(prevFile, current);
      writeFileAtomic(file, prev);
    }
    this.cache.delete(uid);
    return this.summaryOf(uid);
  }

  star(uid: string, on: boolean): DashboardSummary {
    this.get(uid);
    const starred = this.starred();
    if (on) starred.add(uid);
    else starred.delete(uid);
    this.ensureDir();
    writeFileAtomic(join(this.dir, STARRED_FILE), `${JSON.stringify([...starred].sort())}\n`);
    return this.summaryOf(uid);
  }

  /** Imports Grafana JSON (replacing a dashboard of the same uid, which undo restores). */
  import(jsonText: string): ImportReport {
    const { dashboard, report } = importDashboardText(jsonText);
    this.refuseProvisioned(dashboard.uid, 'replaced by an import');
    this.write(dashboard);
    return report;
  }

  /** The dashboard as Grafana JSON, for Grafana's import. */
  export(uid: string): string {
    return dashboardText(this.get(uid));
  }
}
