import { ContactKind, isVerificationRun, syncConfigOf, WriteDoubt } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, randomContact, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';

/** An organization whose members hold the management account's values, except the account-kinds `stale` names. */
function organization(stale: readonly [number, ContactKind][]) {
  const random = new SeededRandom(5);
  const spec = { members: 6, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({ kinds: ['BILLING', 'OPERATIONS', 'SECURITY'] });
  const sim = createSimulatedAws({ accounts, seed: 6, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  const members = sim.model.listAccounts().filter((a) => !a.isManagement);
  for (const [n, kind] of stale) sim.model.write(members[n]?.id as string, kind, randomContact(kind, random, '.drifted'), sim.time.now());
  return { sim, config, members };
}

describe('VerifyDoubtedWrites', () => {
  it('reads and writes exactly the account-kinds in doubt: one run per kind, naming the accounts with a doubt of it', async () => {
    // Member 0 drifted on BILLING and SECURITY, member 1 on SECURITY; only three of those are in doubt,
    // and member 2's OPERATIONS doubt is unfounded. Member 0's SECURITY was not in doubt: nothing reads it.
    const { sim, config, members } = organization([
      [0, 'BILLING'],
      [0, 'SECURITY'],
      [1, 'SECURITY'],
    ]);
    const id = (n: number) => members[n]?.id as string;
    const doubts: WriteDoubt[] = [
      { accountId: id(0), kind: 'BILLING', dueAtMs: sim.time.now() + 1_000 },
      { accountId: id(1), kind: 'SECURITY', dueAtMs: sim.time.now() + 2_000 },
      { accountId: id(2), kind: 'OPERATIONS', dueAtMs: sim.time.now() + 1_500 },
    ];
    for (const doubt of doubts) await sim.syncState.recordDoubt(doubt);
    const system = new DeployedSystem(sim, config.rates, AWS_DELIVERY);
    sim.time.advance(5_000);
    // The sweeper hands due doubts to verification runs.
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    const runs = sim.syncState.allRuns().filter(isVerificationRun);
    expect(runs.map((r) => [r.kinds, r.onlyAccounts])).toEqual([
      [['BILLING'], [id(0)]],
      [['OPERATIONS'], [id(2)]],
      [['SECURITY'], [id(1)]],
    ]);
    const outcomes = (await Promise.all(runs.map((r) => sim.syncState.listOutcomes(r.runId)))).flat();
    expect(outcomes.map((o) => `${o.accountId}#${o.kind}:${o.status}`).sort()).toEqual(
      [`${id(0)}#BILLING:UPDATED`, `${id(1)}#SECURITY:UPDATED`, `${id(2)}#OPERATIONS:UNCHANGED`].sort(),
    );
    // The drift nothing doubted stays (a resync's business, not a verification's); the checks agree.
    expect(sim.model.settled(id(0), 'SECURITY')).not.toEqual(sim.model.settled(sim.model.managementAccountId, 'SECURITY'));
    expect((await settle(sim, system, new Set())).invariants).toEqual(PROMISES_KEPT);
    expect(await sim.syncState.dueDoubts(sim.time.now(), 10)).toEqual([]);
  });
});
