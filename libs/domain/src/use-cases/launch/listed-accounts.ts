import { AccountId } from '../../accounts/account-id';
import { ContactKind } from '../../contacts/contact-kind';
import { AccountOutcome, skipFields } from '../../sync/account-outcome';
import { TargetingRules } from '../../targeting/targeting-rules';

/** An outcome the launch decides for every held kind of an account: a skip by an OU rule, or a failed targeting read. */
export type DecidedFields = Pick<AccountOutcome, 'status' | 'skipReason' | 'skipRule' | 'errorCode'>;

/**
 * The accounts a batch lists: each once, and those an OU rule leaves out with their outcome for each
 * held kind (the id rules are the worker's: it reads the configuration again for every item).
 */
export class ListedAccounts {
  private ids: AccountId[] = [];
  private decided: Array<{ readonly accountId: AccountId; readonly fields: DecidedFields; readonly at?: string }> = [];
  private readonly seen = new Set<AccountId>();

  constructor(
    private readonly runId: string,
    private readonly kinds: readonly ContactKind[],
    private readonly rules: TargetingRules,
    private readonly at: string,
  ) {}

  /**
   * Adds an account with the OUs above it (undefined when they are not known: no OU rule applies
   * then), read at `at` (an OU rule's skip is dated then; the take's time when absent).
   */
  add(accountId: AccountId, units: readonly string[] | undefined, at?: string): void {
    // A walk can meet an account twice, when it moves to an OU not yet walked.
    if (this.seen.has(accountId)) return;
    this.seen.add(accountId);
    this.ids.push(accountId);
    const skip = units && !this.rules.byId(accountId) ? this.rules.byUnits(units) : undefined;
    if (skip) this.decided.push({ accountId, fields: { status: 'SKIPPED', ...skipFields(skip) }, ...(at !== undefined ? { at } : {}) });
  }

  /** Adds an account whose every held kind is decided already (a failed targeting read). */
  decide(accountId: AccountId, fields: DecidedFields): void {
    if (this.seen.has(accountId)) return;
    this.seen.add(accountId);
    this.ids.push(accountId);
    this.decided.push({ accountId, fields });
  }

  /** The accounts added since the last take, and the outcomes of those left out, dated when decided (else `at`). */
  take(at = this.at): { readonly ids: AccountId[]; readonly skips: AccountOutcome[] } {
    const ids = this.ids;
    const skips = this.decided.flatMap((decided) =>
      this.kinds.map((kind): AccountOutcome => ({
        runId: this.runId,
        accountId: decided.accountId,
        kind,
        ...decided.fields,
        attempts: 0,
        at: decided.at ?? at,
      })),
    );
    this.ids = [];
    this.decided = [];
    return { ids, skips };
  }
}
