import { createOrganizationsClient } from '@contact-sync/adapters-aws';
import { closeMotoAccount } from '@contact-sync/adapters-aws/testing';
import { RemoveAccountFromOrganizationCommand } from '@aws-sdk/client-organizations';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { contactOf, E2E_TIMEOUT_MS, personalDataOf, seedOrganization, useDeployedStack } from './testing/e2e-fixture';
import { contactsIn, expectNoPersonalData, readRunRecord } from './testing/e2e-readers';

// The packaged functions on moto, each as its own role with IAM enforced (see e2e-fixture), when
// Account Management refuses a member: AWS refuses a member that was suspended or left the
// organization after the run was launched. The worker then asks Organizations why (the path that
// once called DescribeOrganization, which its role does not allow): every member still gets an
// outcome and an audit entry, and no call is refused to a role.
const e2e = useDeployedStack({ WRITE_FENCE_MS: '0' });

const OLD = contactOf('SECURITY', 'Olivia Old');
const NEW = contactOf('SECURITY', 'Sam New');

describe('the packaged functions on moto, a member refused by Account Management', () => {
  it(
    'a member suspended and one gone after the launch are skipped saying why; every other member is written; all are audited',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, { active: 9, management: [NEW], members: () => [OLD] });
      const [suspended, departed, ...written] = org.active as [string, string, ...string[]];
      const change = contactWriteEvent({
        eventId: 'e2e-refused',
        alternateContactType: 'SECURITY',
        managementAccountId: org.management,
        eventTime: new Date().toISOString(),
      });
      expect(await e2e.stack.emit(change)).toEqual([
        { functionName: 'contactChange', result: { status: 'STARTED', runId: 'chg-e2e-refused' } },
      ]);

      // Between the launch and the worker: one member is closed (moto suspends it at once), one leaves.
      await closeMotoAccount(e2e.moto.clientOptions, suspended);
      await e2e.moto.client(createOrganizationsClient).send(new RemoveAccountFromOrganizationCommand({ AccountId: departed }));
      expect(await e2e.stack.work.drain()).toMatchObject({ returned: 0, functionErrors: 0 });

      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual([OLD, OLD, ...written.map(() => NEW)]);
      const record = await readRunRecord(e2e, 'chg-e2e-refused');
      const report = {
        runId: 'chg-e2e-refused',
        targeted: 9,
        updated: 7,
        skipped: 2,
        skippedBy: { ACCOUNT_LEFT: 1, ACCOUNT_NOT_ACTIVE: 1 },
        failed: 0,
        missing: 0,
        status: 'SUCCEEDED',
      };
      expect(record.run).toMatchObject({ status: 'FINISHED', report });
      expect(record.notifications).toEqual([{ priority: 'NORMAL', report: expect.objectContaining(report) }]);
      expect(record.audit.map((e) => [e.accountId, e.status, e.detail]).sort()).toEqual(
        [
          [suspended, 'SKIPPED', 'ACCOUNT_NOT_ACTIVE'],
          [departed, 'SKIPPED', 'ACCOUNT_LEFT'],
          ...written.map((id) => [id, 'UPDATED', 'PUT']),
        ].sort(),
      );
      expectNoPersonalData(e2e, record, personalDataOf([OLD, NEW]));
    },
    E2E_TIMEOUT_MS,
  );
});
