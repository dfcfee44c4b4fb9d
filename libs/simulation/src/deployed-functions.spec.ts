import { createSimulatedAws } from '@contact-sync/composition';
import { NEW_ACCOUNT_EVENT_NAMES, syncConfigOf } from '@contact-sync/domain';
import { accountChangeEvent, contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import { DEPLOYMENT } from '@contact-sync/functions';
import { generateAccounts, SeededRandom } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { routeEvent } from './event-routes';

// The simulation runs the functions' own bodies (libs/functions): what a body answers is what the
// simulated AWS acts on, never a copy of the handlers' glue.

function deployed(seed: number) {
  const accounts = generateAccounts({ members: 5, drift: 0, unset: 0 }, new SeededRandom(seed));
  const config = syncConfigOf({ kinds: ['SECURITY'] });
  const sim = createSimulatedAws({ accounts, seed: seed + 1, config });
  const system = new DeployedSystem(sim, config.rates, { ...AWS_DELIVERY, sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 } });
  return { sim, system };
}

describe('the simulated Lambda environments', () => {
  it('hand the work queue’s batches to the worker’s body, whose partial batch response decides what is redelivered', async () => {
    const { sim, system } = deployed(5);
    const notAnItem = JSON.stringify({ runId: 'run-x' });
    system.queue.send(notAnItem);
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    // The body returns a record that is no work item on each delivery, until the redrive policy moves it to the DLQ.
    expect(sim.logger.records.filter((r) => r.message === 'work item rejected')).toHaveLength(DEPLOYMENT.workQueue.maxReceiveCount);
    expect(system.queue.deadLetters).toEqual([notAnItem]);
  });

  it('run the sweep’s body on the sweep’s schedule', async () => {
    const { sim, system } = deployed(7);
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    expect(sim.logger.records.filter((r) => r.message === 'sweep done')).toHaveLength(1);
    expect(sim.time.now() - Date.UTC(2026, 10, 22, 9)).toBeGreaterThanOrEqual(DEPLOYMENT.sweepIntervalMs);
  });

  it('answer an event no rule takes with no invocation', async () => {
    const { sim, system } = deployed(9);
    system.deliverEvent({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} });
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    expect(system.stats).toMatchObject({ eventDeliveries: 0, events: { NO_RULE: 1 } });
  });
});

describe('the simulated EventBridge’s routes', () => {
  it('send each event to the function whose rule names its source and event', () => {
    const managementAccountId = '111111111111';
    expect(routeEvent(contactWriteEvent({ managementAccountId }))).toBe('contactChange');
    for (const eventName of NEW_ACCOUNT_EVENT_NAMES)
      expect([eventName, routeEvent(newAccountEvent({ eventName }))]).toEqual([eventName, 'newAccount']);
    for (const eventName of ['MoveAccount', 'TagResource', 'UntagResource'] as const)
      expect([eventName, routeEvent(accountChangeEvent({ eventName, accountId: '222222222222', managementAccountId }))]).toEqual([
        eventName,
        'accountChange',
      ]);
    expect(routeEvent({ id: 'tick', source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} })).toBe('scheduledReconcile');
  });

  it('send an event of another source, or an Organizations event no rule names, nowhere', () => {
    expect(routeEvent({ source: 'aws.s3', detail: {} })).toBeUndefined();
    expect(routeEvent({ source: 'aws.organizations', detail: { eventName: 'CreateOrganizationalUnit' } })).toBeUndefined();
    expect(routeEvent({ source: 'aws.organizations', detail: { eventName: 'toString' } })).toBeUndefined();
    expect(routeEvent('not an event')).toBeUndefined();
  });
});
