import { NotificationPriority, NotifierPort, RunReport } from '@contact-sync/domain';
import { aReport, aRun } from './fixtures';

/** A notification as a subscriber reads it back: the run's report and its priority. */
export interface DeliveredNotification {
  readonly report: RunReport;
  readonly priority: NotificationPriority;
}

/** A notifier, and what its subscribers have received. */
export interface NotifierFixture {
  readonly port: NotifierPort;
  /** Every notification delivered and not yet read, each once, in any order; reading removes them. */
  delivered(): Promise<readonly DeliveredNotification[]>;
}

/** A finished change run's report: PARTIAL, one of two account-kinds failed. */
export const aRunReport = (runId: string, overrides: Partial<RunReport> = {}): RunReport => aReport(aRun(runId, 1), overrides);

const partial = aRunReport('run-partial');
const clean = aRunReport('run-clean', { trigger: 'RECONCILE', failed: 0, failures: [], status: 'SUCCEEDED' });
const dryRun = aRunReport('run-dry', { trigger: 'NEW_ACCOUNT', dryRun: true, updated: 0, failed: 0, failures: [], status: 'SUCCEEDED' });
const failed = aRunReport('run-failed', {
  updated: 0,
  failed: 2,
  failures: [
    { accountId: '222222222222', kind: 'PRIMARY', errorCode: 'THROTTLED' },
    { accountId: '333333333333', kind: 'SECURITY', errorCode: 'ACCESS_DENIED' },
  ],
  status: 'FAILED',
});

const byRun = (notifications: readonly DeliveredNotification[]) =>
  [...notifications].sort((a, b) => a.report.runId.localeCompare(b.report.runId));

/**
 * The behaviour every {@link NotifierPort} shares: one notification per call, carrying the whole
 * report (ids, kinds, counts and codes: never a contact value) and the priority. How a transport
 * renders it (subjects, attributes) is the adapter's own test.
 */
export function notifierContract(adapterName: string, make: () => Promise<NotifierFixture>): void {
  describe(`NotifierPort contract: ${adapterName}`, () => {
    it('delivers a partial run once, with its whole report and HIGH priority', async () => {
      const { port, delivered } = await make();
      await port.notify(partial, 'HIGH');
      expect(await delivered()).toEqual([{ report: partial, priority: 'HIGH' }]);
    });

    it('delivers each of several runs once: clean, dry-run and failed, with their own priority', async () => {
      const { port, delivered } = await make();
      await port.notify(clean, 'NORMAL');
      await port.notify(dryRun, 'NORMAL');
      await port.notify(failed, 'HIGH');
      expect(byRun(await delivered())).toEqual([
        { report: clean, priority: 'NORMAL' },
        { report: dryRun, priority: 'NORMAL' },
        { report: failed, priority: 'HIGH' },
      ]);
      expect(await delivered()).toEqual([]);
    });
  });
}
