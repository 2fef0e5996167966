// A remote_write entry of prometheus.yml, as the sender uses it (defaults as in Prometheus, plus
// Promdesk's disk-queue bounds promdesk_max_age / promdesk_max_bytes under queue_config).
import type { RelabelRule } from '../relabel/rule';

export interface QueueConfig {
  /** Accepted for compatibility; the disk queue is bounded by maxAgeMs and maxBytes instead. */
  capacity: number;
  /** Parallel senders are resharded between these (at most MAX_SHARDS of sender.ts). */
  minShards: number;
  maxShards: number;
  maxSamplesPerSend: number;
  batchSendDeadlineMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Retry 429 replies (Prometheus's retry_on_http_429, off by default): else they are dropped. */
  retryOnHttp429: boolean;
  maxAgeMs: number;
  maxBytes: number;
}

export interface RemoteWriteConfig {
  url: string;
  name: string | null;
  remoteTimeoutMs: number;
  basicAuth: { username: string; password: string } | null;
  bearerToken: string | null;
  /** write_relabel_configs, every action of Prometheus 2.42. */
  writeRelabel: RelabelRule[];
  queue: QueueConfig;
}

export const DEFAULT_QUEUE: QueueConfig = {
  capacity: 10_000,
  minShards: 1,
  maxShards: 50,
  maxSamplesPerSend: 2000,
  batchSendDeadlineMs: 5000,
  minBackoffMs: 30,
  maxBackoffMs: 5000,
  retryOnHttp429: false,
  maxAgeMs: 2 * 3600_000,
  maxBytes: 256 * 1024 * 1024,
};

export const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;
