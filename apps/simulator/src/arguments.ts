import { parseArgs } from 'node:util';
import { SCENARIO_HELP, SCENARIOS, ScenarioName, TIMING_HAZARDS, TimingHazard } from '@contact-sync/simulation';

/** The simulator's options, validated. */
export interface SimulatorArguments {
  readonly accounts: number;
  readonly seed: number;
  readonly scenario: ScenarioName;
  readonly faultRate?: number;
  /** The hostile timings to turn on, when named (otherwise the scenario's). */
  readonly timing?: readonly TimingHazard[];
  /** A sync configuration file (JSON) the simulated deployment runs with instead of the default. */
  readonly config?: string;
  readonly json: boolean;
  /** Where to write the HTML report, when asked for. */
  readonly report?: string;
  readonly help: boolean;
}

/** A bad option: the message names the option and the rule. */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

export const HELP = `Usage: npm start -- [options]

Simulates an AWS Organization offline and propagates a contact change through the real use cases:
CloudTrail event -> detection -> fan-out -> workers -> finish -> notification.

Options:
  --accounts N      member accounts in the organization (1-100000, default 1000)
  --seed S          random seed; the same seed gives the same result (default 42)
  --scenario NAME   what happens (default change-security):
${SCENARIOS.map((s) => `                      ${s.padEnd(16)} ${SCENARIO_HELP[s]}`).join('\n')}
  --fault-rate R    fraction of API calls that fail with InternalServerException (0-1)
  --timing LIST     hostile timing of the simulated AWS: none, all, or a comma-separated list of
                    latency-tails (1% of Account Management requests land up to 5 minutes late),
                    lost-responses (1% take effect but their caller sees a timeout) and clock-skew
                    (CloudTrail eventTime off by up to 10 minutes either way). Default: all
                    three in chaos and timing, none in the others
  --config FILE     the sync configuration (JSON, as \`contact-sync config set --file\` takes), for
                    example with OU and tag rules: docs/examples/targeting-config.json. The
                    organization's OUs are ou-sim0-security, -infrastructure, -workloads (with
                    -production and -nonproduction, each holding team OUs), -sandboxes (with
                    -hackathons), -suspended; members are tagged env, team, and 3% of them
                    contact-sync:exclude=true
  --json            print the report as one JSON object on stdout, and nothing else
  --report FILE     also write an HTML report of the run to FILE (.html): calls over time, progress, failures
  -h, --help        show this help
`;

export function parseArguments(argv: readonly string[]): SimulatorArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        accounts: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        'fault-rate': { type: 'string' },
        timing: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ArgumentError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const accounts = wholeNumber('--accounts', v.accounts, 1000, 1, 100_000);
  const seed = wholeNumber('--seed', v.seed, 42, 0, 2 ** 32 - 1);
  const scenario = (v.scenario ?? 'change-security') as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new ArgumentError(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  let faultRate: number | undefined;
  if (v['fault-rate'] !== undefined) {
    faultRate = Number(v['fault-rate']);
    if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1) throw new ArgumentError('--fault-rate must be a number from 0 to 1');
  }
  const timing = v.timing === undefined ? undefined : timingHazards(v.timing);
  const report = v.report;
  if (report !== undefined && !/\.html$/i.test(report)) throw new ArgumentError('--report must name a file ending in .html');
  if (v.config === '') throw new ArgumentError('--config must name a file');
  return {
    accounts,
    seed,
    scenario,
    faultRate,
    ...(timing !== undefined ? { timing } : {}),
    ...(v.config !== undefined ? { config: v.config } : {}),
    json: v.json === true,
    ...(report !== undefined ? { report } : {}),
    help: v.help === true,
  };
}

/** `--accounts -5` as `--accounts=-5`: parseArgs takes a value starting with a dash for an option ("ambiguous"), not a bad value. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (VALUED.includes(arg) && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}

const VALUED = ['--accounts', '--seed', '--scenario', '--fault-rate'];

/** `--timing`'s hazards: `none`, `all`, or some of them by name. */
function timingHazards(raw: string): readonly TimingHazard[] {
  if (raw === 'none') return [];
  if (raw === 'all') return TIMING_HAZARDS;
  const named = raw.split(',').map((name) => name.trim());
  const unknown = named.filter((name) => !(TIMING_HAZARDS as readonly string[]).includes(name));
  if (named.length === 0 || unknown.length > 0)
    throw new ArgumentError(`--timing must be none, all, or a comma-separated list of ${TIMING_HAZARDS.join(', ')}`);
  return TIMING_HAZARDS.filter((hazard) => named.includes(hazard));
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}
