import { Options } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { BackendSettings } from '../backend';
import { CliIo } from '../io';
import { forgetMemoryState, memoryStateFile } from '../memory-state';

/** `contact-sync reset --backend memory`: forgets the simulated organization kept in the state directory. */
export async function resetCommand(settings: BackendSettings, io: CliIo, options: Options): Promise<number> {
  if (settings.backend !== 'memory')
    throw new CliError('USAGE', "reset forgets the memory backend's simulated organization: pass --backend memory (it never touches AWS)");
  const removed = settings.stateDir === undefined ? undefined : await forgetMemoryState(settings.stateDir, settings.seed);
  const file = settings.stateDir === undefined ? undefined : memoryStateFile(settings.stateDir, settings.seed);
  if (options.json) io.out(`${JSON.stringify({ removed: removed ?? null })}\n`);
  else
    io.out(
      removed
        ? `Removed ${removed}: the next command starts with a fresh simulated organization.\n`
        : `Nothing to reset: no simulated organization is kept${file ? ` in ${file}` : ''}.\n`,
    );
  return EXIT.OK;
}
