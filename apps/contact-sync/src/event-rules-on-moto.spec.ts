import { MOTO_START_TIMEOUT_MS, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { CONTACT_EVENT_NAMES, detectContactChange } from '@contact-sync/domain';
import { CloudTrailEventOptions, contactWriteEvent, ParameterCase } from '@contact-sync/domain/testing';
import { MotoEventBus } from './testing/moto-event-bus';
import { readPackagedTemplate } from './testing/packaged-template';

// The packaged template's own rules on moto's EventBridge, with real-shaped CloudTrail records of the
// contact writes in both key cases CloudTrail has used: camelCase (AWS's documented example) and
// PascalCase (seen on a real organization). moto stamps every event with the account that put it,
// the stack's, as EventBridge does for an event of its own account: a member's write forwarded from
// its bus keeps its member `account` on AWS, which the template test and the detector check instead.
const moto = useMotoServer();
let bus: MotoEventBus;
beforeAll(async () => {
  bus = await MotoEventBus.create(moto.clientOptions, readPackagedTemplate().eventRules);
}, MOTO_START_TIMEOUT_MS);

const MEMBER = '210987654321';
const CASES: ParameterCase[] = ['camelCase', 'PascalCase'];
const SHAPES: [string, string[], Omit<CloudTrailEventOptions, 'managementAccountId'>][] = [
  ['a contact write the management account made on itself', ['contactChange'], {}],
  ['a write on a member, as this product makes them', [], { memberAccountId: MEMBER }],
  ['a member’s own write, forwarded to the management bus', [], { recordedIn: MEMBER }],
  ['a failed call', [], { errorCode: 'AccessDeniedException' }],
];

describe('the packaged event rules on moto', () => {
  describe.each(CASES)('with the request keys in %s', (parameterCase) => {
    it.each(SHAPES)('%s: each contact event name reaches %j, and the handler’s detector agrees', async (_shape, functions, shape) => {
      for (const eventName of CONTACT_EVENT_NAMES) {
        const event = contactWriteEvent({ ...shape, eventName, parameterCase, managementAccountId: bus.accountId, eventId: eventName });
        const routed = await bus.publish(event);
        expect([eventName, routed.map((r) => r.functionName)]).toEqual([eventName, functions]);
        expect([eventName, detectContactChange(event, bus.accountId).ok]).toEqual([eventName, functions.length > 0]);
      }
    });
  });

  it('delivers the event as CloudTrail wrote it, request keys and all', async () => {
    const event = contactWriteEvent({ parameterCase: 'PascalCase', alternateContactType: 'BILLING', managementAccountId: bus.accountId });
    const [routed] = await bus.publish(event);
    expect(routed?.event).toMatchObject({ account: bus.accountId, detail: event['detail'] });
    expect(detectContactChange(routed?.event, bus.accountId)).toMatchObject({ ok: true, value: { kind: 'BILLING', action: 'PUT' } });
  });
});
