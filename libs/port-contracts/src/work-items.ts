import { DEFAULT_LAUNCH_OPTIONS, MAX_ACCOUNTS_PER_ITEM, parseWorkItem, WorkItem } from '@contact-sync/domain';
import { someItems } from './fixtures';

// The one place the contracts know a work item's fields. When WorkItem changes shape, change only
// this file: the work queue contract compares what arrives with what was sent as a whole.

/** `count` work items of one run, as the domain builds them: full items of accounts, ids in order. */
export function workItemsFor(runId: string, count: number): WorkItem[] {
  return someItems(runId, count, DEFAULT_LAUNCH_OPTIONS.accountsPerItem);
}

/**
 * The largest work item a worker accepts: the most accounts an item may hold, under a run id far
 * longer than any the domain builds (a prefix and an event id, which CloudTrail makes a UUID).
 */
export function largestWorkItem(runId: string): WorkItem {
  const [item] = someItems(`${runId}-${'x'.repeat(1000)}`, 1, MAX_ACCOUNTS_PER_ITEM) as [WorkItem];
  return item;
}

/** A message body read back as a worker reads it; throws when the worker would refuse it. */
export function readWorkItem(body: string): WorkItem {
  const parsed = parseWorkItem(body);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
