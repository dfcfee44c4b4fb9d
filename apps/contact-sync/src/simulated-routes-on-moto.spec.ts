import { MOTO_START_TIMEOUT_MS, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { CONTACT_EVENT_NAMES, detectContactChange, NEW_ACCOUNT_EVENT_NAMES } from '@contact-sync/domain';
import { accountChangeEvent, contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import { routeEvent } from '@contact-sync/simulation';
import { MotoEventBus } from './testing/moto-event-bus';
import { readPackagedTemplate } from './testing/packaged-template';

// The simulated EventBridge routes each event to the function the stack's own rules (the packaged
// template's, on moto's EventBridge) deliver it to. It applies none of the rules' finer filters: an
// event the rules drop still reaches its function in the simulation, whose own checks reject it.
const moto = useMotoServer();
let bus: MotoEventBus;
beforeAll(async () => {
  bus = await MotoEventBus.create(moto.clientOptions, readPackagedTemplate().eventRules);
}, MOTO_START_TIMEOUT_MS);

const MEMBER = '210987654321';

describe('the simulated EventBridge against the packaged rules on moto', () => {
  it('routes every event a rule delivers to that rule’s function', async () => {
    const events = [
      ...CONTACT_EVENT_NAMES.flatMap((eventName) =>
        (['camelCase', 'PascalCase'] as const).map((parameterCase) =>
          contactWriteEvent({ eventName, parameterCase, managementAccountId: bus.accountId, eventId: `${eventName}-${parameterCase}` }),
        ),
      ),
      ...NEW_ACCOUNT_EVENT_NAMES.map((eventName) => newAccountEvent({ eventName, accountId: MEMBER })),
      ...(['MoveAccount', 'TagResource', 'UntagResource'] as const).map((eventName) =>
        accountChangeEvent({ eventName, accountId: MEMBER, managementAccountId: bus.accountId }),
      ),
    ];
    for (const event of events) {
      const routed = await bus.publish(event);
      const name = (event['detail'] as { eventName: string }).eventName;
      expect([name, routed.map((r) => r.functionName)]).toEqual([name, [routeEvent(event)]]);
    }
  });

  it('hands the contact change function the writes its rule drops, which its own detection rejects', async () => {
    for (const shape of [{ memberAccountId: MEMBER }, { recordedIn: MEMBER }, { errorCode: 'AccessDeniedException' }]) {
      const event = contactWriteEvent({ ...shape, managementAccountId: bus.accountId });
      expect(await bus.publish(event)).toEqual([]);
      expect([shape, routeEvent(event), detectContactChange(event, bus.accountId).ok]).toEqual([shape, 'contactChange', false]);
    }
  });
});
