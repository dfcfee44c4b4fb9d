import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The one line a test run fails with when cfn-lint cannot be found. */
export const CFN_LINT_REQUIRED = 'cfn-lint is required for the CloudFormation template checks: pip install cfn-lint';

/**
 * How cfn-lint is run, in the order tried: on PATH, then where Python tools often sit outside a
 * non-interactive shell's PATH (pyenv shims, pip's --user and pipx directory), then as a module.
 */
export const CFN_LINT_COMMANDS: readonly (readonly string[])[] = [
  ['cfn-lint'],
  [join(process.env['PYENV_ROOT'] ?? join(homedir(), '.pyenv'), 'shims', 'cfn-lint')],
  [join(homedir(), '.local', 'bin', 'cfn-lint')],
  ['python3', '-m', 'cfnlint'],
];

/** The first of `commands` that answers `--version`; throws {@link CFN_LINT_REQUIRED} when none does. */
export function findCfnLint(commands = CFN_LINT_COMMANDS): readonly string[] {
  const found = commands.find(
    ([program, ...args]) => spawnSync(program as string, [...args, '--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
  if (!found) throw new Error(CFN_LINT_REQUIRED);
  return found;
}

/** One finding of cfn-lint's JSON output. */
export interface CfnLintFinding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/**
 * cfn-lint's errors and warnings on each template (one run for all: most of its time is loading its
 * schemas), each as `<rule> <path>: <message>`. Informational findings are left out; a run that
 * cannot report (a crash, output that is not its JSON) throws with what it printed.
 */
export function lintTemplates(command: readonly string[], templatePaths: readonly string[]): Map<string, string[]> {
  const [program, ...args] = command;
  const run = spawnSync(program as string, [...args, '--format', 'json', '--', ...templatePaths], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  let findings: CfnLintFinding[];
  try {
    findings = JSON.parse(run.stdout) as CfnLintFinding[];
  } catch {
    throw new Error(`cfn-lint did not report (exit ${run.status}): ${run.stderr || run.stdout}`.slice(0, 2000));
  }
  const unknown = findings.filter((f) => !templatePaths.includes(f.Filename));
  if (unknown.length > 0) throw new Error(`cfn-lint reported on files it was not given: ${unknown.map((f) => f.Filename).join(', ')}`);
  return new Map(
    templatePaths.map((path) => [
      path,
      findings
        .filter((f) => f.Filename === path && (f.Level === 'Error' || f.Level === 'Warning'))
        .map((f) => `${f.Rule.Id} ${f.Location.Path.join('/')}: ${f.Message}`),
    ]),
  );
}
