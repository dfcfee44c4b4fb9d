import { AccountManagementContacts } from '@contact-sync/adapters-aws';
import { retryClockOf, simulatedAccountClient } from '@contact-sync/composition';
import {
  AccountId,
  ContactFingerprints,
  ContactKind,
  contactOf,
  ContactsPort,
  RandomPort,
  readOperation,
  SleeperPort,
} from '@contact-sync/domain';
import { AppliedContactWrite, RequestContext, SimulatedAccountService, StoredContact } from '@contact-sync/simulated-aws';

/** A member contact write the simulated API applied, the run whose worker sent it, and what the rules said of it when it was sent. */
export interface AppliedWrite {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  /** The value written, fingerprinted as the deployment's workers do. */
  readonly afterFingerprint: string;
  /** When the request was sent (the simulation's clock). */
  readonly sentAt: number;
  /** When the API applied it: up to minutes after {@link sentAt} with a latency tail. */
  readonly at: number;
  /**
   * Why the configuration, tree and tags in force when the request was sent left the account-kind
   * out (DRY_RUN, KIND_DISABLED, EXCLUDED_BY_OU, …): the write should not have been made. Absent when
   * they let it in.
   */
  readonly leftOutBy?: string;
}

/** What was known of a write request when it was sent. */
interface Sent {
  readonly runId: string;
  readonly leftOutBy: string | undefined;
}

/** How many values' fingerprints are kept: a run writes one value to thousands of members. */
const FINGERPRINT_CACHE = 256;

/**
 * A node of the fingerprint cache, a tree of stored values: from the root by kind, then by each
 * field's name and text in turn, in the order the value holds them, to the value's fingerprint. It is
 * walked with the value's own strings, so that a write costs a few map lookups rather than building
 * and hashing a key of the whole value.
 */
interface CachedValues {
  readonly next: Map<string, CachedValues>;
  fingerprint?: string;
}

/**
 * The ledger of member contact writes the simulated Account Management API applied, whatever became
 * of their responses (one lost after the write took effect is recorded too), each attributed to the
 * run the sender worked for and judged by the rules in force when it was sent: what the audit trail
 * and `wronglyWritten` are checked against. It hears the service itself, not the callers, so what a
 * caller believes about its write does not matter.
 */
export class WriteLedger {
  readonly applied: AppliedWrite[] = [];
  private readonly sent = new WeakMap<RequestContext, Sent>();
  private cached: CachedValues = { next: new Map() };
  private cachedCount = 0;

  constructor(
    private readonly service: SimulatedAccountService,
    /** The simulation's clock and randomness, which the clients' SDK retries (if their settings ask for any) use. */
    private readonly clock: { readonly time: SleeperPort; readonly random: RandomPort },
    /** Why the rules leave an account-kind out now (see {@link AppliedWrite.leftOutBy}). */
    private readonly judge: (accountId: AccountId, kind: ContactKind) => string | undefined,
    private readonly fingerprints: ContactFingerprints,
  ) {
    service.observeWrites((write) => this.record(write));
  }

  /**
   * The contacts adapter for code working for `runId` (`(none)` for code outside any worker, which no
   * audit entry can match), over its own client of the API: each write request the client sends is
   * signed for the run and judged as it is sent, and recorded if and when the API applies it. `allows`
   * is what IAM lets the sender do (its function's grants; everything when absent): a refused request
   * is answered AccessDeniedException and never reaches the service.
   */
  contactsFor(runId: string, allows?: (action: string) => boolean): ContactsPort {
    const client = simulatedAccountClient(this.service, {
      retryClock: retryClockOf(this.clock),
      ...(allows ? { allows } : {}),
      sign: ({ operation, kind, accountId }) => {
        // Reads change nothing: only a write's request is judged and kept (the kind's read, as the table of kinds names it).
        if (operation === readOperation(kind)) return undefined;
        const context: RequestContext = { caller: runId };
        this.sent.set(context, { runId, leftOutBy: accountId === undefined ? undefined : this.judge(accountId, kind) });
        return context;
      },
    });
    return new AccountManagementContacts(client);
  }

  private record(write: AppliedContactWrite): void {
    const sent = write.context && this.sent.get(write.context);
    if (!sent || write.accountId === undefined) return;
    this.applied.push({
      runId: sent.runId,
      accountId: write.accountId,
      kind: write.kind,
      afterFingerprint: this.fingerprint(write.kind, write.value),
      sentAt: write.sentAt,
      at: write.at,
      ...(sent.leftOutBy !== undefined ? { leftOutBy: sent.leftOutBy } : {}),
    });
  }

  /** The workers' fingerprint of a stored value: of the same domain value, which reading it back gives. */
  private fingerprint(kind: ContactKind, value: StoredContact | undefined): string {
    if (value === undefined) return this.fingerprints.of(undefined);
    if (this.cachedCount >= FINGERPRINT_CACHE) {
      this.cached = { next: new Map() };
      this.cachedCount = 0;
    }
    // A value with its fields in another order takes another path, and is fingerprinted again to the
    // same fingerprint: never mistaken for another value.
    let node = this.step(this.cached, kind);
    for (const key in value) node = this.step(this.step(node, key), value[key] as string);
    if (node.fingerprint === undefined) {
      node.fingerprint = this.fingerprints.of(contactOf(kind, value));
      this.cachedCount += 1;
    }
    return node.fingerprint;
  }

  private step(node: CachedValues, key: string): CachedValues {
    let child = node.next.get(key);
    if (!child) node.next.set(key, (child = { next: new Map() }));
    return child;
  }
}
