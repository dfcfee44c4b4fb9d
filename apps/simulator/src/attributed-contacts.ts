import { AccountId, AlternateContactType, ContactKind, ContactsPort, ContactSlot, ContactValue, fingerprint, kindOf } from '@contact-sync/domain';

/** A write the simulated API received and applied, and the run whose worker sent it. */
export interface AppliedWrite {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly afterFingerprint: string;
  /** When the API applied it (the simulation's clock). */
  readonly at: number;
}

/**
 * The contacts port with a ledger of the writes the API applied, each attributed to the run its
 * caller was working for: what the audit trail is checked against.
 */
export class AttributedContacts implements ContactsPort {
  constructor(
    private readonly inner: ContactsPort,
    private readonly applied: AppliedWrite[],
    private readonly currentRun: () => string | undefined,
    private readonly now: () => number,
  ) {}

  read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    return this.inner.read(kind, accountId);
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    const runId = this.currentRun();
    await this.inner.write(value, accountId);
    if (accountId !== undefined) this.applied.push({ runId: runId ?? '(none)', accountId, kind: kindOf(value), afterFingerprint: fingerprint(value), at: this.now() });
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<void> {
    const runId = this.currentRun();
    await this.inner.remove(type, accountId);
    if (accountId !== undefined) this.applied.push({ runId: runId ?? '(none)', accountId, kind: type, afterFingerprint: fingerprint(undefined), at: this.now() });
  }
}
