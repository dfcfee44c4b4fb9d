import { MetricName, MetricsPort } from '@contact-sync/domain';

/** Counters in memory. */
export class InMemoryMetrics implements MetricsPort {
  readonly totals = new Map<MetricName, number>();

  /** @param onAdd told of each addition (the simulation's timeline counts retries through it) */
  constructor(private readonly onAdd?: (name: MetricName, value: number) => void) {}

  add(name: MetricName, value = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
    this.onAdd?.(name, value);
  }

  async flush(): Promise<void> {
    return undefined;
  }

  get(name: MetricName): number {
    return this.totals.get(name) ?? 0;
  }
}
