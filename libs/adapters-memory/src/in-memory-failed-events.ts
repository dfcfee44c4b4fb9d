import { FailedEvent, FailedEventsPort } from '@contact-sync/domain';

/** The failure destination of asynchronous invocations, in memory. */
export class InMemoryFailedEvents implements FailedEventsPort {
  private readonly events = new Map<string, unknown>();
  private sequence = 0;
  /** Events that ever landed here. */
  landed = 0;

  /** What Lambda does after the last retry of an asynchronous invocation failed. */
  add(event: unknown): void {
    this.sequence += 1;
    this.landed += 1;
    this.events.set(`failed-${this.sequence}`, structuredClone(event));
  }

  async receive(max: number): Promise<FailedEvent[]> {
    return [...this.events].slice(0, max).map(([handle, event]) => ({ handle, event: structuredClone(event) }));
  }

  async remove(handle: string): Promise<void> {
    this.events.delete(handle);
  }

  async waiting(): Promise<number> {
    return this.events.size;
  }

  get size(): number {
    return this.events.size;
  }
}
