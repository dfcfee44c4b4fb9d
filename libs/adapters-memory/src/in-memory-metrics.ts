import { MetricName, MetricsPort } from '@contact-sync/domain';

/** Counters in memory. */
export class InMemoryMetrics implements MetricsPort {
  readonly totals = new Map<MetricName, number>();

  add(name: MetricName, value = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
  }

  async flush(): Promise<void> {
    return undefined;
  }

  get(name: MetricName): number {
    return this.totals.get(name) ?? 0;
  }
}
