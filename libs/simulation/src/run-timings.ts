import { NotificationPriority, NotifierPort, RunReport } from '@contact-sync/domain';

/** A clock that tells the simulation's time in milliseconds. */
export interface TimingClock {
  now(): number;
}

/** A member contact write as the API applied it: when it took effect (see the write ledger). */
export interface AppliedAt {
  readonly at: number;
}

/** The fixed cost around a change's member writes, in simulated seconds; null where there is nothing to measure. */
export interface FixedCostSeconds {
  /** From the first change written on the management account to the first member write the API applied. */
  readonly firstWriteSeconds: number | null;
  /** From the last member write the API applied to the last notification the topic accepted. */
  readonly tailSeconds: number | null;
}

/**
 * What the simulation sees of a change's fixed cost from outside the deployed code: when the world
 * wrote a change on the management account, and when the notification topic accepted a run's
 * notification. The member writes come from the write ledger (what the API applied), so that neither
 * figure depends on what the code believes it did or when it says it finished.
 */
export class RunTimings {
  private firstChangeAt?: number;
  private readonly notifiedAt: number[] = [];

  constructor(private readonly clock: TimingClock) {}

  /** The world wrote a contact on the management account at `at`: the first such write starts the change. */
  managementWritten(at: number): void {
    if (this.firstChangeAt === undefined || at < this.firstChangeAt) this.firstChangeAt = at;
  }

  /**
   * The notifier the deployed functions call: `inner`, and the time each notification was accepted.
   * A notification that failed reached no one, so it is not counted.
   */
  observe(inner: NotifierPort): NotifierPort {
    return {
      notify: async (report: RunReport, priority: NotificationPriority) => {
        await inner.notify(report, priority);
        this.notifiedAt.push(this.clock.now());
      },
    };
  }

  /** The fixed cost of the change, measured against the member writes the API applied. */
  measure(applied: readonly AppliedAt[]): FixedCostSeconds {
    let first = Infinity;
    let last = -Infinity;
    for (const write of applied) {
      first = Math.min(first, write.at);
      last = Math.max(last, write.at);
    }
    const notified = this.notifiedAt.length > 0 ? Math.max(...this.notifiedAt) : undefined;
    const wrote = applied.length > 0;
    return {
      firstWriteSeconds: wrote && this.firstChangeAt !== undefined ? seconds(first - this.firstChangeAt) : null,
      // Negative when a write in flight landed after the last notification: said as it was, not hidden.
      tailSeconds: wrote && notified !== undefined ? seconds(notified - last) : null,
    };
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
