import { spawnSync } from 'node:child_process';
import { accountId, DEFAULT_ORGANIZATION, GENERATED_UNITS, OPT_OUT_TAG, ORGANIZATIONS_OPERATIONS } from '@contact-sync/simulated-aws';
import { CONTACT_KINDS, CONTACT_OPERATIONS, syncConfigOf, SyncConfigInput } from '@contact-sync/domain';
import { runSimulation, ScenarioName } from '@contact-sync/simulation';
import { parseArgs } from 'node:util';
import { BaselineResult, runNaiveBaseline, runNaiveScript } from './naive-baseline';

/**
 * Each case: a scenario at a size under a delivery model. `aws` is the deployed system's delivery
 * (unordered SQS, separate workers each with its share of the quotas, event delay, write fence);
 * `ideal` is one in-process worker with an ordered queue, the upper bound the faithful model is held
 * against. The naive baselines run beside the cases that ask for it, in the same organization: the
 * sequential loop and the parallel script at each of {@link PARALLEL_WORKERS}.
 */
interface BenchCase {
  readonly scenario: ScenarioName;
  readonly accounts: number;
  readonly delivery: 'aws' | 'ideal';
  readonly workers?: number;
  readonly exclusions?: number;
  /** Targeting rules: an OU excluded (the tree is walked), and a tag excluded too (every member's tags are read). */
  readonly rules?: 'ou' | 'ou+tag';
  readonly baseline?: boolean;
}

/** The Organizations calls a case makes, by operation. */
const ORGANIZATIONS_CALLS = ['ListAccounts', ...ORGANIZATIONS_OPERATIONS];

/** The rules of a case: the built-in organization's Sandbox OU (with its nested Hackathons), and its opt-out tag. */
const RULES: Record<NonNullable<BenchCase['rules']>, SyncConfigInput> = {
  ou: { excludedOrganizationalUnits: [GENERATED_UNITS.sandboxes] },
  'ou+tag': { excludedOrganizationalUnits: [GENERATED_UNITS.sandboxes], excludedTags: [OPT_OUT_TAG] },
};
const CASES: BenchCase[] = [
  { scenario: 'change-security', accounts: 1000, delivery: 'aws', baseline: true },
  { scenario: 'change-security', accounts: 10000, delivery: 'aws', baseline: true },
  { scenario: 'change-all', accounts: 10000, delivery: 'aws', baseline: true },
  { scenario: 'change-all', accounts: 10000, delivery: 'ideal' },
  { scenario: 'change-all', accounts: 10000, delivery: 'aws', workers: 2 },
  { scenario: 'change-all', accounts: 10000, delivery: 'aws', workers: 10 },
  { scenario: 'outage', accounts: 10000, delivery: 'aws' },
  { scenario: 'change-all', accounts: 20000, delivery: 'aws' },
  { scenario: 'change-all', accounts: 50000, delivery: 'aws' },
  { scenario: 'change-all', accounts: 100000, delivery: 'aws' },
  { scenario: 'change-security', accounts: 100000, delivery: 'aws', exclusions: 10000 },
  { scenario: 'change-security', accounts: 10000, delivery: 'aws', rules: 'ou' },
  { scenario: 'change-security', accounts: 10000, delivery: 'aws', rules: 'ou+tag' },
];
const SEED = 42;
/** The parallel naive script's worker counts: what people try when the loop is too slow, and then more. */
const PARALLEL_WORKERS = [8, 32] as const;

const HELP = `Usage: npm run bench [-- --max-accounts N]

Runs the simulation cases (up to 100,000 accounts: minutes), each in a Node process of its own, and
prints their speed, time and peak memory; beside some, what a user would run instead: the naive
sequential loop, and the naive parallel script with 8 and 32 workers (its throttled answers and the
account-kinds it gave up on).
  --max-accounts N   only the cases of at most N accounts (e.g. 1000 to check that the bench runs)
  -h, --help         show this help
`;

/** The cases the command line asks for; undefined when it asks for help. */
function selectedCases(argv: readonly string[]): BenchCase[] | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'max-accounts': { type: 'string' }, case: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.case !== undefined) return [CASES[Number(values.case)] as BenchCase];
  const text = values['max-accounts'];
  if (text === undefined) return CASES;
  const max = Number(text);
  if (!/^\d+$/.test(text) || max < 1) throw new Error('--max-accounts must be a whole number of at least 1');
  return CASES.filter((c) => c.accounts <= max);
}

/** Runs one case and measures it: in a process of its own, so that no case pays for another's heap. */
async function measureCase(c: BenchCase) {
  const organization = { ...DEFAULT_ORGANIZATION, members: c.accounts };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const delivery = c.delivery === 'ideal' ? { ideal: true } : c.workers !== undefined ? { workerConcurrency: c.workers } : {};
  const exclusions = c.exclusions ?? 0;
  const config =
    exclusions > 0 || c.rules
      ? syncConfigOf({
          ...(exclusions > 0
            ? { excludedAccountIds: Array.from({ length: exclusions }, (_, i) => accountId(i * Math.floor(c.accounts / exclusions) + 1)) }
            : {}),
          ...(c.rules ? RULES[c.rules] : {}),
        })
      : undefined;
  const report = await runSimulation({ scenario: c.scenario, organization, seed: SEED, delivery, ...(config ? { config } : {}) });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const kinds = c.scenario === 'change-all' ? CONTACT_KINDS : (['SECURITY'] as const);
  const baseline = c.baseline ? await runNaiveBaseline(organization, SEED, kinds) : undefined;
  const parallel: BaselineResult[] = [];
  if (c.baseline) for (const workers of PARALLEL_WORKERS) parallel.push(await runNaiveScript(organization, SEED, kinds, workers));
  /** This project's speed against a script's: the script's simulated seconds over this project's (above 1: this project is faster). */
  const speedup = (script: BaselineResult) => Math.round((script.simulatedSeconds / report.simulatedSeconds) * 100) / 100;
  const targets = report.eligible;
  const contactCalls = CONTACT_OPERATIONS.reduce((n, op) => n + (report.apiCalls[op] ?? 0), 0);
  const row = {
    scenario: c.scenario,
    accounts: c.accounts,
    delivery: c.delivery,
    workers: report.delivery.workerConcurrency,
    exclusions: c.exclusions ?? 0,
    rules: c.rules ?? 'none',
    eligible: targets,
    organizationsCalls: Object.fromEntries(ORGANIZATIONS_CALLS.map((op) => [op, report.apiCalls[op] ?? 0])),
    skippedBy: report.skippedBy,
    updated: report.updated,
    failed: report.failed,
    lost: report.lost,
    throttled: report.throttled,
    callsPerTarget: Math.round((contactCalls / Math.max(1, targets)) * 100) / 100,
    simulatedSeconds: report.simulatedSeconds,
    floorSeconds: report.floorSeconds,
    efficiency: report.efficiency,
    outOfSync: report.outOfSync,
    wronglyWritten: report.wronglyWritten,
    stuckRuns: report.stuckRuns,
    longestInvocationSeconds: report.longestInvocationSeconds,
    wallMs: report.wallMs,
    cpuMs: report.cpuMs,
    microsecondsPerAccountKind: Math.round((report.wallMs * 1000) / Math.max(1, targets)),
    peakRssMb: Math.round(peakRss / 1048576),
    ...(baseline
      ? {
          baselineSimulatedSeconds: Math.round(baseline.simulatedSeconds * 10) / 10,
          baselineFailed: baseline.failed,
          baselineFailedByThrottling: baseline.failedByThrottling,
          speedupVsBaseline: speedup(baseline),
        }
      : {}),
    // The parallel naive script, by worker count: its time, its throttled answers (retried or not) and what it gave up on.
    parallelBaselines: parallel.map((script) => ({
      workers: script.concurrency,
      simulatedSeconds: Math.round(script.simulatedSeconds * 10) / 10,
      calls: script.calls,
      throttled: script.throttled,
      failed: script.failed,
      failedByThrottling: script.failedByThrottling,
      speedup: speedup(script),
    })),
  };
  return row;
}

type BenchRow = Awaited<ReturnType<typeof measureCase>>;

/** Each case in a fresh Node process (this script with `--case N`), which prints its row as JSON. */
function runInChild(index: number): BenchRow {
  // The bench runs as a bundle (tools/run-bundled): its source map names the TypeScript files in a child's stack too.
  const args = ['--enable-source-maps', ...process.execArgv, process.argv[1] as string, '--case', String(index)];
  const child = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench case ${index} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as BenchRow;
}

async function main(argv: readonly string[]): Promise<void> {
  const cases = selectedCases(argv);
  if (!cases) {
    process.stdout.write(HELP);
    return;
  }
  if (argv.includes('--case')) {
    process.stdout.write(`${JSON.stringify(await measureCase(cases[0] as BenchCase))}\n`);
    return;
  }
  const rows = cases.map((c) => runInChild(CASES.indexOf(c)));
  const header = [
    'scenario',
    'accounts',
    'excl',
    'rules',
    'delivery',
    'workers',
    'eligible',
    'simulated s',
    'floor s',
    'efficiency',
    'failed',
    'lost',
    'outOfSync',
    'longest inv s',
    'ListAccounts',
    'tree calls',
    'ListTags',
    'wall ms',
    'µs/acct-kind',
    'cpu ms',
    'peak RSS MB',
    'naive s',
    'speedup',
    ...PARALLEL_WORKERS.flatMap((n) => [`par${n} s`, `par${n} thr`, `par${n} fail`, `speedup${n}`]),
  ];
  const table = rows.map((r) => [
    r.scenario,
    r.accounts,
    r.exclusions,
    r.rules,
    r.delivery,
    r.workers,
    r.eligible,
    r.simulatedSeconds,
    r.floorSeconds,
    r.efficiency,
    r.failed,
    r.lost,
    r.outOfSync,
    r.longestInvocationSeconds,
    r.organizationsCalls['ListAccounts'],
    (r.organizationsCalls['ListRoots'] ?? 0) +
      (r.organizationsCalls['ListAccountsForParent'] ?? 0) +
      (r.organizationsCalls['ListOrganizationalUnitsForParent'] ?? 0),
    r.organizationsCalls['ListTagsForResource'],
    r.wallMs,
    r.microsecondsPerAccountKind,
    r.cpuMs,
    r.peakRssMb,
    r.baselineSimulatedSeconds ?? '',
    r.speedupVsBaseline !== undefined ? `${r.speedupVsBaseline}x` : '',
    ...PARALLEL_WORKERS.flatMap((n) => {
      const script = r.parallelBaselines.find((p) => p.workers === n);
      return script ? [script.simulatedSeconds, script.throttled, script.failed, `${script.speedup}x`] : ['', '', '', ''];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  const line = (cells: unknown[]) => cells.map((cell, i) => String(cell).padStart(widths[i] as number)).join('  ');
  process.stdout.write(`${line(header)}\n${table.map(line).join('\n')}\n\n`);
  for (const r of rows) process.stdout.write(`${JSON.stringify({ bench: 'simulation', ...r })}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
