// A remote_write entry of prometheus.yml, as the sender uses it (defaults as in Prometheus, plus
// Promdesk's disk-queue bounds promdesk_max_age / promdesk_max_bytes under queue_config).

export interface WriteRelabel {
  action: 'keep' | 'drop';
  sourceLabels: string[];
  separator: string;
  /** Anchored, as Prometheus anchors relabel regexes. */
  regex: RegExp;
}

export interface QueueConfig {
  /** Accepted for compatibility; the disk queue is bounded by maxAgeMs and maxBytes instead. */
  capacity: number;
  maxShards: number;
  maxSamplesPerSend: number;
  batchSendDeadlineMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxAgeMs: number;
  maxBytes: number;
}

export interface RemoteWriteConfig {
  url: string;
  name: string | null;
  remoteTimeoutMs: number;
  basicAuth: { username: string; password: string } | null;
  bearerToken: string | null;
  writeRelabel: WriteRelabel[];
  queue: QueueConfig;
}

export const DEFAULT_QUEUE: QueueConfig = {
  capacity: 10_000,
  maxShards: 50,
  maxSamplesPerSend: 2000,
  batchSendDeadlineMs: 5000,
  minBackoffMs: 30,
  maxBackoffMs: 5000,
  maxAgeMs: 2 * 3600_000,
  maxBytes: 256 * 1024 * 1024,
};

export const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;
