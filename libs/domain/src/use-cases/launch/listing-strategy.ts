import { AccountId } from '../../accounts/account-id';
import { AccountOutcome } from '../../sync/account-outcome';

/** Which way a run's accounts are found: ListAccounts pages, a walk of the OU tree, or a describe of each named account. */
export type ListingKind = 'FLAT' | 'TREE_WALK' | 'DESCRIBE';

/** One batch a listing found: the accounts (each once), the outcomes of those decided already, and where the listing goes on. */
export interface ListedBatch {
  readonly ids: readonly AccountId[];
  /** Outcomes of accounts an OU rule leaves out, or whose targeting could not be read: stored with the batch. */
  readonly skips: readonly AccountOutcome[];
  /** Where the next batch starts (undefined once the listing has ended, or for a describe). */
  readonly listCursor: string | undefined;
  /** True when this batch is the listing's last. */
  readonly ended: boolean;
}

/**
 * How a launch finds a run's accounts, batch by batch. A paged listing reads pages until
 * `batchEndsAt` (at least one page) and is paced by the launch's slice and lease; a describe of named
 * accounts is one short batch.
 */
export interface ListingStrategy {
  readonly kind: ListingKind;
  /** Whether batches are paced by the slice and the lease is renewed before each (listings of pages). */
  readonly paged: boolean;
  /** The next batch. */
  next(batchEndsAt: number): Promise<ListedBatch>;
}
