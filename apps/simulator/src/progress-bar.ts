/** A one-line progress bar on a terminal stream; silent when the stream is not a terminal. */
export class ProgressBar {
  private lastDrawn = -1;
  private finished = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (!this.stream.isTTY || total === 0 || this.finished) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`);
  }

  /** Ends the line; later updates are not drawn (after Ctrl-C, the report follows). Again is a no-op. */
  done(): void {
    if (this.stream.isTTY && this.lastDrawn >= 0 && !this.finished) this.stream.write('\n');
    this.finished = true;
  }
}
