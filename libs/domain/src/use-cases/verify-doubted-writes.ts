import { CONTACT_KINDS } from '../contacts/contact-kind';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { LaunchRun } from './launch-run';

/** Doubts verified by one sweep at most: one run's worth of members. */
export const DOUBTS_PER_SWEEP = 1000;

/** The initiator of a verification run, in its report and audit entries. */
export const VERIFY_INITIATOR = 'contact-sync:verify-writes-in-doubt';

/** Whether a run is a verification of writes in doubt (not a change, onboarding or reconcile an operator or the schedule asked for). */
export const isVerificationRun = (run: { readonly initiator: string }): boolean => run.initiator === VERIFY_INITIATOR;

/** What one verification did. */
export interface VerifyResult {
  /** Doubts that came due and were handed to a run. */
  readonly verified: number;
  /** The runs that read those members again, one per kind with doubts, when there were any. */
  readonly runIds: readonly string[];
}

/**
 * Brings back in line the members a write in doubt may have changed behind a newer run's back (see
 * {@link WriteDoubt}): once every such write has landed and shows, a run reads those members again
 * and writes the head's value where they do not hold it. One run per kind, naming the accounts with
 * a doubt of that kind, so that it reads and writes exactly the account-kinds in doubt (a run over
 * several kinds would read every kind of every account it names). The run does not take its kind
 * over (it would cut a newer change's run short): it writes at the head's generation, with the values
 * of the run that holds the head while that run is open, else with the management account's values
 * read now. Its own writes are watched like any other, so a doubt it leaves is verified in turn.
 */
export class VerifyDoubtedWrites {
  constructor(
    private readonly outcomeLedger: OutcomeLedgerPort,
    private readonly config: SyncConfigPort,
    private readonly launch: LaunchRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  /** Launches the verification of the doubts that are due, then clears them. */
  async execute(limit = DOUBTS_PER_SWEEP): Promise<VerifyResult> {
    const due = await this.outcomeLedger.dueDoubts(this.clock.now(), limit);
    if (due.length === 0) return { verified: 0, runIds: [] };
    const { config } = await this.config.load();
    // Named after the doubts it verifies: a sweep cut off before clearing them carries the same runs on.
    const batch = `verify-${Math.max(...due.map((d) => d.dueAtMs))}-${due.length}`;
    const runIds: string[] = [];
    for (const kind of CONTACT_KINDS) {
      if (!config.kinds.includes(kind)) continue;
      const accounts = [...new Set(due.filter((d) => d.kind === kind).map((d) => d.accountId))];
      if (accounts.length === 0) continue;
      const runId = `${batch}-${kind}`;
      await this.launch.execute({
        runId,
        trigger: 'RECONCILE',
        initiator: VERIFY_INITIATOR,
        kinds: [kind],
        requestedAt: new Date(this.clock.now()).toISOString(),
        supersedes: false,
        dryRun: config.dryRun,
        onlyAccounts: accounts,
      });
      runIds.push(runId);
      this.logger.info('writes in doubt verified', { runId, accounts: accounts.length, kind });
    }
    // Cleared once the runs are recorded (a doubt recorded again since, for a later write, stays).
    for (const doubt of due) await this.outcomeLedger.clearDoubt(doubt);
    this.metrics.add('DoubtsVerified', due.length);
    return { verified: due.length, runIds };
  }
}
