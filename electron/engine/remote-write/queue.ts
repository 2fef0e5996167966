// The remote_write sender's disk queue: a small SQLite file of records, each an encoded
// WriteRequest (uncompressed) for one partition (the `shard` column; a shard of n sends the
// partitions p with p % n equal to its index, so a reshard needs no rewrite). Records are read oldest first and deleted only once
// the receiver has taken them (or they are given up), so a crash or a long outage loses nothing.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { nativeBindingPath } from '../store/native-binding';

export interface QueueRecord {
  id: number;
  createdMs: number;
  samples: number;
  body: Uint8Array;
}

export interface QueueStats {
  records: number;
  samples: number;
  bytes: number;
}

interface Row {
  id: number;
  created_ms: number;
  samples: number;
  body: Buffer;
}

export class DiskQueue {
  private readonly db: Database.Database;
  readonly stats: QueueStats = { records: 0, samples: 0, bytes: 0 };
  private insert: Database.Statement | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const binding = nativeBindingPath();
    this.db = new Database(file, binding ? { nativeBinding: binding } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS queue (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      shard INTEGER NOT NULL,
      created_ms INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      body BLOB NOT NULL
    )`);
    const s = this.db
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(samples), 0) AS s, coalesce(sum(length(body)), 0) AS b FROM queue',
      )
      .get() as { n: number; s: number; b: number };
    Object.assign(this.stats, { records: s.n, samples: s.s, bytes: s.b });
  }

  append(shard: number, createdMs: number, samples: number, body: Uint8Array): void {
    this.insert ??= this.db.prepare(
      'INSERT INTO queue (shard, created_ms, samples, body) VALUES (?, ?, ?, ?)',
    );
    this.insert.run(shard, createdMs, samples, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.stats.records++;
    this.stats.samples += samples;
    this.stats.bytes += body.byteLength;
  }

  /** Appends records in one transaction (one commit's records per partition). */
  appendMany(
    records: readonly { partition: number; samples: number; body: Uint8Array }[],
    createdMs: number,
  ): void {
    this.db.transaction(() => {
      for (const r of records) this.append(r.partition, createdMs, r.samples, r.body);
    })();
  }

  /** When the oldest record still queued was appended; null when the queue is empty. */
  oldestCreatedMs(): number | null {
    const r = this.db.prepare('SELECT created_ms FROM queue ORDER BY id LIMIT 1').get() as
      { created_ms: number } | undefined;
    return r ? r.created_ms : null;
  }

  /** The oldest records of a shard (shard number taken modulo `shards`), up to `maxSamples` in all (at least one). */
  peek(shard: number, shards: number, maxSamples: number, maxRecords = 1000): QueueRecord[] {
    const rows = this.db
      .prepare('SELECT id, created_ms, samples, body FROM queue WHERE shard % ? = ? ORDER BY id LIMIT ?')
      .all(shards, shard, maxRecords) as Row[];
    const out: QueueRecord[] = [];
    let total = 0;
    for (const r of rows) {
      if (out.length > 0 && total + r.samples > maxSamples) break;
      out.push({ id: r.id, createdMs: r.created_ms, samples: r.samples, body: r.body });
      total += r.samples;
    }
    return out;
  }

  /** Deletes records by id; returns the samples actually removed. */
  delete(ids: readonly number[]): number {
    const del = this.db.prepare('DELETE FROM queue WHERE id = ? RETURNING samples, length(body) AS b');
    let samples = 0;
    this.db.transaction(() => {
      for (const id of ids) {
        const r = del.get(id) as { samples: number; b: number } | undefined;
        if (r) samples += this.removed(r.samples, r.b);
      }
    })();
    return samples;
  }

  /** Drops records older than maxAgeMs, then the oldest until the queue fits maxBytes. */
  trim(nowMs: number, maxAgeMs: number, maxBytes: number): number {
    let dropped = 0;
    const old = this.db
      .prepare('DELETE FROM queue WHERE created_ms < ? RETURNING samples, length(body) AS b')
      .all(nowMs - maxAgeMs) as { samples: number; b: number }[];
    for (const r of old) dropped += this.removed(r.samples, r.b);
    while (this.stats.bytes > maxBytes && this.stats.records > 0) {
      const r = this.db
        .prepare(
          'DELETE FROM queue WHERE id = (SELECT min(id) FROM queue) RETURNING samples, length(body) AS b',
        )
        .get() as { samples: number; b: number } | undefined;
      if (!r) break;
      dropped += this.removed(r.samples, r.b);
    }
    return dropped;
  }

  private removed(samples: number, bytes: number): number {
    this.stats.records--;
    this.stats.samples -= samples;
    this.stats.bytes -= bytes;
    return samples;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
