import { LaunchPhase } from './sync-run';

/**
 * What the store found when it marked an item done: the run's launch phase and how many of its items
 * are still to do, and whether a caller took the finish already. Read in the same conditional write
 * (or right after it), so that the domain, not the store, decides who finishes the run.
 */
export interface ItemCompletion {
  /** The run's launch phase: items are worked while the launch still lists, and only a launched run is complete. */
  readonly launch: LaunchPhase;
  /** Items of the run not yet done (0 or fewer once every listed item is done). */
  readonly remaining: number;
  /** Whether a caller already claimed the finish (then no one else may). */
  readonly finishClaimed: boolean;
}

/**
 * Whether the caller that completed an item should try to claim the run's finish: the run is launched
 * (its item count is final), every item is done, and no one claimed the finish yet. More than one
 * caller may see this at once (concurrent workers, or the launcher completing a done item again after
 * marking the run launched); the store's conditional claim lets exactly one of them win.
 */
export const finishIsDue = (completion: ItemCompletion | undefined): boolean =>
  completion !== undefined && completion.launch === 'LAUNCHED' && completion.remaining <= 0 && !completion.finishClaimed;
