import { CliIo } from './io';

/** How often a progress line is written when stderr is not a terminal (a log, a CI job). */
export const PROGRESS_LINE_INTERVAL_MS = 5_000;

/**
 * Progress of a long read or write on stderr. On a terminal, a one-line bar redrawn at most once per
 * percent. Elsewhere (a CI log, `2> file`), where a redrawn bar would be one endless line, a plain
 * line every few seconds with done/total and an estimate of the time left, so that a 15-minute read
 * of a large organization is never silent; a command that finishes within the first interval writes
 * nothing. Times are the wall clock's (`CliIo.now`): the estimate is for the person waiting.
 */
export class Progress {
  private lastDrawn = -1;
  private readonly startedAt: number;
  private lastLineAt: number;
  private linesWritten = 0;
  private latest?: { done: number; total: number };

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly intervalMs = PROGRESS_LINE_INTERVAL_MS,
  ) {
    this.startedAt = this.now();
    this.lastLineAt = this.startedAt;
  }

  update(done: number, total: number): void {
    if (total === 0) return;
    this.latest = { done, total };
    if (!this.io.interactive) {
      const now = this.now();
      if (now - this.lastLineAt < this.intervalMs) return;
      this.lastLineAt = now;
      this.linesWritten += 1;
      this.io.err(`${this.label}: ${progressText(done, total, now - this.startedAt)}\n`);
      return;
    }
    const percent = Math.floor((done / total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const filled = Math.round((percent / 100) * 30);
    const left = done > 0 && done < total ? `, ${remainingText(done, total, this.now() - this.startedAt)}` : '';
    this.io.err(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${percent}% ${done}/${total}${left}\x1b[K`);
  }

  /** Ends the bar; off a terminal, says how long the whole took when progress lines were written. */
  done(): void {
    if (this.io.interactive && this.lastDrawn >= 0) this.io.err('\n');
    if (!this.io.interactive && this.linesWritten > 0 && this.latest) {
      const { done, total } = this.latest;
      this.io.err(`${this.label}: ${done}/${total} done in ${duration(this.now() - this.startedAt)}\n`);
    }
    this.lastDrawn = -1;
    this.linesWritten = 0;
  }

  private now(): number {
    return this.io.now?.() ?? Date.now();
  }
}

/** `120/3936 (3%), about 14 min left`: done/total and the estimate at the pace so far. */
export function progressText(done: number, total: number, elapsedMs: number): string {
  const percent = Math.floor((done / total) * 100);
  return `${done}/${total} (${percent}%)${done > 0 && done < total ? `, ${remainingText(done, total, elapsedMs)}` : ''}`;
}

/** The time left at the pace so far: `about 14 min left`. */
function remainingText(done: number, total: number, elapsedMs: number): string {
  return `about ${duration((elapsedMs / done) * (total - done))} left`;
}

/** `45 s`, `14 min`, `2 h 5 min`: rounded up, never "0 s". */
function duration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
