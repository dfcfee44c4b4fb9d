/** What a {@link CallTimeline} counted: per operation, calls and throttled answers per bucket; retries per bucket. */
export interface CallTimelineSnapshot {
  /** When the first bucket begins (virtual epoch ms). */
  readonly startMs: number;
  readonly bucketMs: number;
  readonly operations: Readonly<Record<string, { readonly calls: readonly number[]; readonly throttled: readonly number[] }>>;
  readonly retries: readonly number[];
}

interface Counts {
  calls: number[];
  throttled: number[];
}

/**
 * Calls, throttled answers and retries counted per bucket of virtual time. The buckets start at one
 * second and double in width whenever a run outlasts `maxBuckets` of them, so that memory stays
 * bounded however many calls are made and however long the run lasts.
 */
export class CallTimeline {
  private bucketMs: number;
  private readonly operations = new Map<string, Counts>();
  private retries: number[] = [];

  constructor(
    private readonly startMs: number,
    private readonly maxBuckets = 2000,
    initialBucketMs = 1000,
  ) {
    if (!Number.isInteger(maxBuckets) || maxBuckets < 2) throw new RangeError('maxBuckets must be a whole number of at least 2');
    this.bucketMs = initialBucketMs;
  }

  /** A call reached the service. */
  call(operation: string, atMs: number): void {
    this.add(() => this.counts(operation).calls, atMs, 1);
  }

  /** The service answered a call TooManyRequests. */
  throttle(operation: string, atMs: number): void {
    this.add(() => this.counts(operation).throttled, atMs, 1);
  }

  /** A client retried `count` calls. */
  retry(atMs: number, count = 1): void {
    this.add(() => this.retries, atMs, count);
  }

  snapshot(): CallTimelineSnapshot {
    const operations: Record<string, { calls: number[]; throttled: number[] }> = {};
    for (const [operation, counts] of this.operations)
      operations[operation] = { calls: [...counts.calls], throttled: [...counts.throttled] };
    return { startMs: this.startMs, bucketMs: this.bucketMs, operations, retries: [...this.retries] };
  }

  private counts(operation: string): Counts {
    let counts = this.operations.get(operation);
    if (!counts) {
      counts = { calls: [], throttled: [] };
      this.operations.set(operation, counts);
    }
    return counts;
  }

  /** `seriesOf` is asked after any coarsening, which replaces the arrays. */
  private add(seriesOf: () => number[], atMs: number, count: number): void {
    let index = Math.floor(Math.max(0, atMs - this.startMs) / this.bucketMs);
    while (index >= this.maxBuckets) {
      this.coarsen();
      index = Math.floor(index / 2);
    }
    const series = seriesOf();
    while (series.length <= index) series.push(0);
    series[index] = (series[index] as number) + count;
  }

  /** Doubles the bucket width: each pair of buckets becomes one. */
  private coarsen(): void {
    this.bucketMs *= 2;
    const halve = (series: number[]) => {
      const merged: number[] = [];
      for (let i = 0; i < series.length; i += 2) merged.push((series[i] as number) + (series[i + 1] ?? 0));
      return merged;
    };
    for (const counts of this.operations.values()) {
      counts.calls = halve(counts.calls);
      counts.throttled = halve(counts.throttled);
    }
    this.retries = halve(this.retries);
  }
}
