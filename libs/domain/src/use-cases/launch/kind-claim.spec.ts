import { DEFAULT_RATE_SETTINGS } from '../../config/rate-settings';
import { AlternateContact } from '../../contacts/alternate-contact';
import { KindHeadsPort } from '../../ports/kind-heads.port';
import { RunStorePort } from '../../ports/run-store.port';
import { resilientContactsFor } from '../../resilience/resilient-contacts';
import { DomainError } from '../../shared/domain-error';
import { createdRun, RunRequest } from '../../sync/run-lifecycle';
import { SyncRun } from '../../sync/sync-run';
import { ManagementContacts, RecordingLogger } from '../../testing/launch-doubles';
import { LaunchStateDouble } from '../../testing/launch-state-double';
import { ManualTime } from '../../testing/manual-time';
import { KindClaim } from './kind-claim';

const FENCE_MS = 15_000;
const START = Date.parse('2026-12-01T10:00:00.000Z');
const billing = (name: string) =>
  AlternateContact.of({
    AlternateContactType: 'BILLING',
    Name: name,
    Title: 'CFO',
    EmailAddress: 'bill@example.com',
    PhoneNumber: '+1 206 555 0101',
  });
const REQUEST: RunRequest = {
  runId: 'run-1',
  trigger: 'CHANGE',
  initiator: 'test',
  kinds: ['BILLING', 'SECURITY'],
  requestedAt: new Date(START).toISOString(),
  supersedes: true,
  dryRun: false,
};

function world() {
  const time = new ManualTime(START);
  const state = new LaunchStateDouble();
  const management = new ManagementContacts();
  management.values.set('BILLING', billing('Bea Bill'));
  const logger = new RecordingLogger();
  const contacts = resilientContactsFor({
    contacts: management,
    rates: DEFAULT_RATE_SETTINGS,
    clock: time,
    sleeper: time,
    random: { next: () => 0.5 },
    metrics: { add: () => undefined, flush: async () => undefined },
  });
  const claim = new KindClaim(state as unknown as KindHeadsPort, state as unknown as RunStorePort, contacts, time, time, logger, FENCE_MS);
  return { time, state, management, logger, claim };
}

const run = (overrides: Partial<RunRequest> = {}): SyncRun => createdRun({ ...REQUEST, ...overrides }, REQUEST.requestedAt);

describe('KindClaim', () => {
  it('takes the kinds over for a run that supersedes: the next generation of each, the fence waited, then the values read', async () => {
    const w = world();
    w.state.heads.set('BILLING', { kind: 'BILLING', generation: 4, runId: 'run-0', requestedAt: REQUEST.requestedAt });
    const claimed = await w.claim.values(run());
    expect(claimed).toEqual({
      generations: { BILLING: 5, SECURITY: 1 },
      desired: { BILLING: billing('Bea Bill').toJSON(), SECURITY: null },
      desiredReadAt: new Date(START + FENCE_MS).toISOString(),
      unreadableKinds: [],
    });
    expect(w.time.sleeps).toEqual([FENCE_MS]);
    expect(w.state.heads.get('BILLING')?.runId).toBe('run-1');
  });

  it('writes an onboarding at the head generation with the open head run values, without the fence', async () => {
    const w = world();
    w.state.heads.set('BILLING', { kind: 'BILLING', generation: 4, runId: 'run-0', requestedAt: REQUEST.requestedAt });
    w.state.runs.set('run-0', { ...run({ runId: 'run-0' }), launch: 'CLAIMED', desired: { BILLING: billing('Newer').toJSON() } });
    const claimed = await w.claim.values(run({ supersedes: false, kinds: ['BILLING'] }));
    expect(claimed).toMatchObject({ generations: { BILLING: 4 }, desired: { BILLING: billing('Newer').toJSON() } });
    expect(w.time.sleeps).toEqual([]);
    expect(w.state.heads.get('BILLING')?.runId).toBe('run-0');
  });

  it('waits the fence for an onboarding whose head run has not read its value yet, then reads it itself', async () => {
    const w = world();
    w.state.heads.set('BILLING', { kind: 'BILLING', generation: 4, runId: 'run-0', requestedAt: REQUEST.requestedAt });
    w.state.runs.set('run-0', run({ runId: 'run-0' }));
    const claimed = await w.claim.values(run({ supersedes: false, kinds: ['BILLING', 'SECURITY'] }));
    expect(claimed).toMatchObject({
      generations: { BILLING: 4, SECURITY: 0 },
      desired: { BILLING: billing('Bea Bill').toJSON(), SECURITY: null },
    });
    expect(w.time.sleeps).toEqual([FENCE_MS]);
  });

  it('lists a kind it cannot read, and fails the claim when it can read none, so that the launch is tried again', async () => {
    const w = world();
    w.management.denied.add('SECURITY');
    expect((await w.claim.values(run())).unreadableKinds).toEqual(['SECURITY']);
    expect(w.logger.lines).toContainEqual(
      expect.objectContaining({ message: 'management value unreadable', fields: expect.objectContaining({ kind: 'SECURITY' }) }),
    );
    w.management.denied.add('BILLING');
    await expect(w.claim.values(run({ runId: 'run-2' }))).rejects.toEqual(
      new DomainError('INVARIANT_VIOLATED', 'run run-2: no management value could be read'),
    );
  });

  it('stores the claim on condition that the run is still CREATED, and says which kinds a newer run holds', async () => {
    const w = world();
    const created = run({ kinds: ['BILLING'] });
    w.state.runs.set('run-1', created);
    const claimed = await w.claim.claim(created);
    expect(claimed).toMatchObject({ ok: true, value: { launch: 'CLAIMED', generations: { BILLING: 1 } } });
    expect(w.state.runs.get('run-1')).toMatchObject({ launch: 'CLAIMED', generations: { BILLING: 1 } });
    // A launcher that read the run before another claimed it: its claim is refused, the stored one kept.
    expect(await w.claim.claim(created)).toEqual({ ok: false, error: 'MOVED_ON' });
    expect(w.state.runs.get('run-1')?.desiredReadAt).toBe(new Date(START + FENCE_MS).toISOString());
  });
});
