import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { RunReport } from './run-report';

/** What started a run. */
export type RunTrigger = 'CHANGE' | 'NEW_ACCOUNT' | 'RECONCILE';

export type RunStatus = 'RUNNING' | 'FINISHED';

/** One sync run: a change (or onboarding, or reconcile) propagated to its targets. */
export interface SyncRun {
  readonly runId: string;
  readonly trigger: RunTrigger;
  /** The CloudTrail event id for a change; absent otherwise. */
  readonly eventId?: string;
  readonly initiator: string;
  readonly kinds: readonly ContactKind[];
  readonly startedAt: string;
  /** Eligible accounts times kinds. */
  readonly targetCount: number;
  readonly accountIds?: readonly AccountId[];
  readonly totalItems: number;
  readonly completedItems: number;
  readonly status: RunStatus;
  readonly dryRun: boolean;
  readonly report?: RunReport;
}
