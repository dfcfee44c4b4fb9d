import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { RunReport } from './run-report';
import { RunTrigger } from './run-trigger';
import { DesiredValues } from './work-item';

/** Whether a run is still open. */
export type RunStatus = 'RUNNING' | 'FINISHED';

/**
 * How far a run's launch got. Each step is stored before the next begins, so that a redelivered
 * event or the sweeper resumes a launch where it stopped:
 * - `CREATED`: recorded; the kinds are not claimed yet.
 * - `CLAIMED`: `generations` and `desired` are stored (the run holds its kinds). Then the accounts
 *   are listed into work items and the items enqueued as they are stored, slice by slice:
 *   `listCursor`, `listed`, `listedItems`, `listedAccounts` and `enqueuedItems` say how far. Items are worked
 *   while the listing goes on.
 * - `LAUNCHED`: every item is stored and was enqueued at least once; `totalItems` and `targetCount`
 *   are final, and the run can finish.
 */
export type LaunchPhase = 'CREATED' | 'CLAIMED' | 'LAUNCHED';

/** One sync run: a change (or onboarding, or reconcile) propagated to its targets. */
export interface SyncRun {
  readonly runId: string;
  readonly trigger: RunTrigger;
  /** The CloudTrail event id for a change; absent otherwise. */
  readonly eventId?: string;
  readonly initiator: string;
  readonly kinds: readonly ContactKind[];
  /** When the change was made (the CloudTrail event time), or when the run was asked for: orders the runs of a kind. */
  readonly requestedAt: string;
  readonly startedAt: string;
  /** Only these accounts (onboarding); every eligible account when absent. */
  readonly onlyAccounts?: readonly AccountId[];
  /** Accounts this run leaves out on top of the configuration's exclusions. */
  readonly excludeAccounts?: readonly AccountId[];
  /** Whether this run takes over its kinds from older runs (changes and reconciles do; onboarding does not). */
  readonly supersedes: boolean;
  readonly launch: LaunchPhase;
  /** The generation of each kind this run writes at; a write is made only while the kind is still at it. */
  readonly generations?: Partial<Record<ContactKind, number>>;
  /** The management account's values, read once when the run claimed its kinds. */
  readonly desired?: DesiredValues;
  /** When the management account's values were read (this run's clock): a change made well before it is covered by them. */
  readonly desiredReadAt?: string;
  /** Kinds whose management value could not be read at launch. */
  readonly unreadableKinds?: readonly ContactKind[];
  /** Where listing the organization continues (an opaque page cursor), while the run is `CLAIMED`. */
  readonly listCursor?: string;
  /** True once the listing reached the organization's last page. */
  readonly listed?: boolean;
  /** Work items stored so far. */
  readonly listedItems?: number;
  /** Eligible accounts found so far. */
  readonly listedAccounts?: number;
  /** Work items enqueued so far (each the first time). */
  readonly enqueuedItems?: number;
  /** Eligible accounts times kinds. */
  readonly targetCount: number;
  readonly totalItems: number;
  readonly completedItems: number;
  readonly status: RunStatus;
  readonly dryRun: boolean;
  /** The last time an item completed or the sweeper re-drove the run. */
  readonly progressAt?: string;
  /** How often the sweeper re-enqueued the run's unfinished items. */
  readonly redrives?: number;
  /**
   * When an operator cancelled the run (set once, only while it was not finished): from then on no
   * write of the run goes out, and the run is finished as CANCELLED with every account-kind left
   * without an outcome recorded SKIPPED `CANCELLED`.
   */
  readonly cancelledAt?: string;
  /** Who cancelled the run (the operator's principal). */
  readonly cancelledBy?: string;
  /** True once the finished run's notification went out. */
  readonly notified?: boolean;
  readonly report?: RunReport;
}

/** The fields of a run that its launch, its workers and the sweeper change after it is created. */
export type RunUpdate = Partial<
  Pick<
    SyncRun,
    | 'launch'
    | 'generations'
    | 'desired'
    | 'desiredReadAt'
    | 'unreadableKinds'
    | 'listCursor'
    | 'listed'
    | 'listedItems'
    | 'listedAccounts'
    | 'enqueuedItems'
    | 'targetCount'
    | 'totalItems'
    | 'redrives'
    | 'progressAt'
  >
>;

/** The kinds a run holds (claimed at a generation): the ones it writes. */
export const heldKinds = (run: Pick<SyncRun, 'kinds' | 'generations'>): ContactKind[] =>
  run.kinds.filter((kind) => run.generations?.[kind] !== undefined);

/** Whether a run may still write: not finished and not cancelled. */
export const runIsLive = (run: Pick<SyncRun, 'status' | 'cancelledAt'>): boolean =>
  run.status === 'RUNNING' && run.cancelledAt === undefined;

/**
 * What storing a cancellation found: CANCELLED (this call cancelled the run), ALREADY_CANCELLED (an
 * earlier call did), FINISHED (the run had ended before: a finished run cannot be cancelled), or
 * NOT_FOUND.
 */
export type CancelMark = 'CANCELLED' | 'ALREADY_CANCELLED' | 'FINISHED' | 'NOT_FOUND';
