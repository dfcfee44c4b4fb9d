/**
 * What an HTML run report shows: plain JSON (numbers, strings, arrays), so that a simulation's data
 * and a stored run's data render alike, and either can be saved and rendered later. Ids, kinds,
 * statuses and error codes only: never a contact value.
 */
export interface RunReportData {
  readonly title: string;
  /** What the figures come from: a simulation (virtual time, every call counted) or a deployed run. */
  readonly source: 'simulation' | 'deployed';
  readonly headline: Headline;
  /** Calls over time; absent where they were not recorded (deployed runs). */
  readonly calls?: CallsOverTime;
  readonly progress: Progress;
  readonly outcomes: readonly OutcomeCount[];
  /** Failed account-kinds by error code. */
  readonly failuresByCode: Readonly<Record<string, number>>;
  /**
   * Skipped account-kinds by reason, with the targeting rule that left them out where there is one
   * (`EXCLUDED_BY_OU ou-…`, `EXCLUDED_BY_TAG key=value`, `KIND_DISABLED`, `DRY_RUN_WOULD_PUT`, …).
   */
  readonly skippedBy?: Readonly<Record<string, number>>;
  readonly failedAccounts: FailedAccounts;
  /** Counts that must be 0 (the simulator's promises; a stored run's targets without an outcome), by name. */
  readonly checks?: Readonly<Record<string, number>>;
}

/** The figures at the top of the report; absent ones are shown as not recorded. */
export interface Headline {
  /** How the run ended (a deployed run's status), when there is one. */
  readonly status?: string;
  readonly runs: number;
  /** Account-kinds targeted, over every run. */
  readonly targets: number;
  /** floor / simulated time, 0 to 1. */
  readonly efficiency?: number;
  readonly simulatedSeconds?: number;
  /** The least time the quotas allow for the calls needed. */
  readonly floorSeconds?: number;
  /** The simulation's wall time on this machine, or a deployed run's duration. */
  readonly wallSeconds: number;
  readonly callsPerTarget?: number;
  /** What `callsPerTarget` counts (every API call, or the attempts stored with the outcomes). */
  readonly callsPerTargetBasis?: string;
  readonly apiCalls?: number;
  readonly throttled?: number;
  readonly retries?: number;
}

/** Counts per bucket of time: bucket `i` covers `[startSeconds + i·bucketSeconds, …+bucketSeconds)`, seconds since the report's start. */
export interface CallsOverTime {
  readonly startSeconds: number;
  readonly bucketSeconds: number;
  readonly operations: readonly OperationCalls[];
  /** Retries made (all operations), per bucket. */
  readonly retries: readonly number[];
}

export interface OperationCalls {
  readonly operation: string;
  /** The service's quota: the most calls per second it answers without throttling. */
  readonly quotaPerSecond: number;
  readonly calls: readonly number[];
  readonly throttled: readonly number[];
}

/** Account-kinds done over time, per run; times in seconds since the report's start. */
export interface Progress {
  /** When the quotas would let everything be done at the earliest. */
  readonly floorSeconds?: number;
  readonly endSeconds: number;
  readonly runs: readonly RunProgress[];
}

export interface RunProgress {
  readonly runId: string;
  readonly kinds: readonly string[];
  readonly targets: number;
  /** `[seconds, done]`, in time order, done never decreasing. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface OutcomeCount {
  readonly kind: string;
  readonly status: string;
  readonly count: number;
}

export interface FailedAccount {
  readonly runId: string;
  readonly accountId: string;
  readonly kind: string;
  readonly errorCode: string;
}

/** The failed account-kinds, the first `rows` of `total`. */
export interface FailedAccounts {
  readonly total: number;
  readonly rows: readonly FailedAccount[];
}
