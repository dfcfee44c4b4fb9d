/** The metrics this product emits. */
export type MetricName =
  | 'Updated'
  | 'Unchanged'
  | 'Skipped'
  | 'Superseded'
  | 'Failed'
  | 'Throttled'
  | 'Retries'
  | 'RunDurationMs'
  | 'NotificationFailures'
  | 'EventsIgnored'
  | 'StartFailures'
  | 'RunsResumed'
  | 'RunsRedriven'
  | 'RunsGivenUp'
  | 'RunsCancelled'
  | 'RunsCarriedOn'
  | 'WritesInDoubt'
  | 'DoubtsVerified'
  | 'WorkItemsRefused'
  | 'EventsGivenUp';

/** Counters and measurements. */
export interface MetricsPort {
  /** Adds `value` (1 when absent) to the metric `name`. */
  add(name: MetricName, value?: number): void;
  /** Sends what was added since the last flush (a no-op where metrics are not buffered). */
  flush(): Promise<void>;
}
