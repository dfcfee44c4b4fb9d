import { RunStorePort } from '../ports/run-store.port';
import { err, ok, Result } from '../shared/result';
import { RunRefusal, TransitionResult } from '../sync/run-lifecycle';
import { SyncRun } from '../sync/sync-run';

/** A run moved on by a stored transition, or why it could not be (the lifecycle refused it, or the store did: MOVED_ON). */
export type Moved = Result<SyncRun, RunRefusal>;

/**
 * Stores a transition on its condition: the run with its update, or the refusal. A store that refuses
 * the condition means the stored run moved on without this caller (another launcher, a finisher).
 */
export async function storeTransition(state: Pick<RunStorePort, 'updateRun'>, run: SyncRun, transition: TransitionResult): Promise<Moved> {
  if (!transition.ok) return transition;
  const { update, condition } = transition.value;
  if (!(await state.updateRun(run.runId, update, condition))) return err('MOVED_ON');
  return ok({ ...run, ...update });
}
