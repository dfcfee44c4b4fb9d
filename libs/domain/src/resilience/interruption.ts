import { DomainError } from '../shared/domain-error';

/**
 * Why a worker stops before its work is done, leaving the rest for a later delivery: its invocation
 * is about to time out, or the contacts API has been failing for longer than it can wait.
 */
/**
 * Why a worker stops and leaves its item for a later delivery: its deadline, an outage that outlasts
 * the circuit's pause, or an account-kind that kept failing with a retryable error (throttled or a
 * service fault) through every attempt of this delivery.
 */
export type InterruptionCode = 'DEADLINE' | 'CIRCUIT_OPEN' | 'RETRYABLE_FAILURE';

/** Thrown to stop work that must be left for later, not recorded as failed. */
export class WorkInterrupted extends DomainError<InterruptionCode> {
  override readonly name = 'WorkInterrupted';
}

/** Thrown by a write's guard when a newer run holds the kind: the write must not be made. */
export class WriteSuperseded extends DomainError<'SUPERSEDED'> {
  override readonly name = 'WriteSuperseded';

  constructor(options?: { cause?: unknown }) {
    super('SUPERSEDED', 'a newer run holds this contact kind', options);
  }
}
