import { RunReport } from '../sync/run-report';

/** HIGH for a failed or partial run, NORMAL for a clean one. */
export type NotificationPriority = 'HIGH' | 'NORMAL';

/** Tells people how a run went: counts, account ids and kinds only, never contact values. */
export interface NotifierPort {
  /** Tells the subscribers how a run ended. */
  notify(report: RunReport, priority: NotificationPriority): Promise<void>;
}
