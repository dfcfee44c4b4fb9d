import { ArgumentError, HELP, parseArguments } from './arguments';
import { SCENARIOS } from '@contact-sync/simulation';

describe('simulator arguments', () => {
  it('defaults to 1,000 accounts, seed 42, change-security, human output', () => {
    expect(parseArguments([])).toEqual({
      accounts: 1000,
      seed: 42,
      scenario: 'change-security',
      faultRate: undefined,
      json: false,
      help: false,
    });
  });

  it('reads every option', () => {
    expect(
      parseArguments([
        '--accounts',
        '10000',
        '--seed',
        '7',
        '--scenario',
        'chaos',
        '--fault-rate',
        '0.05',
        '--timing',
        'clock-skew,latency-tails',
        '--config',
        'c.json',
        '--json',
        '--report',
        'tmp/run.html',
      ]),
    ).toEqual({
      accounts: 10000,
      seed: 7,
      scenario: 'chaos',
      faultRate: 0.05,
      timing: ['latency-tails', 'clock-skew'],
      config: 'c.json',
      json: true,
      report: 'tmp/run.html',
      help: false,
    });
  });

  it.each([
    [['--accounts', 'many'], '--accounts must be a whole number from 1 to 100000'],
    [['--accounts', '0'], '--accounts must be a whole number from 1 to 100000'],
    [['--seed=-1'], '--seed must be a whole number from 0 to 4294967295'],
    [['--scenario', 'meteor'], `--scenario must be one of ${SCENARIOS.join(', ')}`],
    [['--fault-rate', '2'], '--fault-rate must be a number from 0 to 1'],
    [['--accounts', '-5'], '--accounts must be a whole number from 1 to 100000'],
    [['--seed', '-1'], '--seed must be a whole number from 0 to 4294967295'],
    [['--fault-rate', '-0.5'], '--fault-rate must be a number from 0 to 1'],
    [['--report', 'run.json'], '--report must name a file ending in .html'],
    [['--config', ''], '--config must name a file'],
    [['--timing', 'slow'], '--timing must be none, all, or a comma-separated list of latency-tails, lost-responses, clock-skew'],
    [['--timing', 'latency-tails,'], '--timing must be none, all, or a comma-separated list of latency-tails, lost-responses, clock-skew'],
  ])('rejects %p naming the option and the rule', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(new ArgumentError(message));
  });

  it('reads --timing none and all', () => {
    expect(parseArguments(['--timing', 'none']).timing).toEqual([]);
    expect(parseArguments(['--timing', 'all']).timing).toEqual(['latency-tails', 'lost-responses', 'clock-skew']);
  });

  it('rejects an unknown option with a pointer to --help', () => {
    expect(() => parseArguments(['--acounts', '5'])).toThrow(/Unknown option '--acounts'.*see --help/);
  });

  it('documents every scenario in --help', () => {
    expect(parseArguments(['-h']).help).toBe(true);
    for (const scenario of SCENARIOS) expect(HELP).toContain(scenario);
  });
});
