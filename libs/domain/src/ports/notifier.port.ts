import { RunReport } from '../sync/sync-run';

/** HIGH for a failed or partial run, NORMAL for a clean one. */
export type NotificationPriority = 'HIGH' | 'NORMAL';

/** Tells people how a run went: counts, account ids and kinds only, never contact values. */
export interface NotifierPort {
  notify(report: RunReport, priority: NotificationPriority): Promise<void>;
}
