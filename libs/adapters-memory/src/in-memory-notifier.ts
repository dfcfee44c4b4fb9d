import { NotificationPriority, NotifierPort, RunReport } from '@contact-sync/domain';

/** Records notifications; can be told to fail, to test graceful degradation. */
export class InMemoryNotifier implements NotifierPort {
  readonly sent: Array<{ report: RunReport; priority: NotificationPriority }> = [];
  failing = false;

  async notify(report: RunReport, priority: NotificationPriority): Promise<void> {
    if (this.failing) throw new Error('notifier unavailable');
    this.sent.push({ report, priority });
  }
}
