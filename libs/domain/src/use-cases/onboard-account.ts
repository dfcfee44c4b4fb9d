import { NewAccount } from '../changes/detect-new-account';
import { MemberAccount } from '../accounts/member-account';
import { ClockPort } from '../ports/clock.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { exclusionReason, ExclusionReason } from '../sync/select-targets';
import { SyncRun } from '../sync/sync-run';
import { placementOf } from '../organization/placement';
import { TagReader } from '../organization/tag-reader';
import { targetingRulesOf } from '../targeting/targeting-rules';
import { LaunchRun } from './launch-run';

/** What became of a joining account. */
export type OnboardResult =
  | { readonly status: 'STARTED' | 'RESUMED'; readonly run: SyncRun }
  | { readonly status: 'DUPLICATE'; readonly runId: string }
  | { readonly status: 'NOT_ELIGIBLE'; readonly reason: ExclusionReason | 'NOT_IN_ORGANIZATION' };

/** The placement part of the run id of an onboarding whose account's parent or tags could not be read. */
export const UNREAD_PLACEMENT = 'unread';

/**
 * The onboarding run of one membership of the organization, where the account sits: every event
 * announcing the same join (CreateAccountResult, AccountJoinedOrganization, Control Tower's
 * CreateManagedAccount and a retried UpdateManagedAccount) names the same run while the account's
 * parent and tags (those the OU and tag rules read: `placement`) stay the same, so the account is
 * onboarded and notified once. A later announcement after the account was moved or tagged (Control
 * Tower creates accounts in the root and moves them into their OU) names a new run, which targets
 * the account where it is then. An account that leaves and joins again has a new join time, hence a
 * new run.
 */
export const onboardingRunId = (account: Pick<MemberAccount, 'id' | 'joinedAt'>, placement = ''): string =>
  `new-${account.id}-${Math.floor(Date.parse(account.joinedAt) / 1000)}${placement === '' ? '' : `-${placement}`}`;

/**
 * Pushes every enabled contact kind to an account that just joined, once per membership and
 * placement whichever events announce it. An onboarding run does not take kinds over from change
 * runs: it writes at the generation it found, and yields to a newer change run, which lists the new
 * account because it claimed its kind after the account was there.
 */
export class OnboardAccount {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly structure: OrganizationStructurePort,
    private readonly tags: TagReader,
    private readonly config: SyncConfigPort,
    private readonly launch: LaunchRun,
    private readonly clock: ClockPort,
  ) {}

  /** Starts, resumes or declines the onboarding run of an account. */
  async execute(request: Pick<NewAccount, 'accountId' | 'eventId' | 'initiator'>): Promise<OnboardResult> {
    const account = await this.organization.describeAccount(request.accountId);
    if (!account) return { status: 'NOT_ELIGIBLE', reason: 'NOT_IN_ORGANIZATION' };
    const { config } = await this.config.load();
    // A place that cannot be read still gets a run (named as unread): its launch reads the account's
    // parents and tags again, with retries, and records the account-kinds FAILED with the reason if
    // they stay unreadable, so that the failure is reported, never decided on a guess.
    const placement = await placementOf(this.structure, this.tags, targetingRulesOf(config), account.id).catch(() => UNREAD_PLACEMENT);
    const runId = onboardingRunId(account, placement);
    const recorded = await this.launch.carryOn(runId);
    if (recorded) return recorded;
    const reason = exclusionReason(account, config);
    if (reason) return { status: 'NOT_ELIGIBLE', reason };
    const run = await this.launch.execute({
      runId,
      trigger: 'NEW_ACCOUNT',
      eventId: request.eventId,
      initiator: request.initiator,
      kinds: config.kinds,
      requestedAt: new Date(this.clock.now()).toISOString(),
      supersedes: false,
      dryRun: config.dryRun,
      onlyAccounts: [request.accountId],
    });
    return { status: 'STARTED', run };
  }
}
