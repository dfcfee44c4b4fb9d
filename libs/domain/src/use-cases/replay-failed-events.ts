import { detectContactChange } from '../changes/detect-contact-change';
import { detectNewAccount } from '../changes/detect-new-account';
import { FailedEventsPort } from '../ports/failed-events.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { DomainError } from '../shared/domain-error';
import { OnboardAccount } from './onboard-account';
import { StartSyncFromChange } from './start-sync-from-change';

/** What one replay did. */
export interface ReplayResult {
  readonly replayed: number;
  readonly dropped: number;
  readonly failed: number;
}

/**
 * Hands the events that failed on every attempt back to the use cases that handle them, so that a
 * change whose start kept failing is not lost: both use cases are idempotent, so replaying an event
 * that was handled after all does nothing. An event that fails again stays for the next replay.
 */
export class ReplayFailedEvents {
  constructor(
    private readonly failed: FailedEventsPort,
    private readonly startSync: StartSyncFromChange,
    private readonly onboard: OnboardAccount,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  async execute(max = 100): Promise<ReplayResult> {
    const counts = { replayed: 0, dropped: 0, failed: 0 };
    for (const { handle, event } of await this.failed.receive(max)) {
      try {
        const change = detectContactChange(event);
        const joined = change.ok ? undefined : detectNewAccount(event);
        if (change.ok) await this.startSync.execute(change.value);
        else if (joined?.ok) await this.onboard.execute(joined.value);
        else {
          this.logger.warn('failed event is neither a contact change nor a new account: dropped', { reason: change.error.reason });
          counts.dropped += 1;
          await this.failed.remove(handle);
          continue;
        }
        await this.failed.remove(handle);
        counts.replayed += 1;
      } catch (error) {
        counts.failed += 1;
        this.metrics.add('StartFailures');
        this.logger.error('replayed event failed again; it stays for the next replay', { error: error instanceof DomainError ? error.code : error instanceof Error ? error.name : 'unknown' });
      }
    }
    return counts;
  }
}
