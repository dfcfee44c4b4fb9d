import { createOrganizationsClient } from '@contact-sync/adapters-aws';
import {
  createMotoUnit,
  deleteMotoAlternateContact,
  motoRootId,
  moveMotoAccount,
  putMotoAlternateContact,
  tagMotoAccount,
} from '@contact-sync/adapters-aws/testing';
import { CreateAccountCommand, DescribeAccountCommand } from '@aws-sdk/client-organizations';
import { CONTACT_EVENT_NAMES, onboardingRunId } from '@contact-sync/domain';
import { CloudTrailEventOptions, contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import { ALTERNATES, contactOf, E2E_TIMEOUT_MS, personalDataOf, seedOrganization, useDeployedStack } from './testing/e2e-fixture';
import { contactsIn, expectNoPersonalData, readRunRecord, stackFingerprints } from './testing/e2e-readers';

// The functions as `serverless package` zipped them, each run from its zip in processes of its own
// (Lambda execution environments), against the stack's tables, queues and topic created in moto from
// the packaged template. Events go through moto's EventBridge with the stack's own rules; the work
// queue reaches the worker as Lambda's SQS event source delivers it. The runs sync the alternate
// contacts only: moto has no primary contact (ContactInformation answers 404). WRITE_FENCE_MS is 0:
// nothing but these runs writes contacts here.
const e2e = useDeployedStack({ WRITE_FENCE_MS: '0' });

const OLD = contactOf('SECURITY', 'Olivia Old');
const NEW = contactOf('SECURITY', 'Sam New');
const BILLING = contactOf('BILLING', 'Bo Billing');
const OPERATIONS = contactOf('OPERATIONS', 'Ops Owner');
const OWN_BILLING = contactOf('BILLING', 'Drifty Dan');
const PERSONAL = personalDataOf([OLD, NEW, BILLING, OPERATIONS, OWN_BILLING]);
const now = () => new Date().toISOString();
const securityChange = (management: string, eventId: string, eventName = 'PutAlternateContact') =>
  contactWriteEvent({ eventId, eventName, alternateContactType: 'SECURITY', managementAccountId: management, eventTime: now() });

/**
 * Each event is routed by no rule; handed to contactChange directly (as if a rule had let it through),
 * it is ignored for `reason`; and no work item reached the worker.
 */
async function expectNoRun(events: readonly Record<string, unknown>[], reason: string): Promise<void> {
  const contactChange = e2e.stack.functions['contactChange'];
  if (!contactChange) throw new Error('contactChange is not a function of the stack');
  for (const event of events) {
    expect(await e2e.stack.emit(event)).toEqual([]);
    expect(await contactChange.invoke(event)).toEqual({ status: 'IGNORED', reason });
  }
  expect(await e2e.stack.work.drain()).toMatchObject({ invocations: 0 });
}

const success = { skipped: 0, superseded: 0, failed: 0, missing: 0, unconfirmedWrites: 0, failures: [], status: 'SUCCEEDED' };

describe('the packaged functions on moto, end to end', () => {
  it(
    'a SECURITY change reaches all 60 active members: contacts, report, one notification, audit; the writes’ own events are not routed',
    async () => {
      const before = [OLD, NEW, undefined];
      const org = await seedOrganization(e2e.moto.clientOptions, {
        active: 60,
        suspended: 2,
        management: [NEW, BILLING, OPERATIONS],
        // A third of the members still hold the old contact, a third the new one, a third none; the
        // first five have a BILLING contact of their own, which a SECURITY run leaves alone.
        members: (i) => [...(i >= 60 ? [OLD] : [before[i % 3]].filter((c) => c !== undefined)), ...(i < 5 ? [OWN_BILLING] : [])],
      });
      const was = (i: number) => before[i % 3];

      expect(await e2e.stack.emit(securityChange(org.management, 'e2e-security'))).toEqual([
        { functionName: 'contactChange', result: { status: 'STARTED', runId: 'chg-e2e-security' } },
      ]);
      expect(await e2e.stack.work.drain()).toMatchObject({ records: 3, returned: 0, functionErrors: 0 });

      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual(org.active.map(() => NEW));
      expect(await contactsIn(e2e, org.active.slice(0, 5), 'BILLING')).toEqual(Array(5).fill(OWN_BILLING));
      expect(await contactsIn(e2e, org.suspended, 'SECURITY')).toEqual([OLD, OLD]);
      const record = await readRunRecord(e2e, 'chg-e2e-security');
      const fingerprintOf = await stackFingerprints(e2e);
      expect(fingerprintOf(NEW)).toMatch(/^hmac:[0-9a-f]{32}$/);
      const updated = org.active.filter((_, i) => was(i) !== NEW).length;
      const report = {
        runId: 'chg-e2e-security',
        trigger: 'CHANGE',
        kinds: ['SECURITY'],
        targeted: 60,
        updated,
        unchanged: 60 - updated,
        ...success,
      };
      expect(record.run).toMatchObject({ status: 'FINISHED', notified: true, totalItems: 3, completedItems: 3, report });
      expect(record.notifications).toEqual([
        { priority: 'NORMAL', report: expect.objectContaining({ type: 'contact-sync.run-finished', ...report }) },
      ]);
      expect(record.audit.map((e) => [e.accountId, e.kind, e.status, e.beforeFingerprint, e.afterFingerprint]).sort()).toEqual(
        org.active
          .map((id, i) => [id, 'SECURITY', was(i) === NEW ? 'UNCHANGED' : 'UPDATED', fingerprintOf(was(i)), fingerprintOf(NEW)])
          .sort(),
      );
      expectNoPersonalData(e2e, record, PERSONAL);

      // CloudTrail records the service's own writes on members with the member's id, under either key
      // case: no rule routes them, and the function, handed them past the rule, ignores them.
      const ownWrites = org.active.slice(0, 3).flatMap((member) =>
        (['camelCase', 'PascalCase'] as const).map((parameterCase) =>
          contactWriteEvent({
            eventId: `e2e-own-write-${member}-${parameterCase}`,
            managementAccountId: org.management,
            memberAccountId: member,
            parameterCase,
            eventTime: now(),
          }),
        ),
      );
      await expectNoRun(ownWrites, 'MEMBER_ACCOUNT_TARGET');
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'the product’s own member writes and a member’s own write, with the request keys in either case, never start a run',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, { active: 2, management: [NEW], members: () => [OLD] });
      const [member] = org.active as [string];
      for (const parameterCase of ['camelCase', 'PascalCase'] as const) {
        const shaped = (options: CloudTrailEventOptions) =>
          CONTACT_EVENT_NAMES.map((eventName) =>
            contactWriteEvent({
              eventId: `e2e-${Object.keys(options).join()}-${eventName}-${parameterCase}`,
              eventName,
              parameterCase,
              managementAccountId: org.management,
              eventTime: now(),
              ...options,
            }),
          );
        await expectNoRun(shaped({ memberAccountId: member }), 'MEMBER_ACCOUNT_TARGET');
        await expectNoRun(shaped({ recordedIn: member }), 'NOT_MANAGEMENT_ACCOUNT');
      }
      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual([OLD, OLD]);
      expect(await e2e.stack.work.drain()).toMatchObject({ invocations: 0 });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'with OU and tag rules the functions walk the tree and read tags: only targeted members are written, every other is skipped saying why',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, { active: 6, management: [NEW], members: () => [OLD] });
      const options = e2e.moto.clientOptions;
      const sandbox = await createMotoUnit(options, await motoRootId(options), 'Sandbox');
      const hackathons = await createMotoUnit(options, sandbox, 'Hackathons');
      const [nested, inSandbox, optedOut, byId, ...targeted] = org.active as [string, string, string, string, ...string[]];
      await moveMotoAccount(options, nested, hackathons);
      await moveMotoAccount(options, inSandbox, sandbox);
      await tagMotoAccount(options, optedOut, { 'contact-sync:exclude': 'true', team: 'blue' });
      await tagMotoAccount(options, targeted[0] as string, { 'contact-sync:exclude': 'false' });
      await e2e.reconfigure({
        kinds: ['SECURITY'],
        excludedAccountIds: [byId],
        excludedOrganizationalUnits: [sandbox],
        excludedTags: [{ key: 'contact-sync:exclude', value: 'true' }],
      });

      await e2e.stack.emit(securityChange(org.management, 'e2e-targeting'));
      expect(await e2e.stack.work.drain()).toMatchObject({ returned: 0, functionErrors: 0 });

      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual([OLD, OLD, OLD, OLD, NEW, NEW]);
      const record = await readRunRecord(e2e, 'chg-e2e-targeting');
      const skippedBy = { EXCLUDED_BY_ID: 1, [`EXCLUDED_BY_OU ${sandbox}`]: 2, 'EXCLUDED_BY_TAG contact-sync:exclude=true': 1 };
      const report = { runId: 'chg-e2e-targeting', targeted: 6, updated: 2, unchanged: 0, skipped: 4, skippedBy };
      expect(record.run).toMatchObject({ status: 'FINISHED', report: { ...report, failed: 0, missing: 0, status: 'SUCCEEDED' } });
      expect(record.notifications).toEqual([{ priority: 'NORMAL', report: expect.objectContaining(report) }]);
      expect(record.audit.map((e) => [e.accountId, e.status, e.detail]).sort()).toEqual(
        [
          [nested, 'SKIPPED', `EXCLUDED_BY_OU ${sandbox}`],
          [inSandbox, 'SKIPPED', `EXCLUDED_BY_OU ${sandbox}`],
          [optedOut, 'SKIPPED', 'EXCLUDED_BY_TAG contact-sync:exclude=true'],
          [byId, 'SKIPPED', 'EXCLUDED_BY_ID'],
          ...targeted.map((id) => [id, 'UPDATED', 'PUT']),
        ].sort(),
      );
      expectNoPersonalData(e2e, record, PERSONAL);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a deleted SECURITY contact is deleted on every member when deletions are propagated',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, {
        active: 6,
        suspended: 1,
        management: [OLD, BILLING],
        members: (i) => [...(i === 5 ? [] : [OLD]), BILLING],
      });
      await e2e.reconfigure({ propagateDeletions: true });
      await deleteMotoAlternateContact(e2e.moto.clientOptions, 'SECURITY');

      expect(await e2e.stack.emit(securityChange(org.management, 'e2e-delete', 'DeleteAlternateContact'))).toEqual([
        { functionName: 'contactChange', result: { status: 'STARTED', runId: 'chg-e2e-delete' } },
      ]);
      await e2e.stack.work.drain();

      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual(org.active.map(() => undefined));
      expect(await contactsIn(e2e, org.active, 'BILLING')).toEqual(org.active.map(() => BILLING));
      expect(await contactsIn(e2e, org.suspended, 'SECURITY')).toEqual([OLD]);
      const record = await readRunRecord(e2e, 'chg-e2e-delete');
      const fingerprintOf = await stackFingerprints(e2e);
      const report = { runId: 'chg-e2e-delete', kinds: ['SECURITY'], targeted: 6, updated: 5, unchanged: 1, ...success };
      expect(record.run).toMatchObject({ status: 'FINISHED', report });
      expect(record.notifications).toEqual([{ priority: 'NORMAL', report: expect.objectContaining(report) }]);
      expect(record.audit.map((e) => [e.accountId, e.status, e.detail, e.afterFingerprint]).sort()).toEqual(
        org.active
          .map((id, i) =>
            i < 5 ? [id, 'UPDATED', 'DELETE', fingerprintOf(undefined)] : [id, 'UNCHANGED', undefined, fingerprintOf(undefined)],
          )
          .sort(),
      );
      expectNoPersonalData(e2e, record, PERSONAL);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a new account receives every synced contact, and only it, once for every event announcing it',
    async () => {
      const management = [NEW, BILLING, OPERATIONS];
      const org = await seedOrganization(e2e.moto.clientOptions, { active: 3, management, members: () => [OLD] });
      const organizations = e2e.moto.client(createOrganizationsClient);
      const created = await organizations.send(
        new CreateAccountCommand({ AccountName: 'new-workload', Email: 'new-workload@example.com' }),
      );
      const joined = created.CreateAccountStatus?.AccountId as string;
      const { Account } = await organizations.send(new DescribeAccountCommand({ AccountId: joined }));
      const runId = onboardingRunId({ id: joined, joinedAt: (Account?.JoinedTimestamp as Date).toISOString() });

      const event = newAccountEvent({ accountId: joined, eventId: 'e2e-new' });
      expect(await e2e.stack.emit({ ...event, time: now() })).toEqual([{ functionName: 'newAccount', result: { status: 'STARTED' } }]);
      await e2e.stack.work.drain();
      // Control Tower announces the same account too, through the stack's other rule: the same join, no second run.
      const enrolled = newAccountEvent({ eventName: 'CreateManagedAccount', accountId: joined, eventId: 'e2e-enrolled' });
      expect(await e2e.stack.emit({ ...enrolled, time: now() })).toEqual([{ functionName: 'newAccount', result: { status: 'DUPLICATE' } }]);
      expect(await e2e.stack.work.drain()).toMatchObject({ invocations: 0 });

      expect(await Promise.all(ALTERNATES.map(async (type) => (await contactsIn(e2e, [joined], type))[0]))).toEqual([
        BILLING,
        OPERATIONS,
        NEW,
      ]);
      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual([OLD, OLD, OLD]);
      const record = await readRunRecord(e2e, runId);
      const fingerprintOf = await stackFingerprints(e2e);
      const report = { runId, trigger: 'NEW_ACCOUNT', kinds: [...ALTERNATES], targeted: 3, updated: 3, unchanged: 0, ...success };
      expect(record.run).toMatchObject({ status: 'FINISHED', report });
      expect(record.notifications).toEqual([{ priority: 'NORMAL', report: expect.objectContaining(report) }]);
      expect(record.audit.map((e) => [e.accountId, e.kind, e.status, e.afterFingerprint]).sort()).toEqual(
        management.map((c) => [joined, c.AlternateContactType, 'UPDATED', fingerprintOf(c)]).sort(),
      );
      expectNoPersonalData(e2e, record, PERSONAL);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'an event delivered twice at once, and once more later, starts one run: one notification, one audit entry per member',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, { active: 4, management: [OLD], members: () => [OLD] });
      await putMotoAlternateContact(e2e.moto.clientOptions, NEW);
      const [routed] = await e2e.stack.events.publish(securityChange(org.management, 'e2e-twice'));
      const contactChange = e2e.stack.functions['contactChange'];
      if (!routed || !contactChange) throw new Error('the change was not routed to contactChange');

      // The second delivery finds the event taken; depending on how far the first got, it is a
      // duplicate, or it resumes (or starts) the launch that the first one holds, and so does nothing.
      const results = await Promise.all([contactChange.invoke(routed.event), contactChange.invoke(routed.event)]);
      expect(results).toEqual(
        [0, 1].map(() => ({ status: expect.stringMatching(/^(STARTED|RESUMED|DUPLICATE)$/), runId: 'chg-e2e-twice' })),
      );
      expect(contactChange.environments).toBe(2);
      expect(await e2e.stack.work.drain()).toMatchObject({ records: 1, returned: 0 });
      expect(await contactChange.invoke(routed.event)).toEqual({ status: 'DUPLICATE', runId: 'chg-e2e-twice' });
      expect(await e2e.stack.work.drain()).toMatchObject({ invocations: 0 });

      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual([NEW, NEW, NEW, NEW]);
      const record = await readRunRecord(e2e, 'chg-e2e-twice');
      expect(record.run).toMatchObject({ status: 'FINISHED', report: { targeted: 4, updated: 4, ...success } });
      expect(record.notifications).toHaveLength(1);
      expect(record.audit.map((e) => e.accountId).sort()).toEqual([...org.active].sort());
    },
    E2E_TIMEOUT_MS,
  );
});
