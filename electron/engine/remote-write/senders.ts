// All remote_write senders of the config, fed every sample committed to the store (scraped,
// pushed, remote-written in); their /metrics and their status for the UI.
import type { RemoteWriteStatus } from '../../../shared/api';
import type { CommittedSamples } from '../store/types';
import { redactUrl } from './url-secrets';
import type { RemoteWriteConfig } from './sender-config';
import { RemoteWriteSender, type SenderOptions } from './sender';

export class RemoteWriteSenders {
  readonly senders: RemoteWriteSender[];

  constructor(configs: readonly RemoteWriteConfig[], opts: SenderOptions) {
    this.senders = configs.map((c) => new RemoteWriteSender(c, opts));
  }

  start(): void {
    for (const s of this.senders) s.start();
  }

  enqueue(committed: CommittedSamples): void {
    for (const s of this.senders) s.enqueue(committed);
  }

  status(): RemoteWriteStatus[] {
    return this.senders.map((s) => s.status());
  }

  async close(): Promise<void> {
    await Promise.all(this.senders.map((s) => s.close()));
  }

  renderMetrics(): string {
    if (this.senders.length === 0) return '';
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, value: (s: RemoteWriteSender) => number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const s of this.senders)
        lines.push(`${name}{url=${JSON.stringify(redactUrl(s.cfg.url))}} ${value(s)}`);
    };
    const c = 'promdesk_remote_write_';
    metric(
      `${c}samples_sent_total`,
      'counter',
      'Samples the receiver accepted.',
      (s) => s.metrics.samplesSent,
    );
    metric(
      `${c}samples_failed_total`,
      'counter',
      'Samples rejected with a 4xx, not retried.',
      (s) => s.metrics.samplesFailed,
    );
    metric(
      `${c}samples_retried_total`,
      'counter',
      'Samples in sends that failed and are retried.',
      (s) => s.metrics.samplesRetried,
    );
    metric(
      `${c}samples_dropped_total`,
      'counter',
      'Samples dropped from the queue (max age or size).',
      (s) => s.metrics.samplesDropped,
    );
    metric(`${c}queue_samples`, 'gauge', 'Samples waiting in the disk queue.', (s) => s.queue.stats.samples);
    metric(
      `${c}queue_bytes`,
      'gauge',
      'Bytes (uncompressed) waiting in the disk queue.',
      (s) => s.queue.stats.bytes,
    );
    metric(`${c}shards`, 'gauge', 'Parallel senders (resharded between min and max).', (s) => s.shards);
    metric(
      `${c}last_send_timestamp_seconds`,
      'gauge',
      'Time of the last successful send.',
      (s) => s.metrics.lastSendMs / 1000,
    );
    return lines.join('\n') + '\n';
  }
}
