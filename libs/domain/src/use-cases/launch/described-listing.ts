import { AccountId } from '../../accounts/account-id';
import { LoggerPort } from '../../ports/logger.port';
import { OrganizationStructurePort } from '../../ports/organization-structure.port';
import { OrganizationPort } from '../../ports/organization.port';
import { SleeperPort } from '../../ports/sleeper.port';
import { loggableError } from '../../shared/domain-error';
import { isActiveMember, unitsAboveAccount } from '../../organization/organization-walk';
import { TargetingRules } from '../../targeting/targeting-rules';
import { ListedAccounts } from './listed-accounts';
import { ListedBatch, ListingStrategy } from './listing-strategy';

/** Reads of a joining account and of the OUs above it before its account-kinds are recorded FAILED. */
export const JOINING_READ_ATTEMPTS = 4;
/** The wait before the second read of a joining account, doubled before each next one (1 s, 2 s, 4 s). */
const JOINING_READ_BACKOFF_MS = 1_000;

/** Why a joining account's targeting could not be read. */
type JoiningReadFailure = 'ACCOUNT_UNREADABLE' | 'PARENTS_UNREADABLE';

/** What reading one named account found: where it is placed, why it could not be read, or neither (not an ACTIVE member). */
interface JoiningRead {
  readonly accountId: AccountId;
  readonly placed?: readonly string[];
  readonly failed?: JoiningReadFailure;
}

/** The services a describe reads, and how it waits and reports. */
export interface DescribeDeps {
  readonly organization: OrganizationPort;
  readonly structure: OrganizationStructurePort;
  readonly sleeper: SleeperPort;
  readonly logger: LoggerPort;
}

/**
 * An onboarding's named accounts, each described (with the OUs above it when an OU rule may apply)
 * instead of listing the organization: one batch, side by side. Targeting fails closed: when an
 * account or its parents cannot be read (not found right after it joined, throttled, refused, a
 * malformed answer), the reads are tried again, and after {@link JOINING_READ_ATTEMPTS} the account
 * is listed with its account-kinds FAILED for that reason, never left out (a run of 0 accounts that
 * succeeds) and never written. An account that is there but not an ACTIVE member is left out.
 */
export class DescribedListing implements ListingStrategy {
  readonly kind = 'DESCRIBE' as const;
  readonly paged = false;

  constructor(
    private readonly deps: DescribeDeps,
    private readonly accountIds: readonly AccountId[],
    private readonly rules: TargetingRules,
    private readonly listing: ListedAccounts,
  ) {}

  async next(): Promise<ListedBatch> {
    for (const joining of await Promise.all(this.accountIds.map((id) => this.read(id)))) {
      if (joining.placed) this.listing.add(joining.accountId, joining.placed);
      else if (joining.failed) this.listing.decide(joining.accountId, { status: 'FAILED', errorCode: joining.failed });
    }
    const { ids, skips } = this.listing.take();
    return { ids, skips, listCursor: undefined, ended: true };
  }

  private async read(accountId: AccountId): Promise<JoiningRead> {
    for (let attempt = 1; ; attempt += 1) {
      let failed: JoiningReadFailure = 'ACCOUNT_UNREADABLE';
      try {
        const account = await this.deps.organization.describeAccount(accountId);
        if (account && !isActiveMember(account)) return { accountId };
        if (account) {
          failed = 'PARENTS_UNREADABLE';
          const units =
            this.rules.hasUnitRules && !this.rules.byId(accountId) ? await unitsAboveAccount(this.deps.structure, accountId) : [];
          if (units) return { accountId, placed: units };
        }
      } catch (error) {
        this.deps.logger.warn('joining account unreadable', { accountId, reason: failed, attempt, error: loggableError(error) });
      }
      if (attempt >= JOINING_READ_ATTEMPTS) return { accountId, failed };
      await this.deps.sleeper.sleep(JOINING_READ_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}
