import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedAws } from '@contact-sync/composition';
import { GENERATED_UNITS, OPT_OUT_TAG } from '@contact-sync/simulated-aws';
import { runCli } from './cli';
import { SharedMemoryBackend } from './testing/memory-backend';
import { TestIo } from './testing/test-io';

const MEMORY = ['--backend', 'memory'];
const dir = mkdtempSync(join(tmpdir(), 'contact-sync-targeting-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const EXCLUDED_ID = '100000000007';
const RULES = {
  excludedAccountIds: [EXCLUDED_ID],
  excludedOrganizationalUnits: [GENERATED_UNITS.sandboxes],
  excludedTags: [OPT_OUT_TAG],
};

interface PlanJson {
  summary: { skip: number; skippedBy?: Record<string, number> };
  changes: { accountId: string; kind: string; action: string; detail?: string }[];
}

/** The reason the built-in organization gives each ACTIVE member under RULES, worked out from its tree here. */
function expectedReasons(sim: SimulatedAws): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const account of sim.model.listAccounts()) {
    if (account.isManagement || account.state !== 'ACTIVE') continue;
    const tags = sim.model.tree.tagsOf(account.id);
    if (account.id === EXCLUDED_ID) reasons.set(account.id, 'EXCLUDED_BY_ID');
    else if (sim.model.tree.unitsAbove(account.id).includes(GENERATED_UNITS.sandboxes))
      reasons.set(account.id, `EXCLUDED_BY_OU ${GENERATED_UNITS.sandboxes}`);
    else if (tags[OPT_OUT_TAG.key] === OPT_OUT_TAG.value)
      reasons.set(account.id, `EXCLUDED_BY_TAG ${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`);
  }
  return reasons;
}

describe('contact-sync targeting by OU and tag (memory backend)', () => {
  it('plan --config skips exactly the accounts the rules leave out, each kind with its reason, and counts them by reason', async () => {
    const shared = new SharedMemoryBackend();
    const io = new TestIo();
    expect(await runCli(['plan', '--json', '--detailed-exitcode', '--config', file('rules.json', RULES), ...MEMORY], io, shared.open)).toBe(
      2,
    );
    const plan = io.json<PlanJson>();
    const expected = expectedReasons(await shared.sim());
    const skipped = plan.changes.filter((c) => c.action === 'SKIP');
    expect(new Set(skipped.map((c) => c.accountId))).toEqual(new Set(expected.keys()));
    for (const c of skipped) expect(c.detail).toBe(expected.get(c.accountId));
    expect(skipped).toHaveLength(expected.size * 4);
    // Nested OUs count: Sandbox's Hackathons is left out too.
    const sim = await shared.sim();
    expect(skipped.some((c) => sim.model.tree.parentOf(c.accountId) === GENERATED_UNITS.hackathons)).toBe(true);
    const byReason = [...expected.values()].reduce<Record<string, number>>((n, r) => ({ ...n, [r]: (n[r] ?? 0) + 4 }), {});
    expect(plan.summary.skippedBy).toEqual(byReason);
    expect(plan.summary.skip).toBe(expected.size * 4);
  });

  it('plan prints the reasons; drift counts the accounts left out by reason', async () => {
    const rules = file('rules-text.json', RULES);
    const plan = new TestIo();
    await runCli(['plan', '--config', rules, ...MEMORY], plan);
    expect(plan.stdout).toMatch(/\n\d{12} +SECURITY +SKIP +EXCLUDED_BY_OU ou-sim0-sandboxes\n/);
    expect(plan.stdout).toContain(`${EXCLUDED_ID}  SECURITY    SKIP    EXCLUDED_BY_ID`);
    expect(plan.stdout).toMatch(
      /\nSkipped account-kinds, by reason:\n {2}EXCLUDED_BY_ID: 4\n {2}EXCLUDED_BY_OU ou-sim0-sandboxes: \d+\n {2}EXCLUDED_BY_TAG contact-sync:exclude=true: \d+\n/,
    );
    const drift = new TestIo();
    expect(await runCli(['drift', '--json', '--detailed-exitcode', '--config', rules, ...MEMORY], drift)).toBe(2);
    const skippedBy = drift.json<{ skippedBy: Record<string, number> }>().skippedBy;
    expect(Object.keys(skippedBy)).toEqual([
      'EXCLUDED_BY_ID',
      'EXCLUDED_BY_OU ou-sim0-sandboxes',
      'EXCLUDED_BY_TAG contact-sync:exclude=true',
    ]);
  });

  it('explain tells one account targeting, the OUs above it and every rule, with --json', async () => {
    const shared = new SharedMemoryBackend();
    const rules = file('rules-explain.json', RULES);
    await runCli(['config', 'get', ...MEMORY], new TestIo(), shared.open);
    const sim = await shared.sim();
    const inHackathons = sim.model.tree
      .accountsUnder(GENERATED_UNITS.hackathons)
      .find((id) => sim.model.account(id)?.state === 'ACTIVE') as string;
    const io = new TestIo();
    expect(await runCli(['explain', inHackathons, '--json', '--config', rules, ...MEMORY], io, shared.open)).toBe(0);
    expect(io.json()).toEqual({
      accountId: inHackathons,
      inOrganization: true,
      state: 'ACTIVE',
      isManagement: false,
      organizationalUnits: [GENERATED_UNITS.sandboxes, GENERATED_UNITS.hackathons],
      targeted: false,
      reason: 'EXCLUDED_BY_OU',
      rule: GENERATED_UNITS.sandboxes,
      kinds: [],
      checks: [
        { rule: 'excludedAccountIds', result: 'NO_MATCH' },
        { rule: `excludedOrganizationalUnits ${GENERATED_UNITS.sandboxes}`, result: 'MATCH' },
        { rule: 'excludedTags contact-sync:exclude=true', result: expect.stringMatching(/^(NO_)?MATCH$/) },
      ],
    });
    const text = new TestIo();
    await runCli(['explain', EXCLUDED_ID, '--config', rules, ...MEMORY], text, shared.open);
    expect(text.stdout).toMatch(new RegExp(`^Account ${EXCLUDED_ID}: not targeted: EXCLUDED_BY_ID\\.\\n`));
    expect(text.stdout).toMatch(/excludedAccountIds +matches\n/);
  });

  it('explain says a targeted account is written, and which kinds', async () => {
    const shared = new SharedMemoryBackend();
    await runCli(['config', 'get', ...MEMORY], new TestIo(), shared.open);
    const sim = await shared.sim();
    const prod = sim.model
      .listAccounts()
      .find(
        (a) =>
          !a.isManagement &&
          a.state === 'ACTIVE' &&
          sim.model.tree.unitsAbove(a.id).includes(GENERATED_UNITS.production) &&
          sim.model.tree.tagsOf(a.id)[OPT_OUT_TAG.key] === undefined,
      )?.id as string;
    const io = new TestIo();
    expect(await runCli(['explain', prod, '--config', file('rules-prod.json', RULES), ...MEMORY], io, shared.open)).toBe(0);
    expect(io.stdout).toContain(`Account ${prod}: targeted: a sync writes PRIMARY, BILLING, OPERATIONS, SECURITY.`);
    expect(io.stdout).toContain(`OUs, outermost first: ${GENERATED_UNITS.workloads} > ${GENERATED_UNITS.production} > `);
  });

  it.each([
    [['explain'], 'error: explain needs ACCOUNT_ID: contact-sync explain ACCOUNT_ID [--config FILE] [--json]\n'],
    [['explain', '12345'], 'error: explain: "12345" is not a 12-digit account id\n'],
    [['explain', '100000000001', '100000000002'], /explain takes only ACCOUNT_ID, not "100000000002"/],
    [['explain', '100000000001', '--kinds', 'SECURITY'], /explain does not take --kinds/],
  ])('explain %j is a usage error in one line', async (argv, message) => {
    const io = new TestIo();
    expect(await runCli([...argv, ...MEMORY], io)).toBe(64);
    if (typeof message === 'string') expect(io.stderr).toBe(message);
    else expect(io.stderr).toMatch(message);
  });

  it('a --config file that breaks a rule is refused naming the field, and explain --help says how it decides', async () => {
    const io = new TestIo();
    const bad = file('bad.json', { excludedOrganizationalUnits: ['Sandbox'], excludedTags: [{ key: '' }] });
    expect(await runCli(['plan', '--config', bad, ...MEMORY], io)).toBe(1);
    expect(io.stderr).toBe(
      'error: invalid sync configuration: excludedOrganizationalUnits[0]: must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more; excludedTags[0].key: must be 1-128 characters\n',
    );
    const help = new TestIo();
    expect(await runCli(['explain', '--help'], help)).toBe(0);
    expect(help.stdout).toContain('Usage: contact-sync explain ACCOUNT_ID [--config FILE] [--json]');
    expect(help.stdout).toContain('An exclusion always');
  });
});
