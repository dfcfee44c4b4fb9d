import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContactKind } from '@contact-sync/domain';
import { contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import { BackendOpener, runCli } from './cli';
import { openBackend } from './composition';
import { COMMANDS } from './commands/catalogue';
import { SharedMemoryBackend } from './testing/memory-backend';
import { TestIo } from './testing/test-io';

const MEMORY = ['--backend', 'memory'];
const dir = mkdtempSync(join(tmpdir(), 'contact-sync-cli-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

interface PlanJson {
  summary: {
    put: number;
    delete: number;
    unchanged: number;
    skip: number;
    error: number;
    pending: number;
    accounts: number;
    total: number;
  };
  changes: { accountId: string; kind: string; action: string }[];
}

describe('contact-sync', () => {
  describe('help and usage', () => {
    it('prints the commands with --help and exits 0', async () => {
      const io = new TestIo();
      expect(await runCli(['--help'], io)).toBe(0);
      for (const command of COMMANDS) expect(io.stdout).toContain(command.name);
    });

    it.each(COMMANDS.map((c) => c.name))('has --help for %s', async (name) => {
      const io = new TestIo();
      expect(await runCli([...name.split(' '), '--help'], io)).toBe(0);
      expect(io.stdout).toContain(`Usage: contact-sync ${name}`);
    });

    it('explains an unknown command in one line, without a stack trace, as a usage error (64)', async () => {
      const io = new TestIo();
      expect(await runCli(['deploy'], io)).toBe(64);
      expect(io.stderr).toBe(
        'error: unknown command "deploy": use plan, sync, drift, explain, history, runs, rollback, replay-failed-events, config, reset. Run contact-sync help.\n',
      );
    });

    it('names an option the command does not take', async () => {
      const io = new TestIo();
      expect(await runCli(['plan', '--yes', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toContain('plan does not take --yes');
    });

    it('names an unknown option', async () => {
      const io = new TestIo();
      expect(await runCli(['plan', '--colour'], io)).toBe(64);
      expect(io.stderr).toMatch(/^error: Unknown option '--colour'/);
      expect(io.stderr.split('\n')).toHaveLength(2);
    });

    it('has a help command: help, help COMMAND and help GROUP, like --help', async () => {
      const main = new TestIo();
      expect(await runCli(['help'], main)).toBe(0);
      const flag = new TestIo();
      await runCli(['--help'], flag);
      expect(main.stdout).toBe(flag.stdout);
      expect(main.stdout).toContain('Exit codes:');

      const plan = new TestIo();
      expect(await runCli(['help', 'plan'], plan)).toBe(0);
      const planFlag = new TestIo();
      await runCli(['plan', '--help'], planFlag);
      expect(plan.stdout).toBe(planFlag.stdout);
      expect(plan.stdout).toContain('--detailed-exitcode');

      const show = new TestIo();
      expect(await runCli(['help', 'runs', 'show'], show)).toBe(0);
      expect(show.stdout).toContain('Usage: contact-sync runs show RUN_ID');

      const unknown = new TestIo();
      expect(await runCli(['help', 'deploy'], unknown)).toBe(64);
      expect(unknown.stderr).toContain('unknown command "deploy"');
    });

    it('config --help lists the config commands and exits 0; config alone shows them on stderr as a usage error', async () => {
      const help = new TestIo();
      expect(await runCli(['config', '--help'], help)).toBe(0);
      for (const name of ['config get', 'config set', 'config validate']) expect(help.stdout).toContain(name);
      const group = new TestIo();
      expect(await runCli(['help', 'config'], group)).toBe(0);
      expect(group.stdout).toBe(help.stdout);
      const alone = new TestIo();
      expect(await runCli(['config'], alone)).toBe(64);
      expect(alone.stdout).toBe('');
      expect(alone.stderr).toBe(help.stdout);
    });

    it('prints its version with --version', async () => {
      const io = new TestIo();
      expect(await runCli(['--version'], io)).toBe(0);
      expect(io.stdout).toBe('contact-sync 0.1.0\n');
    });

    it('with --json, reports an error as one JSON object on stderr with a stable code, and nothing on stdout', async () => {
      const usage = new TestIo();
      expect(await runCli(['plan', '--json', '--kinds', 'FAX', ...MEMORY], usage)).toBe(64);
      expect(usage.stdout).toBe('');
      expect(JSON.parse(usage.stderr)).toEqual({
        error: { code: 'USAGE', message: '--kinds: "FAX" is not one of PRIMARY, BILLING, OPERATIONS, SECURITY', exitCode: 64 },
      });
      const missing = new TestIo();
      expect(await runCli(['config', 'get', '--json'], missing)).toBe(1);
      expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'MISSING_SETTING', exitCode: 1 } });
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('reads a negative number as a bad value, not as an option', async () => {
      const io = new TestIo();
      expect(await runCli(['history', '--limit', '-5', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toBe('error: --limit must be a whole number from 1 to 1000 (a page; --next-token gives the next one)\n');
    });

    it('refuses a Region name AWS never uses before any call, naming where it came from', async () => {
      const flag = new TestIo();
      expect(await runCli(['plan', '--region', 'nowhere-1', '--state-table', 't'], flag)).toBe(64);
      expect(flag.stderr).toBe('error: --region: "nowhere-1" is not an AWS Region name (like us-east-1, the stack\'s Region)\n');
      const env = new TestIo([], { AWS_REGION: 'moon' });
      expect(await runCli(['plan', '--state-table', 't'], env)).toBe(64);
      expect(env.stderr).toContain('AWS_REGION: "moon" is not an AWS Region name');
    });

    it('asks for the state table when AWS is the backend and none is given', async () => {
      const io = new TestIo();
      expect(await runCli(['config', 'get'], io)).toBe(1);
      expect(io.stderr).toContain('--state-table is required with --backend aws (or set CONTACT_SYNC_STATE_TABLE)');
    });

    it('takes the write fence from WRITE_FENCE_MS, 15 s when unset, and names a bad value', async () => {
      const fences: (number | undefined)[] = [];
      const open: BackendOpener = (settings) => {
        fences.push(settings.writeFenceMs);
        return openBackend(settings);
      };
      expect(await runCli(['config', 'get', ...MEMORY], new TestIo([], { WRITE_FENCE_MS: '0' }), open)).toBe(0);
      expect(await runCli(['config', 'get', ...MEMORY], new TestIo([], {}), open)).toBe(0);
      expect(fences).toEqual([0, 15_000]);

      const io = new TestIo([], { WRITE_FENCE_MS: '-1' });
      expect(await runCli(['config', 'get', ...MEMORY], io, open)).toBe(64);
      expect(io.stderr).toBe('error: WRITE_FENCE_MS must be a whole number of milliseconds from 0 to 120000\n');
      expect(fences).toHaveLength(2);
    });
  });

  describe('plan', () => {
    it('shows the pending changes, exits 0, and writes nothing', async () => {
      const backend = new SharedMemoryBackend();
      const io = new TestIo();
      expect(await runCli(['plan', ...MEMORY], io, backend.open)).toBe(0);
      expect(io.stdout).toMatch(/^ACCOUNT +KIND +ACTION +DETAIL\n/);
      expect(io.stdout).toMatch(/Plan: \d+ to update, 0 to delete, \d+ unchanged, 0 skipped, 0 errors/);
      // What each periodic resync costs: a read per account-kind (1,000 members' PRIMARY and three alternate contacts), a write per change.
      expect(io.stdout).toMatch(
        /\nEach periodic resync \(daily by default\): [\d,]+ GetContactInformation, [\d,]+ GetAlternateContact, [\d,]+ Put\w+, .*calls, at least \d+ min \d+ s at the configured rates\.\n$/,
      );
      expect(await backend.writes()).toBe(0);
    });

    it('config set says what a change widens and records its run for the sweeper; a change that only narrows records none', async () => {
      const backend = new SharedMemoryBackend();
      const narrow = new TestIo();
      expect(await runCli(['config', 'set', '--kinds', 'security', '--yes', ...MEMORY], narrow, backend.open)).toBe(0);
      expect(narrow.stdout).toBe('Stored the configuration as version 1.\n');
      expect(narrow.stderr).not.toContain('widens');
      const widen = new TestIo();
      expect(
        await runCli(['config', 'set', '--kinds', 'security,billing', '--dry-run', 'true', '--yes', ...MEMORY], widen, backend.open),
      ).toBe(0);
      expect(widen.stderr).toContain(
        'This widens what is synced (KIND_ENABLED): BILLING will be compared (dry run: nothing is written) on every member it targets.\n',
      );
      expect(widen.stdout).toBe(
        'Stored the configuration as version 2.\n' +
          "Run cfg-v2 is recorded; the stack's sweeper starts it within 5 minutes (contact-sync runs show cfg-v2): in dry run it writes nothing.\n",
      );
      const json = new TestIo();
      expect(await runCli(['config', 'set', '--dry-run', 'false', '--json', '--yes', ...MEMORY], json, backend.open)).toBe(0);
      expect(json.json()).toMatchObject({
        version: 3,
        widening: { kinds: ['BILLING', 'SECURITY'], reasons: ['DRY_RUN_RELEASED'] },
        runId: 'cfg-v3',
      });
      const { syncState } = await backend.sim();
      expect(await syncState.getRun('cfg-v2')).toMatchObject({
        trigger: 'CONFIG_CHANGE',
        kinds: ['BILLING'],
        launch: 'CREATED',
        dryRun: true,
      });
      expect(await syncState.getRun('cfg-v1')).toBeUndefined();
    });

    it('--json gives the summary and one change per account and kind', async () => {
      const io = new TestIo();
      expect(await runCli(['plan', '--json', ...MEMORY], io)).toBe(0);
      const plan = io.json<PlanJson>();
      expect(plan.summary.pending).toBe(plan.summary.put + plan.summary.delete);
      expect(plan.changes.filter((c) => c.action === 'PUT' || c.action === 'DELETE')).toHaveLength(plan.summary.pending);
      expect(plan.summary.total).toBe(plan.summary.pending + plan.summary.unchanged + plan.summary.skip + plan.summary.error);
      expect(plan.changes[0]).toEqual({
        accountId: expect.stringMatching(/^\d{12}$/),
        kind: expect.any(String),
        action: expect.any(String),
        reason: expect.any(String),
        fields: expect.any(Array),
      });
    });

    it('exits 2 for pending changes only with --detailed-exitcode, as terraform plan does', async () => {
      const backend = new SharedMemoryBackend();
      expect(await runCli(['plan', '--detailed-exitcode', ...MEMORY], new TestIo(), backend.open)).toBe(2);
      expect(await runCli(['drift', '--detailed-exitcode', ...MEMORY], new TestIo(), backend.open)).toBe(2);
      expect(await runCli(['sync', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
      expect(await runCli(['plan', '--detailed-exitcode', ...MEMORY], new TestIo(), backend.open)).toBe(0);
      expect(await runCli(['drift', '--detailed-exitcode', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    });

    it('--json says why each change is planned and which fields differ, by name, never their values', async () => {
      const backend = new SharedMemoryBackend();
      const io = new TestIo();
      await runCli(['plan', '--json', ...MEMORY], io, backend.open);
      const changes = io.json<{ changes: { accountId: string; kind: string; reason: string; fields?: string[] }[] }>().changes;
      const differing = changes.filter((c) => c.reason === 'differs from the management account');
      const unset = changes.filter((c) => c.reason === 'not set on the member');
      expect(differing.length).toBeGreaterThan(0);
      expect(unset.length).toBeGreaterThan(0);
      expect(unset.every((c) => c.fields === undefined)).toBe(true);
      const { model } = await backend.sim();
      for (const change of differing) {
        const kind = change.kind as ContactKind;
        const mine = model.settled(change.accountId, kind) ?? {};
        const theirs = model.settled(model.managementAccountId, kind) ?? {};
        const expected = Object.keys({ ...theirs, ...mine }).filter((field) => mine[field] !== theirs[field]);
        expect([...(change.fields ?? [])].sort()).toEqual(expected.sort());
        for (const value of [...Object.values(mine), ...Object.values(theirs)].filter(
          (v) => !['BILLING', 'OPERATIONS', 'SECURITY'].includes(v),
        ))
          expect(JSON.stringify(change)).not.toContain(value);
      }
      const text = new TestIo();
      await runCli(['plan', ...MEMORY], text, backend.open);
      const first = differing[0] as { accountId: string; kind: string; fields?: string[] };
      expect(text.stdout).toMatch(new RegExp(`${first.accountId} +${first.kind} +PUT +differs: ${(first.fields ?? []).join(', ')}\\n`));
    });

    it('takes --kinds in any case', async () => {
      const lower = new TestIo();
      expect(await runCli(['plan', '--json', '--kinds', 'security,Billing', ...MEMORY], lower)).toBe(0);
      const upper = new TestIo();
      await runCli(['plan', '--json', '--kinds', 'SECURITY,BILLING', ...MEMORY], upper);
      expect(lower.stdout).toBe(upper.stdout);
      const backend = new SharedMemoryBackend();
      expect(await runCli(['config', 'set', '--kinds', 'security', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
      const got = new TestIo();
      await runCli(['config', 'get', '--json', ...MEMORY], got, backend.open);
      expect(got.json()).toMatchObject({ config: { kinds: ['SECURITY'] } });
    });

    it('honours --kinds and --exclude: an excluded account is skipped, saying why', async () => {
      const all = new TestIo();
      await runCli(['plan', '--json', '--kinds', 'SECURITY', ...MEMORY], all);
      const excluded = all.json<PlanJson>().changes[0]?.accountId as string;
      const io = new TestIo();
      await runCli(['plan', '--json', '--kinds', 'SECURITY', '--exclude', excluded, ...MEMORY], io);
      const plan = io.json<PlanJson>();
      expect(plan.changes.length).toBeGreaterThan(1);
      expect(plan.changes.every((c) => c.kind === 'SECURITY')).toBe(true);
      expect(plan.changes.filter((c) => c.accountId === excluded)).toEqual([
        { accountId: excluded, kind: 'SECURITY', action: 'SKIP', reason: 'left out by a targeting rule', detail: 'EXCLUDED_BY_ID' },
      ]);
    });

    it('names a bad --kinds value', async () => {
      const io = new TestIo();
      expect(await runCli(['plan', '--kinds', 'FAX', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toBe('error: --kinds: "FAX" is not one of PRIMARY, BILLING, OPERATIONS, SECURITY\n');
    });
  });

  describe('sync', () => {
    it('asks first, and writes nothing when the answer is no', async () => {
      const backend = new SharedMemoryBackend();
      const io = new TestIo(['no']);
      expect(await runCli(['sync', ...MEMORY], io, backend.open)).toBe(1);
      expect(io.questions).toEqual([expect.stringMatching(/^Write these \d+ contact changes\? Type yes to continue: $/)]);
      expect(io.stderr).toContain('error: Aborted: nothing was written.');
      expect(await backend.writes()).toBe(0);
    });

    it('refuses to apply without --yes when there is no terminal to ask', async () => {
      const io = new TestIo([undefined]);
      expect(await runCli(['sync', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toContain('no one to confirm: pass --yes to go ahead');
    });

    it('applies after "yes": afterwards the plan is empty and the audit shows the run', async () => {
      const backend = new SharedMemoryBackend();
      const planned = new TestIo();
      await runCli(['plan', '--json', ...MEMORY], planned, backend.open);
      const pending = planned.json<PlanJson>().summary.pending;

      const io = new TestIo(['yes']);
      expect(await runCli(['sync', ...MEMORY], io, backend.open)).toBe(0);
      expect(io.stdout).toMatch(new RegExp(`Run cli-\\S+ SUCCEEDED: ${pending} updated, \\d+ unchanged, 0 skipped, 0 failed\\.`));
      expect(await backend.writes()).toBe(pending);

      const after = new TestIo();
      expect(await runCli(['plan', ...MEMORY], after, backend.open)).toBe(0);
      expect(after.stdout).toContain('Every eligible account already matches the management account.');

      const history = new TestIo();
      expect(await runCli(['history', '--json', '--limit', '1000', ...MEMORY], history, backend.open)).toBe(0);
      const { entries, more } = history.json<{ entries: { runId: string; status: string; accountId: string }[]; more: boolean }>();
      expect(entries).toHaveLength(1000);
      expect(more).toBe(true);
      expect(entries.every((e) => e.runId.startsWith('cli-'))).toBe(true);
      expect((await backend.sim()).auditLog.all().filter((e) => e.status === 'UPDATED')).toHaveLength(pending);

      const account = entries[0]?.accountId as string;
      const byAccount = new TestIo();
      await runCli(['history', '--account', account, ...MEMORY], byAccount, backend.open);
      expect(byAccount.stdout).toMatch(/^TIME +RUN +ACCOUNT +KIND +STATUS +DETAIL +INITIATOR\n/);
      expect(
        byAccount.stdout
          .trim()
          .split('\n')
          .slice(2)
          .every((line) => line.includes(account)),
      ).toBe(true);
    });

    it('stops on Ctrl-C after the items in flight, cancels the run, and nothing of it is written later', async () => {
      const backend = new SharedMemoryBackend();
      const io = new TestIo([], {}, true);
      io.onErr = (text) => {
        if (text.includes('Syncing') && !io.interrupt.aborted) io.controller.abort();
      };
      expect(await runCli(['sync', '--yes', ...MEMORY], io, backend.open)).toBe(130);
      const [, done, total] = /Stopped: (\d+) of (\d+) work items done/.exec(io.stdout) ?? [];
      expect(Number(done)).toBeGreaterThan(0);
      expect(Number(done)).toBeLessThan(Number(total));
      const [, runId, left] = /Run (\S+) CANCELLED: the (\d+) account-kinds left are recorded SKIPPED CANCELLED/.exec(io.stdout) ?? [];
      expect(Number(left)).toBeGreaterThan(0);
      const written = await backend.writes();
      expect(written).toBeGreaterThan(0);

      // The items Ctrl-C left in the queue are delivered after all (as SQS or the sweeper would): none writes.
      const composed = await backend.open({ backend: 'memory', seed: 1 });
      const results = await composed.run(async () => {
        const out = [];
        for (let item = composed.localQueue.take(); item; item = composed.localQueue.take())
          out.push((await composed.processWorkItem.execute(item, { holder: 'late' })).status);
        return out;
      });
      expect(results.length).toBeGreaterThan(0);
      expect(new Set(results)).toEqual(new Set(['RUN_CLOSED']));
      expect(await backend.writes()).toBe(written);

      const show = new TestIo();
      expect(await runCli(['runs', 'show', runId as string, '--json', ...MEMORY], show, backend.open)).toBe(0);
      const view = JSON.parse(show.stdout);
      expect(view).toMatchObject({
        status: 'CANCELLED',
        notified: true,
        report: { status: 'CANCELLED', skippedBy: { CANCELLED: Number(left) } },
      });
      const audit = (await backend.sim()).auditLog.all().filter((e) => e.runId === runId && e.detail === 'CANCELLED');
      expect(audit).toHaveLength(Number(left));
      expect((await backend.sim()).notifier.sent.filter((n) => n.report.runId === runId)).toHaveLength(1);
    });

    it('runs cancel: cancels an open run, whose items then write nothing; a finished run cannot be cancelled', async () => {
      const backend = new SharedMemoryBackend();
      const composed = await backend.open({ backend: 'memory', seed: 1 });
      // A run launched and left open with every item queued, as a deployed run waits for its workers.
      await composed.run(() =>
        composed.reconcile.execute({
          dryRun: false,
          runId: 'rec-open',
          initiator: 'arn:aws:iam::111111111111:role/ops',
          kinds: ['SECURITY'],
        }),
      );
      const items = composed.localQueue.size;
      expect(items).toBeGreaterThan(0);

      const refused = new TestIo([], {}, false);
      expect(await runCli(['runs', 'cancel', 'rec-open', ...MEMORY], refused, backend.open)).toBe(64);
      expect(refused.stderr).toContain('pass --yes');
      const io = new TestIo();
      expect(await runCli(['runs', 'cancel', 'rec-open', '--yes', ...MEMORY], io, backend.open)).toBe(0);
      expect(io.stdout).toMatch(
        /^Run rec-open cancelled at \S+: no write of it goes out after that\. 0 updated before it, \d+ account-kinds recorded SKIPPED CANCELLED\./,
      );

      const statuses = await composed.run(async () => {
        const out = [];
        for (let item = composed.localQueue.take(); item; item = composed.localQueue.take())
          out.push((await composed.processWorkItem.execute(item, { holder: 'late' })).status);
        return out;
      });
      expect(statuses).toHaveLength(items);
      expect(new Set(statuses)).toEqual(new Set(['RUN_CLOSED']));
      expect(await backend.writes()).toBe(0);
      const run = await composed.run(() => composed.runStore.getRun('rec-open'));
      expect(run?.report).toMatchObject({ status: 'CANCELLED', updated: 0, missing: 0 });
      expect(run?.report?.skippedBy?.['CANCELLED']).toBe(run?.report?.targeted);

      const again = new TestIo();
      expect(await runCli(['runs', 'cancel', 'rec-open', '--yes', ...MEMORY], again, backend.open)).toBe(1);
      expect(again.stderr).toContain(
        'run rec-open already finished (CANCELLED): a finished run cannot be cancelled, and nothing was changed',
      );
      const unknown = new TestIo();
      expect(await runCli(['runs', 'cancel', 'rec-none', '--yes', ...MEMORY], unknown, backend.open)).toBe(1);
      expect(unknown.stderr).toContain('no run rec-none is recorded');
      const help = new TestIo();
      expect(await runCli(['runs', 'cancel', '--help'], help, backend.open)).toBe(0);
      expect(help.stdout).toContain('Usage: contact-sync runs cancel RUN_ID [--yes] [--json]');
    });

    it('refuses to run while the configuration is in dry-run mode', async () => {
      const backend = new SharedMemoryBackend();
      await runCli(['config', 'set', '--dry-run', 'true', '--yes', ...MEMORY], new TestIo(), backend.open);
      const io = new TestIo();
      expect(await runCli(['sync', '--yes', ...MEMORY], io, backend.open)).toBe(1);
      expect(io.stderr).toContain('dry-run mode');
      expect(await backend.writes()).toBe(0);
    });
  });

  describe('replay-failed-events', () => {
    /** A management change, a member that joined, and an event no function handles, as the failure destination holds them. */
    const landEvents = async (backend: SharedMemoryBackend) => {
      const failed = await backend.failedEvents();
      const { model } = await backend.sim();
      const member = model.listAccounts().find((a) => !a.isManagement && a.state === 'ACTIVE')?.id as string;
      failed.add(
        contactWriteEvent({ eventId: 'lost-1', alternateContactType: 'SECURITY', managementAccountId: model.managementAccountId }),
      );
      failed.add(newAccountEvent({ eventName: 'AccountJoinedOrganization', accountId: member, eventId: 'lost-2' }));
      failed.add({ source: 'aws.s3', detail: {} });
      return { failed, member };
    };

    it('says so when nothing waits', async () => {
      const io = new TestIo();
      expect(await runCli(['replay-failed-events', ...MEMORY], io)).toBe(0);
      expect(io.stdout).toBe('No failed events are waiting.\n');
    });

    it('asks first, and replays nothing when the answer is no', async () => {
      const backend = new SharedMemoryBackend();
      const { failed } = await landEvents(backend);
      const io = new TestIo(['no']);
      expect(await runCli(['replay-failed-events', ...MEMORY], io, backend.open)).toBe(1);
      expect(io.stderr).toContain('About 3 failed events are waiting.');
      expect(io.questions).toEqual(['Replay up to 3 of them? Type yes to continue: ']);
      expect(io.stderr).toContain('error: Aborted: nothing was replayed.');
      expect(failed.size).toBe(3);
    });

    it('replays each event through its use case, drops the one no function handles, and empties the queue', async () => {
      const backend = new SharedMemoryBackend();
      const { failed, member } = await landEvents(backend);
      const io = new TestIo();
      expect(await runCli(['replay-failed-events', '--yes', '--json', ...MEMORY], io, backend.open)).toBe(0);
      expect(io.json()).toEqual({
        status: 'DONE',
        received: 3,
        replayed: 2,
        dropped: 1,
        failed: 0,
        runIds: ['chg-lost-1', expect.stringMatching(new RegExp(`^new-${member}-\\d+$`))],
      });
      expect(failed.size).toBe(0);
      expect(
        (await backend.sim()).syncState
          .allRuns()
          .map((r) => r.trigger)
          .sort(),
      ).toEqual(['CHANGE', 'NEW_ACCOUNT']);
    });

    it('stops on Ctrl-C before the next event; the rest stay queued', async () => {
      const backend = new SharedMemoryBackend();
      const { failed } = await landEvents(backend);
      const io = new TestIo([], {}, true);
      io.onErr = (text) => {
        if (text.includes('Replaying') && !io.interrupt.aborted) io.controller.abort();
      };
      expect(await runCli(['replay-failed-events', '--yes', ...MEMORY], io, backend.open)).toBe(130);
      expect(io.stdout).toContain('Stopped: handled 1 of 3 failed events: 1 replayed, 0 dropped');
      expect(io.stdout).toContain('The other 2 stay queued for the next replay.');
      expect(failed.size).toBe(2);
    });

    it('names a bad --max', async () => {
      const io = new TestIo();
      expect(await runCli(['replay-failed-events', '--max', '0', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toBe('error: --max must be a whole number from 1 to 1000\n');
    });
  });

  describe('drift', () => {
    it('counts drifted accounts by kind, consistent with the plan', async () => {
      const plan = new TestIo();
      await runCli(['plan', '--json', ...MEMORY], plan);
      const io = new TestIo();
      expect(await runCli(['drift', '--json', ...MEMORY], io)).toBe(0);
      const drift = io.json<{ drifted: number; accounts: number; byKind: Record<string, { count: number; accounts: string[] }> }>();
      expect(drift.drifted).toBe(plan.json<PlanJson>().summary.pending);
      expect(Object.values(drift.byKind).reduce((sum, k) => sum + k.count, 0)).toBe(drift.drifted);
      expect(Object.keys(drift.byKind)).toEqual(['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY']);
    });

    it('prints a table of kinds for people', async () => {
      const io = new TestIo();
      await runCli(['drift', ...MEMORY], io);
      expect(io.stdout).toMatch(/^KIND +DRIFTED ACCOUNTS\n-+ +-+\nPRIMARY +\d+\n/);
    });
  });

  describe('history', () => {
    it('names a bad --since', async () => {
      const io = new TestIo();
      expect(await runCli(['history', '--since', 'last tuesday', ...MEMORY], io)).toBe(1);
      expect(io.stderr).toBe('error: Invalid audit query: since: must be an ISO-8601 date or date-time\n');
    });

    it('says when nothing matches', async () => {
      const io = new TestIo();
      expect(await runCli(['history', ...MEMORY], io)).toBe(0);
      expect(io.stdout).toBe('No audit entries match.\n');
    });
  });

  describe('config', () => {
    it('gets the defaults at version 0, sets a field, and gets the new version', async () => {
      const backend = new SharedMemoryBackend();
      const before = new TestIo();
      expect(await runCli(['config', 'get', '--json', ...MEMORY], before, backend.open)).toBe(0);
      expect(before.json()).toMatchObject({
        version: 0,
        source: 'DEFAULTS',
        config: { kinds: ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY'], dryRun: false },
      });

      const set = new TestIo();
      expect(await runCli(['config', 'set', '--kinds', 'SECURITY,BILLING', '--yes', ...MEMORY], set, backend.open)).toBe(0);
      expect(set.stdout).toBe('Stored the configuration as version 1.\n');

      const after = new TestIo();
      await runCli(['config', 'get', '--json', ...MEMORY], after, backend.open);
      expect(after.json()).toMatchObject({
        version: 1,
        source: 'STORED',
        config: { kinds: ['BILLING', 'SECURITY'], propagateDeletions: false },
      });
    });

    it('refuses a file that breaks a rule, naming the field, and stores nothing', async () => {
      const backend = new SharedMemoryBackend();
      const io = new TestIo();
      const bad = file('bad.json', { kinds: ['FAX'], excludedAccountIds: ['12'] });
      expect(await runCli(['config', 'set', '--file', bad, ...MEMORY], io, backend.open)).toBe(1);
      expect(io.stderr).toContain('kinds[0]');
      expect(io.stderr).toContain('excludedAccountIds[0]');
      const get = new TestIo();
      await runCli(['config', 'get', '--json', ...MEMORY], get, backend.open);
      expect(get.json()).toMatchObject({ version: 0 });
    });

    // JSON.parse keeps the last of two equal keys: {"dryRun": true, "dryRun": false} would be stored as live.
    it('refuses a file that gives a key twice, naming the key, and stores nothing', async () => {
      const backend = new SharedMemoryBackend();
      const twice = file('twice.json', '{"kinds": ["SECURITY"], "dryRun": true, "dryRun": false}');
      const io = new TestIo();
      expect(await runCli(['config', 'set', '--file', twice, ...MEMORY], io, backend.open)).toBe(1);
      expect(io.stderr).toBe(
        `error: invalid sync configuration: dryRun: is given more than once in the same object (JSON would keep only the last)\n`,
      );
      const get = new TestIo();
      await runCli(['config', 'get', '--json', ...MEMORY], get, backend.open);
      expect(get.json()).toMatchObject({ version: 0 });
      const validate = new TestIo();
      expect(await runCli(['config', 'validate', '--file', twice], validate)).toBe(1);
      expect(validate.stderr).toContain('dryRun: is given more than once');
      // What config get --json prints is read back the same way: the key is named with its place.
      const wrapped = file('wrapped.json', '{"version": 3, "config": {"dryRun": true, "dryRun": false}}');
      const restore = new TestIo();
      expect(await runCli(['config', 'set', '--file', wrapped, ...MEMORY], restore, backend.open)).toBe(1);
      expect(restore.stderr).toContain('config.dryRun: is given more than once');
    });

    it('validates a file without a backend', async () => {
      const good = file('good.json', { kinds: ['SECURITY'], dryRun: true });
      const io = new TestIo();
      expect(await runCli(['config', 'validate', '--file', good], io)).toBe(0);
      expect(io.stdout).toBe(`${good} is a valid sync configuration.\n`);
      const broken = new TestIo();
      expect(await runCli(['config', 'validate', '--file', file('broken.json', '{')], broken)).toBe(1);
      expect(broken.stderr).toContain('is not valid JSON');
      const missing = new TestIo();
      expect(await runCli(['config', 'validate', '--file', join(dir, 'nope.json')], missing)).toBe(1);
      expect(missing.stderr).toContain('cannot read');
    });

    it('accepts rates above the documented quotas, warning on stderr for each one', async () => {
      const fast = file('fast.json', { rates: { PutAlternateContact: { ratePerSecond: 20, burst: 8 } } });
      const io = new TestIo();
      expect(await runCli(['config', 'validate', '--file', fast], io)).toBe(0);
      expect(io.stderr).toBe(
        "warning: rates.PutAlternateContact.ratePerSecond is above the documented quota of 5 per second: unless this account's quota was raised, the service will throttle.\n",
      );
      const backend = new SharedMemoryBackend();
      const set = new TestIo();
      expect(await runCli(['config', 'set', '--file', fast, '--merge', '--yes', ...MEMORY], set, backend.open)).toBe(0);
      expect(set.stderr).toContain('rates.PutAlternateContact.ratePerSecond is above the documented quota');
      expect(set.stdout).toBe('Stored the configuration as version 1.\n');
    });

    it('takes back what config get --json printed: a saved configuration restores as it was', async () => {
      const backend = new SharedMemoryBackend();
      await runCli(
        ['config', 'set', '--kinds', 'SECURITY,BILLING', '--excluded-accounts', '100000000007', '--yes', ...MEMORY],
        new TestIo(),
        backend.open,
      );
      const saved = new TestIo();
      expect(await runCli(['config', 'get', '--json', ...MEMORY], saved, backend.open)).toBe(0);
      const path = file('saved-config.json', saved.stdout);
      await runCli(['config', 'set', '--dry-run', 'true', '--kinds', 'PRIMARY', '--yes', ...MEMORY], new TestIo(), backend.open);

      const validate = new TestIo();
      expect(await runCli(['config', 'validate', '--file', path], validate)).toBe(0);
      const restore = new TestIo();
      expect(await runCli(['config', 'set', '--file', path, '--yes', ...MEMORY], restore, backend.open)).toBe(0);
      // The restore enables two kinds again and releases dry run: it says so, and records the run that brings them in line.
      expect(restore.stderr).toMatch(
        /\nThis releases dry run: from version 3 on, the service writes members' contacts, starting with the \d+ writes above\.\n$/,
      );
      expect(restore.stdout).toBe(
        'Stored the configuration as version 3.\n' +
          "Run cfg-v3 is recorded; the stack's sweeper starts it within 5 minutes (contact-sync runs show cfg-v3).\n",
      );
      const after = new TestIo();
      await runCli(['config', 'get', '--json', ...MEMORY], after, backend.open);
      expect(after.json()).toEqual({ ...saved.json(), version: 3 });
    });

    it('reads the plain configuration too, and refuses a wrapper with anything else in it, naming the fields', async () => {
      const plain = new TestIo();
      expect(await runCli(['config', 'validate', '--file', file('plain.json', { kinds: ['SECURITY'] })], plain)).toBe(0);
      const odd = new TestIo();
      expect(await runCli(['config', 'validate', '--file', file('odd.json', { version: 1, config: {}, note: 'x' })], odd)).toBe(1);
      expect(odd.stderr).toBe(
        'error: invalid sync configuration: version: is not a known field; config: is not a known field; note: is not a known field\n',
      );
    });

    it('with --json, gives quota warnings in the result instead of on stderr', async () => {
      const fast = file('fast-json.json', { rates: { PutAlternateContact: { ratePerSecond: 500, burst: 8 } } });
      const io = new TestIo();
      expect(await runCli(['config', 'validate', '--json', '--file', fast], io)).toBe(0);
      expect(io.stderr).toBe('');
      expect(io.json()).toMatchObject({
        valid: true,
        warnings: [{ field: 'rates.PutAlternateContact.ratePerSecond', rule: expect.stringContaining('documented quota of 5 per second') }],
      });
    });

    it('warns when the stored configuration, or the one a sync runs with, is above the quotas', async () => {
      const backend = new SharedMemoryBackend();
      const fast = file('fast-stored.json', { kinds: ['SECURITY'], rates: { GetAlternateContact: { ratePerSecond: 500, burst: 15 } } });
      await runCli(['config', 'set', '--file', fast, '--merge', '--yes', ...MEMORY], new TestIo(), backend.open);
      const get = new TestIo();
      expect(await runCli(['config', 'get', ...MEMORY], get, backend.open)).toBe(0);
      expect(get.stderr).toContain('warning: rates.GetAlternateContact.ratePerSecond is above the documented quota of 10 per second');
      const sync = new TestIo();
      expect(await runCli(['sync', '--yes', ...MEMORY], sync, backend.open)).toBe(0);
      expect(sync.stderr).toContain('warning: rates.GetAlternateContact.ratePerSecond is above the documented quota');
    });

    it('needs a file or a flag to set', async () => {
      const io = new TestIo();
      expect(await runCli(['config', 'set', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toContain('config set needs --file PATH, or at least one of');
    });
  });
});
