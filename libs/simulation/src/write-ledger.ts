import {
  AccountId,
  AlternateContactType,
  ContactFingerprints,
  ContactKind,
  ContactsPort,
  ContactSlot,
  ContactValue,
  kindOf,
} from '@contact-sync/domain';

/** A write the simulated API received and applied, and the run whose worker sent it. */
export interface AppliedWrite {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  /** The value written, fingerprinted as the deployment's workers do. */
  readonly afterFingerprint: string;
  /** When the API applied it (the simulation's clock). */
  readonly at: number;
}

/**
 * The contacts port with a ledger of the writes the API applied, each attributed to the run the caller
 * works for (a worker gets one per work item; anything else is `(none)`, which no audit entry can
 * match): what the audit trail is checked against.
 */
export class AttributedContacts implements ContactsPort {
  constructor(
    private readonly inner: ContactsPort,
    private readonly applied: AppliedWrite[],
    private readonly runId: string,
    private readonly now: () => number,
    private readonly fingerprints: ContactFingerprints,
  ) {}

  read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    return this.inner.read(kind, accountId);
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    await this.inner.write(value, accountId);
    if (accountId !== undefined)
      this.applied.push({
        runId: this.runId,
        accountId,
        kind: kindOf(value),
        afterFingerprint: this.fingerprints.of(value),
        at: this.now(),
      });
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<void> {
    await this.inner.remove(type, accountId);
    if (accountId !== undefined)
      this.applied.push({ runId: this.runId, accountId, kind: type, afterFingerprint: this.fingerprints.of(undefined), at: this.now() });
  }
}
