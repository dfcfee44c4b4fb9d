import { SyncRun } from './sync-run';
import { WriteTiming } from './write-doubt';

/**
 * How far a CloudTrail `eventTime` may be from the functions' clocks and still be trusted to say that
 * a run's read came after the change. Generous on purpose: a change wrongly taken as covered would
 * not be propagated, while one wrongly run only costs a run (which reads today's value).
 */
export const EVENT_TIME_ALLOWANCE_MS = 60 * 60_000;

/** What is needed of the run that holds a kind's head to tell whether it covers a change. */
export type HeadHolder = Pick<SyncRun, 'status' | 'startedAt' | 'desiredReadAt' | 'cancelledAt'>;

/**
 * Whether the run that holds a kind's head already brings a change of that kind, so that the change
 * needs no run of its own. Every run propagates the management account's value as read, never a
 * value the event carries (CloudTrail hides it), so a run covers every change that shows to its read:
 * - its read has not started yet and will not start before the change shows: the holder's fence ends
 *   after `nowMs` (when the change's event is here, the change was made) plus the API's read-after-
 *   write delay. Only the functions' own clocks are compared;
 * - or it read the values more than {@link EVENT_TIME_ALLOWANCE_MS} after the change's `eventTime`
 *   (an old event delivered late, or replayed from the failure queue).
 * Anything else runs: an `eventTime` skewed ahead by minutes or days never hides a later change, and
 * a cancelled holder covers nothing (it stopped writing what it read).
 */
export function headCoversChange(
  holder: HeadHolder | undefined,
  eventTime: string,
  nowMs: number,
  fenceMs: number,
  timing: WriteTiming,
): boolean {
  if (!holder || holder.cancelledAt !== undefined) return false;
  if (holder.desiredReadAt !== undefined) {
    const changedAt = Date.parse(eventTime);
    return !Number.isNaN(changedAt) && Date.parse(holder.desiredReadAt) >= changedAt + EVENT_TIME_ALLOWANCE_MS;
  }
  // Not read yet: it reads after its fence, which began after it was recorded.
  return holder.status === 'RUNNING' && Date.parse(holder.startedAt) + fenceMs >= nowMs + timing.consistencyDelayMs;
}
