/** Which change events were already taken: a redelivered event starts nothing a second time. */
export interface EventLedgerPort {
  /** Takes a change event for a run; false when it was taken before (a duplicate delivery). */
  claimEvent(eventId: string, runId: string): Promise<boolean>;
}
