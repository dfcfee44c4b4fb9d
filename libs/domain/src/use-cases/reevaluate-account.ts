import { AccountChange } from '../changes/detect-account-change';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { EventLedgerPort } from '../ports/event-ledger.port';
import { exclusionReason, ExclusionReason } from '../sync/select-targets';
import { SyncRun } from '../sync/sync-run';
import { targetingRulesOf } from '../targeting/targeting-rules';
import { LaunchRun } from './launch-run';

/** What became of a move or tag change of a member account. */
export type ReevaluateResult =
  | { readonly status: 'STARTED' | 'RESUMED'; readonly run: SyncRun }
  | { readonly status: 'DUPLICATE'; readonly runId: string }
  /** No OU rule (for a move) or no tag rule (for a tag change) exists: the change cannot change what the account should hold. */
  | { readonly status: 'NO_RULE_AFFECTED'; readonly runId: string }
  | { readonly status: 'NOT_ELIGIBLE'; readonly runId: string; readonly reason: ExclusionReason | 'NOT_IN_ORGANIZATION' };

/** The run of a move or tag change: derived from the CloudTrail event id, so every delivery names the same run. */
export const accountChangeRunId = (eventId: string): string => `acct-${eventId}`;

/**
 * Re-evaluates one member account after it was moved to another OU, or tagged or untagged: a run
 * like an onboarding (that account, every enabled kind, at the generation it finds, yielding to newer
 * change runs) that targets the account by where it is and how it is tagged when its work is done.
 * One run per CloudTrail event: a redelivered event resumes or is a duplicate, and a later change of
 * the same account is a run of its own, so that an account moved out and back in is written again.
 */
export class ReevaluateAccount {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly config: SyncConfigPort,
    private readonly eventLedger: EventLedgerPort,
    private readonly launch: LaunchRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  /** Starts, resumes or declines the run of an account change. */
  async execute(change: AccountChange): Promise<ReevaluateResult> {
    const runId = accountChangeRunId(change.eventId);
    const fields = { runId, eventId: change.eventId, accountId: change.accountId, eventName: change.eventName };
    if (!(await this.eventLedger.claimEvent(change.eventId, runId))) {
      const recorded = await this.launch.carryOn(runId);
      if (recorded?.status === 'DUPLICATE') this.metrics.add('EventsIgnored');
      if (recorded) return recorded;
      // Claimed, then cut off before the run was recorded (or declined): decide again.
    }
    const { config } = await this.config.load();
    const rules = targetingRulesOf(config);
    if (change.moved ? !rules.hasUnitRules : !rules.hasTagRules) {
      this.logger.info('account change that no targeting rule reads', fields);
      return { status: 'NO_RULE_AFFECTED', runId };
    }
    const account = await this.organization.describeAccount(change.accountId);
    const reason = account ? exclusionReason(account, config) : 'NOT_IN_ORGANIZATION';
    if (reason) {
      this.logger.info('changed account not eligible', { ...fields, reason });
      return { status: 'NOT_ELIGIBLE', runId, reason };
    }
    const run = await this.launch.execute({
      runId,
      trigger: 'ACCOUNT_CHANGE',
      eventId: change.eventId,
      initiator: change.initiator,
      kinds: config.kinds,
      requestedAt: new Date(this.clock.now()).toISOString(),
      supersedes: false,
      dryRun: config.dryRun,
      onlyAccounts: [change.accountId],
    });
    return { status: 'STARTED', run };
  }
}
