/** An event whose handling failed on every attempt, as the failure destination holds it. */
export interface FailedEvent {
  /** Identifies the stored copy, to remove it once it is handled. */
  readonly handle: string;
  /** The event as EventBridge delivered it to the function that failed. */
  readonly event: unknown;
  /** How many times it was received, this time included (SQS's ApproximateReceiveCount), when the store counts. */
  readonly receiveCount?: number;
}

/** Where events land that a function failed to handle on every attempt (the asynchronous invocations' on-failure destination). */
export interface FailedEventsPort {
  /**
   * Up to `max` failed events; each stays stored until removed. An event received and not removed is
   * not handed out again at once (others come first), and one received too often moves to the
   * dead-letter queue, as SQS does with the failure queue's visibility timeout and redrive policy.
   */
  receive(max: number): Promise<FailedEvent[]>;
  /** Deletes a received event once it is handled. */
  remove(handle: string): Promise<void>;
  /** About how many events are waiting, for people to see (approximate where the store is). */
  waiting(): Promise<number>;
}
