import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { parseContact } from '../contacts/contact-kinds';
import { ContactSlot } from '../contacts/contact-value';
import { CipherPort } from '../ports/cipher.port';
import { KeptPreviousValue, PreviousValueStorePort } from '../ports/previous-values.port';
import { targetKey } from '../sync/account-outcome';

/** What a run is about to write to one member, and the member's value read before it. */
export interface PreviousValueRecord {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly afterFingerprint: string;
  readonly at: string;
}

/** A previous value that could not be opened (another key, or altered): never restored. */
export const UNREADABLE_PREVIOUS = 'UNREADABLE';

/**
 * The members' previous values, sealed before they are stored and opened only to be restored. The
 * sealed text is bound to its run, account and kind, so that one record's text cannot be restored
 * to another member.
 */
export class PreviousValues {
  constructor(
    private readonly cipher: CipherPort,
    private readonly store: PreviousValueStorePort,
  ) {}

  /** Keeps `previous` (undefined: the contact was unset) for the write `record` describes. */
  keep(record: PreviousValueRecord, previous: ContactSlot): Promise<void> {
    const plain = JSON.stringify(previous === undefined ? { unset: true } : { props: previous.props });
    const sealed = this.cipher.seal(plain, contextOf(record.runId, record.accountId, record.kind));
    return this.store.keep({ ...record, sealed });
  }

  /** The previous values kept for a run, by account-kind ({@link targetKey}). */
  async keptFor(runId: string): Promise<Map<string, KeptPreviousValue>> {
    return new Map((await this.store.keptFor(runId)).map((kept) => [targetKey(kept.accountId, kept.kind), kept]));
  }

  /** The kept value, opened; {@link UNREADABLE_PREVIOUS} when it cannot be opened or is not a valid contact of its kind. */
  open(kept: KeptPreviousValue): ContactSlot | typeof UNREADABLE_PREVIOUS {
    try {
      const parsed = JSON.parse(this.cipher.open(kept.sealed, contextOf(kept.runId, kept.accountId, kept.kind))) as {
        unset?: boolean;
        props?: unknown;
      };
      if (parsed.unset === true) return undefined;
      // The kind's own parser refuses a value of another kind: one is never restored in another's place.
      const result = parseContact(kept.kind, parsed.props);
      return result.ok ? result.value : UNREADABLE_PREVIOUS;
    } catch {
      // Never the cipher's message: it is not ours to show, and an error here carries no value.
      return UNREADABLE_PREVIOUS;
    }
  }
}

const contextOf = (runId: string, accountId: AccountId, kind: ContactKind): string =>
  `contact-sync previous value ${runId}#${accountId}#${kind}`;
