// A one-line progress bar for long CLI work on a terminal: fraction, count and rate.
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  update(fraction: number, count: number): void {
    const now = Date.now();
    if (now - this.lastDraw < 100 && fraction < 1) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? Math.round(count / secs) : 0;
    this.out.write(
      `\r${this.label} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
        `${count} samples, ${rate}/s`,
    );
  }

  done(): void {
    this.out.write('\n');
  }
}
