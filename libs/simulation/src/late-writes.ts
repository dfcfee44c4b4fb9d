import {
  AccountId,
  AlternateContactType,
  ContactApiError,
  ContactKind,
  ContactOperation,
  ContactsPort,
  ContactSlot,
  ContactValue,
  kindOf,
  RandomPort,
  Removal,
  writeOperation,
} from '@contact-sync/domain';
import { VirtualScheduler } from '@contact-sync/simulated-aws';

/** How the network between the workers and Account Management treats member writes. */
export interface WriteTimingHostility {
  /** Fraction of member writes whose request takes long to reach the service. */
  readonly slowWriteRate: number;
  /** The longest such a request takes: up to SigV4's 5 minutes, after which AWS refuses it. */
  readonly maxDelayMs: number;
  /** Fraction of member writes whose answer is lost after the write took effect. */
  readonly lostAnswerRate: number;
  /** How long the client waits for an answer before it gives up (the SDK's request timeout). */
  readonly clientTimeoutMs: number;
}

/**
 * The contacts API as a slow, lossy network shows it to the workers: a member write may reach the
 * service minutes after it was sent, long after the client timed out and its worker moved on (it
 * still takes effect when it arrives), and a write that took effect may have its answer lost. The
 * caller then sees TRANSIENT, as the SDK's timeout or a dropped connection shows it. Reads and the
 * management account's own calls go straight through.
 */
export class LateWritesContacts implements ContactsPort {
  /** Writes that took effect after their caller was told they failed. */
  landedAfterTimeout = 0;
  lostAnswers = 0;

  constructor(
    private readonly inner: ContactsPort,
    private readonly time: VirtualScheduler,
    private readonly random: RandomPort,
    /** Mutable: a test may make the network slow for a while only. */
    public hostility: WriteTimingHostility,
  ) {}

  read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    return this.inner.read(kind, accountId);
  }

  write(value: ContactValue, accountId?: AccountId): Promise<void> {
    return this.send(writeOperation(kindOf(value)), accountId, () => this.inner.write(value, accountId));
  }

  remove(type: AlternateContactType, accountId?: AccountId): Promise<Removal> {
    return this.send('DeleteAlternateContact', accountId, () => this.inner.remove(type, accountId));
  }

  private async send<T>(operation: ContactOperation, accountId: AccountId | undefined, apply: () => Promise<T>): Promise<T> {
    if (accountId === undefined) return apply();
    const h = this.hostility;
    const delay = this.random.next() < h.slowWriteRate ? this.random.next() * h.maxDelayMs : 0;
    const landing = (async () => {
      if (delay > 0) await this.time.sleep(delay);
      return apply();
    })();
    if (delay > h.clientTimeoutMs) {
      landing.then(
        () => (this.landedAfterTimeout += 1),
        () => undefined,
      );
      await this.time.sleep(h.clientTimeoutMs);
      throw new ContactApiError('TRANSIENT', operation);
    }
    const answer = await landing;
    if (this.random.next() < h.lostAnswerRate) {
      this.lostAnswers += 1;
      throw new ContactApiError('TRANSIENT', operation);
    }
    return answer;
  }
}
