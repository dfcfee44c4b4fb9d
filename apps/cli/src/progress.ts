import { CliIo } from './io';

/** A one-line progress bar on stderr, drawn only on a terminal and at most once per percent. */
export class Progress {
  private lastDrawn = -1;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (!this.io.interactive || total === 0) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const filled = Math.round((percent / 100) * 30);
    this.io.err(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${percent}% ${done}/${total}`);
  }

  done(): void {
    if (this.io.interactive && this.lastDrawn >= 0) this.io.err('\n');
    this.lastDrawn = -1;
  }
}
