import { spawnSync } from 'node:child_process';
import { MOTO_COMMANDS, MotoMissingError } from './moto-server';

/** The first of `commands` that runs moto's server (asked for its help), or undefined. */
export function findMotoCommand(commands: readonly (readonly string[])[] = MOTO_COMMANDS): readonly string[] | undefined {
  return commands.find(
    ([program, ...args]) => spawnSync(program as string, [...args, '-h'], { stdio: 'ignore', timeout: 30_000 }).status === 0,
  );
}

/**
 * Jest `globalSetup` of the projects with tests over the wire: when moto cannot be found, the run
 * fails once, with the one line of {@link MotoMissingError}, before any test file starts a server.
 */
export default async function requireMoto(): Promise<void> {
  if (!findMotoCommand()) throw new MotoMissingError();
}
