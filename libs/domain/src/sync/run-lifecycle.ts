import { ContactKind } from '../contacts/contact-kind';
import { err, ok, Result } from '../shared/result';
import { heldKinds, LaunchPhase, RunUpdate, SyncRun } from './sync-run';
import { DesiredValues } from './work-item';

/** A run recorded, its kinds not claimed yet. */
export type CreatedRun = SyncRun & { readonly launch: 'CREATED' };
/** A run that holds its kinds and lists the organization into work items, slice by slice. */
export type ListingRun = SyncRun & { readonly launch: 'CLAIMED' };
/** A run whose every item is stored and was enqueued at least once: it can finish. */
export type LaunchedRun = SyncRun & { readonly launch: 'LAUNCHED' };
/** A run in one of the phases this version knows (see {@link LaunchPhase}). */
export type RunInPhase = CreatedRun | ListingRun | LaunchedRun;

/** The launch phases in the order a run goes through them: a run never moves back in this list. */
export const LAUNCH_PHASES: readonly LaunchPhase[] = Object.freeze(['CREATED', 'CLAIMED', 'LAUNCHED']);

/**
 * What the stored run must be for an update to be written: a run that exists, is not finished, is in
 * phase `launch`, and (when given) has listed exactly `listedItems` and enqueued exactly
 * `enqueuedItems` work items so far, has its listing ended or not as `listed` says, and was re-driven
 * exactly `redrives` times (an absent field counts as its {@link CONDITION_DEFAULTS} value). The store
 * checks it in the same write, so that a launcher that outlived its lease, or a sweeper that read the
 * run before it moved on, cannot write over newer progress.
 */
export interface RunCondition {
  readonly launch: LaunchPhase;
  readonly listedItems?: number;
  readonly enqueuedItems?: number;
  readonly listed?: boolean;
  readonly redrives?: number;
}

/** The fields a condition may name besides the phase, each with the value a run that has none of it holds. */
export const CONDITION_DEFAULTS = Object.freeze({ listedItems: 0, enqueuedItems: 0, listed: false, redrives: 0 });

/** A field a condition may name besides the phase. */
export type ConditionField = keyof typeof CONDITION_DEFAULTS;

/** The fields a condition may name besides the phase, in the order a store writes them. */
export const CONDITION_FIELDS = Object.freeze(Object.keys(CONDITION_DEFAULTS) as ConditionField[]);

/** The update to store, and the condition the store checks in the same write. */
export interface RunTransition {
  readonly update: RunUpdate;
  readonly condition: RunCondition;
}

/**
 * Why a transition was refused: the run is FINISHED (nothing changes a finished run), CANCELLED (a
 * cancelled run claims no kinds), in the WRONG_PHASE for it, GOES_BACK (the update would undo
 * progress), NOT_ENQUEUED (listed items not yet enqueued, or the listing not ended), in a phase this
 * version does not know (UNKNOWN_PHASE: stored by a version that is gone), or, from a store, MOVED_ON
 * (the stored run no longer met the condition: it moved on without the caller).
 */
export type RunRefusal = 'FINISHED' | 'CANCELLED' | 'WRONG_PHASE' | 'GOES_BACK' | 'NOT_ENQUEUED' | 'UNKNOWN_PHASE' | 'MOVED_ON';

/** A transition, or why the run cannot take it. */
export type TransitionResult = Result<RunTransition, RunRefusal>;

/** The run as the phase it is in, or UNKNOWN_PHASE for a phase this version does not know. */
export const phaseOf = (run: SyncRun): Result<RunInPhase, 'UNKNOWN_PHASE'> =>
  LAUNCH_PHASES.includes(run.launch) ? ok(run as RunInPhase) : err('UNKNOWN_PHASE');

/** Where a phase stands in {@link LAUNCH_PHASES} (-1 for one this version does not know). */
export const phaseRank = (phase: string): number => LAUNCH_PHASES.indexOf(phase as LaunchPhase);

/** Whether the stored run meets the condition (what a store checks; the in-memory store calls this). */
export const runMeets = (run: Pick<SyncRun, 'status' | 'launch' | ConditionField>, condition: RunCondition): boolean =>
  run.status !== 'FINISHED' &&
  run.launch === condition.launch &&
  CONDITION_FIELDS.every((field) => condition[field] === undefined || (run[field] ?? CONDITION_DEFAULTS[field]) === condition[field]);

/** What a store does with a transition: the run updated when it meets the condition, else unchanged. */
export const applyTransition = (run: SyncRun, transition: RunTransition): SyncRun =>
  runMeets(run, transition.condition) ? { ...run, ...transition.update } : run;

/** The refusal for a run that is finished, or not in `phase`; undefined when it may move. */
const refusalFor = (run: SyncRun, phase: LaunchPhase): RunRefusal | undefined => {
  if (run.status === 'FINISHED') return 'FINISHED';
  if (phaseRank(run.launch) < 0) return 'UNKNOWN_PHASE';
  return run.launch === phase ? undefined : 'WRONG_PHASE';
};

/** What a run is for: the fields of the run it records. */
export type RunRequest = Pick<
  SyncRun,
  'runId' | 'trigger' | 'eventId' | 'initiator' | 'kinds' | 'requestedAt' | 'supersedes' | 'dryRun' | 'onlyAccounts' | 'excludeAccounts'
>;

/** The run a request records, started at `startedAt`: CREATED, open, with nothing listed or done. */
export const createdRun = (request: RunRequest, startedAt: string): CreatedRun => ({
  runId: request.runId,
  trigger: request.trigger,
  ...(request.eventId !== undefined ? { eventId: request.eventId } : {}),
  initiator: request.initiator,
  kinds: request.kinds,
  requestedAt: request.requestedAt,
  startedAt,
  ...(request.onlyAccounts ? { onlyAccounts: request.onlyAccounts } : {}),
  ...(request.excludeAccounts ? { excludeAccounts: request.excludeAccounts } : {}),
  supersedes: request.supersedes,
  launch: 'CREATED',
  targetCount: 0,
  totalItems: 0,
  completedItems: 0,
  status: 'RUNNING',
  dryRun: request.dryRun,
});

/** What claiming its kinds gives a run: the generation of each kind it holds and the values it brings. */
export interface KindClaimValues {
  readonly generations: Partial<Record<ContactKind, number>>;
  readonly desired: DesiredValues;
  readonly desiredReadAt: string;
  readonly unreadableKinds: readonly ContactKind[];
}

/** CREATED to CLAIMED: the run holds its kinds at these generations and brings these values. */
export const claimKinds = (run: SyncRun, claim: KindClaimValues): TransitionResult => {
  const refused = refusalFor(run, 'CREATED') ?? (run.cancelledAt !== undefined ? 'CANCELLED' : undefined);
  if (refused) return err(refused);
  return ok({
    update: {
      launch: 'CLAIMED',
      generations: claim.generations,
      desired: claim.desired,
      desiredReadAt: claim.desiredReadAt,
      unreadableKinds: claim.unreadableKinds,
    },
    condition: { launch: 'CREATED' },
  });
};

/** How far a run's listing got (the run's fields of the same names). */
export type ListingProgress = Required<Pick<SyncRun, 'listed' | 'listedItems' | 'listedAccounts' | 'enqueuedItems'>> &
  Pick<SyncRun, 'listCursor'>;

/** How far a listing run got, read from its fields (nothing listed yet when absent). */
export const listingProgressOf = (run: SyncRun): ListingProgress => ({
  listCursor: run.listCursor,
  listed: run.listed ?? false,
  listedItems: run.listedItems ?? 0,
  listedAccounts: run.listedAccounts ?? 0,
  enqueuedItems: run.enqueuedItems ?? 0,
});

/**
 * A listing run stored a batch of items: its progress moves on from what the run has stored
 * (condition: the items it had listed and enqueued, and a listing not ended, so that two launchers
 * never both move it from the same point, and one that read the run before its items were enqueued or
 * its listing ended never sets that back).
 */
export const recordListing = (run: SyncRun, progress: ListingProgress, atIso: string): TransitionResult => {
  const refused = refusalFor(run, 'CLAIMED');
  if (refused) return err(refused);
  const before = listingProgressOf(run);
  // A listing that ended records no more batches (a launcher that read the run before it ended would set it back).
  if (before.listed) return err('WRONG_PHASE');
  if (
    progress.listedItems < before.listedItems ||
    progress.listedAccounts < before.listedAccounts ||
    progress.enqueuedItems < before.enqueuedItems ||
    progress.enqueuedItems > progress.listedItems
  )
    return err('GOES_BACK');
  return ok({
    update: { ...progress, progressAt: atIso },
    condition: { launch: 'CLAIMED', listedItems: before.listedItems, enqueuedItems: before.enqueuedItems, listed: false },
  });
};

/** A listing run enqueued every item it listed so far. */
export const recordEnqueued = (run: SyncRun): TransitionResult => {
  const refused = refusalFor(run, 'CLAIMED');
  if (refused) return err(refused);
  const { listedItems, enqueuedItems } = listingProgressOf(run);
  if (enqueuedItems > listedItems) return err('GOES_BACK');
  return ok({ update: { enqueuedItems: listedItems }, condition: { launch: 'CLAIMED', listedItems } });
};

/**
 * CLAIMED to LAUNCHED: the listing ended (or the run holds no kind, and lists nothing) and every item
 * it listed was enqueued, so its totals are final.
 */
export const markLaunched = (run: SyncRun, atIso: string): TransitionResult => {
  const refused = refusalFor(run, 'CLAIMED');
  if (refused) return err(refused);
  const held = heldKinds(run);
  const { listed, listedItems, listedAccounts, enqueuedItems } = listingProgressOf(run);
  if ((!listed && held.length > 0) || enqueuedItems < listedItems) return err('NOT_ENQUEUED');
  return ok({
    update: { launch: 'LAUNCHED', totalItems: listedItems, targetCount: listedAccounts * held.length, progressAt: atIso },
    condition: { launch: 'CLAIMED', listedItems },
  });
};

/**
 * The sweeper re-drives a run that stalls (in any phase): one more re-drive, and its stall counted
 * again from now (condition: the phase and the re-drives it read, so that two sweeps count one re-drive once).
 */
export const redriveRun = (run: SyncRun, atIso: string): TransitionResult => {
  // Any phase, one this version does not know too: the re-drives count towards giving the run up.
  if (run.status === 'FINISHED') return err('FINISHED');
  const redrives = run.redrives ?? 0;
  return ok({ update: { redrives: redrives + 1, progressAt: atIso }, condition: { launch: run.launch, redrives } });
};

/**
 * What cancelling a run stores (the store's `cancelRun` writes it on the same condition): only a run
 * that is not finished and was not cancelled before is cancelled.
 */
export const markCancelled = (
  run: SyncRun,
  atIso: string,
  by: string,
): Result<Pick<SyncRun, 'cancelledAt' | 'cancelledBy'>, RunRefusal> => {
  if (run.status === 'FINISHED') return err('FINISHED');
  if (run.cancelledAt !== undefined) return err('CANCELLED');
  return ok({ cancelledAt: atIso, cancelledBy: by });
};

/** Whether a run can be finished now (the store's `finishRun` keeps the first report: a finished run stays as it is). */
export const markFinished = (run: SyncRun): Result<Pick<SyncRun, 'status'>, RunRefusal> =>
  run.status === 'FINISHED' ? err('FINISHED') : ok({ status: 'FINISHED' });
