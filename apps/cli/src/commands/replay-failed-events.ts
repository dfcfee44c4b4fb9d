import { Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { Progress } from '../progress';

const DEFAULT_MAX = 100;
const MAX_MAX = 1000;

/**
 * `contact-sync replay-failed-events`: hands the events the deployed start functions failed on every
 * attempt back to their use cases, as the sweeper does, at once. Ctrl-C stops before the next event.
 */
export async function replayFailedEventsCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const max = maxOption(options);
  const waiting = await backend.run(() => backend.failedEvents.waiting());
  if (waiting === 0) {
    io.out(
      options.json
        ? `${JSON.stringify({ status: 'NOTHING_TO_DO', received: 0, replayed: 0, dropped: 0, failed: 0, runIds: [] })}\n`
        : 'No failed events are waiting.\n',
    );
    return EXIT.OK;
  }
  io.err(`About ${waiting} failed ${waiting === 1 ? 'event is' : 'events are'} waiting.\n`);
  if (!options.yes) await confirm(io, `Replay up to ${Math.min(max, waiting)} of them?`, 'Aborted: nothing was replayed.');

  const progress = new Progress(io, 'Replaying');
  const replay = backend.replayFailedEvents;
  const result = await backend.run(() =>
    replay.execute({ max, onProgress: (done, total) => progress.update(done, total), stopRequested: () => io.interrupt.aborted }),
  );
  progress.done();
  const runIds = [...new Set(result.runIds)];
  const status = result.stopped ? 'INTERRUPTED' : 'DONE';
  if (options.json)
    io.out(
      `${JSON.stringify({ status, received: result.received, replayed: result.replayed, dropped: result.dropped, failed: result.failed, runIds }, null, 2)}\n`,
    );
  else {
    const handled = result.replayed + result.dropped + result.failed;
    io.out(
      `${result.stopped ? 'Stopped: handled' : 'Handled'} ${handled} of ${result.received} failed events: ${result.replayed} replayed, ${result.dropped} dropped (not an event Contact Sync handles), ${result.failed} failed again (kept for the next replay).\n`,
    );
    if (result.stopped) io.out(`The other ${result.received - handled} stay queued for the next replay.\n`);
    for (const runId of runIds) io.out(`  run ${runId}: contact-sync history --run ${runId}\n`);
  }
  if (result.stopped) return EXIT.INTERRUPTED;
  return result.failed > 0 ? EXIT.ERROR : EXIT.OK;
}

function maxOption(options: Options): number {
  const text = stringOption(options, 'max');
  if (text === undefined) return DEFAULT_MAX;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_MAX)
    throw new CliError('USAGE', `--max must be a whole number from 1 to ${MAX_MAX}`);
  return value;
}
