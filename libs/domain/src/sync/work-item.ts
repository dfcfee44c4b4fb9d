import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AlternateContactProps } from '../contacts/alternate-contact';
import { ContactInformationProps } from '../contacts/contact-information';

/** The management account's value of each kind when the run started; null when it is unset. */
export type DesiredValues = Partial<Record<ContactKind, AlternateContactProps | ContactInformationProps | null>>;

/**
 * A batch of accounts of one run, for one worker. It carries ids only: the desired values stay on the
 * run (in the encrypted state table), so no contact value sits in a queue.
 */
export interface WorkItem {
  readonly runId: string;
  /** `<runId>:<index>`: deterministic, so that a resumed launch enqueues the same items again. */
  readonly itemId: string;
  readonly accountIds: readonly AccountId[];
}

/** A stored work item and whether it is done. */
export interface StoredWorkItem {
  readonly item: WorkItem;
  readonly done: boolean;
}

/** The id of item `index` of a run. */
export const itemIdOf = (runId: string, index: number): string => `${runId}:${index}`;

/** What a worker's claim on an item found: it is now the worker's, already done, or held by another live worker. */
export type ItemClaim = 'CLAIMED' | 'DONE' | 'BUSY' | 'UNKNOWN';

/** The index in an item id `<runId>:<index>`. */
export const itemIndex = (itemId: string): number => Number(itemId.slice(itemId.lastIndexOf(':') + 1));
