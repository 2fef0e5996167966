// Query history of the Explore view: most recent first, no duplicates, kept in localStorage.
export const HISTORY_KEY = 'promdesk.explore.history';
export const HISTORY_LIMIT = 50;

export interface HistoryEntry {
  query: string;
  /** When it last ran (ms since the epoch). */
  atMs: number;
}

/** `query` moved (or added) to the front; blank queries leave the list unchanged. */
export function addToHistory(list: HistoryEntry[], query: string, atMs: number): HistoryEntry[] {
  const q = query.trim();
  if (!q) return list;
  return [{ query: q, atMs }, ...list.filter((e) => e.query !== q)].slice(0, HISTORY_LIMIT);
}

/** Reads the stored list; anything malformed is dropped rather than trusted. */
export function parseHistory(raw: string | null): HistoryEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: HistoryEntry[] = [];
  for (const e of data as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const { query, atMs } = e as Record<string, unknown>;
    if (typeof query === 'string' && query.trim() && typeof atMs === 'number') out.push({ query, atMs });
  }
  return out.slice(0, HISTORY_LIMIT);
}

export function loadHistory(storage: Pick<Storage, 'getItem'> = localStorage): HistoryEntry[] {
  try {
    return parseHistory(storage.getItem(HISTORY_KEY));
  } catch {
    return []; // storage disabled
  }
}

export function saveHistory(list: HistoryEntry[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    // full or disabled storage: history is a convenience
  }
}
