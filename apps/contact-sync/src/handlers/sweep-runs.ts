import { SweepRuns, TOKENS } from '@contact-sync/domain';
import { lambdaRoot } from '../lambda-root';

/**
 * A schedule (every few minutes): no run stays open silently. Resumes launches that were cut off,
 * finishes runs whose finisher was cut off or whose notification failed, re-drives stalled runs, and
 * finishes with a HIGH notification a run it could not get going again.
 */
export async function handler(): Promise<{ readonly open: number; readonly resumed: number; readonly finished: number; readonly redriven: number; readonly givenUp: number }> {
  const { container, logger, metrics } = await lambdaRoot();
  try {
    const result = await container.get<SweepRuns>(TOKENS.SweepRuns).execute();
    logger.info('sweep done', { ...result });
    return result;
  } finally {
    await metrics.flush();
  }
}
