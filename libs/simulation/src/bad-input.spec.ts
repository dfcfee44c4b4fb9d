import { createSimulatedAws } from '@contact-sync/composition';
import { DEFAULT_LAUNCH_OPTIONS, LaunchRun, ProcessWorkItem, syncConfigOf } from '@contact-sync/domain';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';

// Issue 24, "bad input": a work message that names a real item but other accounts (anyone with write
// access to the work queue can send one) marked the item done, and its own accounts were never processed.

describe('a work message whose accounts are not its stored item’s', () => {
  it('is refused without touching the item: the item’s own accounts are processed later and the run SUCCEEDS', async () => {
    const random = new SeededRandom(81);
    const spec = { members: 40, drift: 1, unset: 0 };
    const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
    const config = syncConfigOf({ kinds: ['SECURITY'] });
    const sim = createSimulatedAws({ accounts, seed: 82, config });
    seedContacts(sim.model, spec, random, sim.time.now());
    const system = new DeployedSystem(sim, config.rates, {
      ...AWS_DELIVERY,
      sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 },
      launch: { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 10 },
    });
    const operator = system.operatorContainer();
    const runId = 'chg-forged';
    await sim.time.run(() =>
      operator.get(LaunchRun).execute({
        runId,
        trigger: 'CHANGE',
        eventId: 'forged',
        initiator: 'test',
        kinds: ['SECURITY'],
        requestedAt: new Date(sim.time.now()).toISOString(),
        supersedes: true,
        dryRun: false,
      }),
    );
    const [first, second] = await sim.syncState.listItems(runId);
    if (!first || !second) throw new Error('the launch stores its items');
    const forged = { ...first.item, accountIds: second.item.accountIds };

    const result = await sim.time.run(() => operator.get(ProcessWorkItem).execute(forged, { holder: 'forger' }));

    expect(result).toEqual({ status: 'REFUSED', reason: 'ACCOUNTS_DIFFER' });
    expect((await sim.syncState.listItems(runId, { from: 0, limit: 1 }))[0]?.done).toBe(false);
    expect(await sim.syncState.listOutcomes(runId)).toEqual([]);
    expect(system.applied).toEqual([]);
    expect(sim.logger.records.filter((r) => r.message.startsWith('work item refused'))).toHaveLength(1);
    // The queue now holds the genuine messages and the forged one: the system carries on as deployed.
    system.queue.send(JSON.stringify(forged));
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const [run] = quiet.runs;
    expect(run?.report).toMatchObject({ status: 'SUCCEEDED', targeted: 40, updated: 40, missing: 0 });
    // Refused on every delivery, it ends in the dead-letter queue, whose alarm tells the operators.
    expect(system.queue.deadLetters).toEqual([JSON.stringify(forged)]);
  });
});
