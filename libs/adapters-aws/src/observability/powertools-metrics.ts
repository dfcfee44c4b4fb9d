import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { MetricName, MetricsPort } from '@contact-sync/domain';

const UNITS: Readonly<Record<MetricName, (typeof MetricUnit)[keyof typeof MetricUnit]>> = {
  Updated: MetricUnit.Count,
  Unchanged: MetricUnit.Count,
  Skipped: MetricUnit.Count,
  Failed: MetricUnit.Count,
  Throttled: MetricUnit.Count,
  Retries: MetricUnit.Count,
  RunDurationMs: MetricUnit.Milliseconds,
  NotificationFailures: MetricUnit.Count,
  EventsIgnored: MetricUnit.Count,
  Superseded: MetricUnit.Count,
  StartFailures: MetricUnit.Count,
  RunsResumed: MetricUnit.Count,
  RunsRedriven: MetricUnit.Count,
  RunsGivenUp: MetricUnit.Count,
  RunsCancelled: MetricUnit.Count,
  RunsCarriedOn: MetricUnit.Count,
  WritesInDoubt: MetricUnit.Count,
  DoubtsVerified: MetricUnit.Count,
  WorkItemsRefused: MetricUnit.Count,
  EventsGivenUp: MetricUnit.Count,
};

/** The metrics port on Powertools for AWS Lambda: CloudWatch embedded metric format (EMF) lines on stdout. */
export class PowertoolsMetrics implements MetricsPort {
  constructor(readonly metrics: Metrics) {}

  add(name: MetricName, value = 1): void {
    this.metrics.addMetric(name, UNITS[name], value);
  }

  async flush(): Promise<void> {
    this.metrics.publishStoredMetrics();
  }
}
