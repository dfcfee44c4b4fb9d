import {
  AccountId,
  ContactKind,
  ContactOperation,
  DEFAULT_RATE_SETTINGS,
  kindAddressedBy,
  parseContact,
  RandomPort,
  RateSettings,
} from '@contact-sync/domain';
import { CallTimeline } from './call-timeline';
import { OrganizationModel, StoredContact } from './organization-model';
import { QuotaBucket } from './quota-bucket';
import { Caller, NoResponse, RequestContext, RequestIds, ServiceErrorResponse } from './service-answers';
import { VirtualScheduler } from './virtual-time';

/** How the simulated Account Management API behaves. */
export interface AccountServiceBehaviour {
  readonly quotas: RateSettings;
  /** Quotas per caller (the real API's) or per target account. */
  readonly quotaScope: 'caller' | 'target-account';
  /** One-way latency of a request, uniform in [min, max] ms. */
  readonly requestLatencyMs: readonly [number, number];
  /** Latency of a response, uniform in [min, max] ms. */
  readonly responseLatencyMs: readonly [number, number];
  /** How long a write takes to be visible to reads, uniform in [min, max] ms. */
  readonly consistencyDelayMs: readonly [number, number];
  /** Fraction of calls answered InternalServerException. */
  readonly transientErrorRate: number;
  /** Fraction of calls answered TooManyRequestsException although under quota. */
  readonly spuriousThrottleRate: number;
  /** Member accounts where every call is AccessDeniedException. */
  readonly accessDeniedAccounts: ReadonlySet<AccountId>;
  /** Windows of virtual time `[fromMs, toMs)` in which every call is answered ServiceUnavailableException. */
  readonly outages: ReadonlyArray<readonly [number, number]>;
  /**
   * Fraction of requests held up on their way (a congested path, a proxy that retries): each arrives
   * uniformly up to {@link latencyTailMs} late, and takes effect then, whatever became of its caller.
   */
  readonly latencyTailRate: number;
  /** The longest a request is held up: SigV4 accepts a signed request for 5 minutes, so a write can land that late. */
  readonly latencyTailMs: number;
  /**
   * Fraction of requests that take effect but whose response never reaches the caller: it sees the
   * SDK's TimeoutError after a wait uniform in {@link lostResponseWaitMs}, and the write is made.
   */
  readonly lostResponseRate: number;
  /** How long after the response was due the caller learns it is lost, uniform in [min, max] ms. */
  readonly lostResponseWaitMs: readonly [number, number];
  /**
   * The caller's request timeout, as the AWS adapters' SDK clients set it (`REQUEST_TIMEOUTS`): a
   * caller whose answer has not come by then sees the SDK's TimeoutError, while its request, if it
   * is still on its way, takes effect when it arrives.
   */
  readonly clientTimeoutMs: number;
}

/** SigV4's validity: a signed request is accepted for 5 minutes after it was signed. */
export const SIGV4_VALIDITY_MS = 300_000;

export const DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR: AccountServiceBehaviour = {
  quotas: DEFAULT_RATE_SETTINGS,
  quotaScope: 'caller',
  requestLatencyMs: [5, 40],
  responseLatencyMs: [20, 120],
  consistencyDelayMs: [500, 3000],
  transientErrorRate: 0,
  spuriousThrottleRate: 0,
  accessDeniedAccounts: new Set(),
  outages: [],
  latencyTailRate: 0,
  latencyTailMs: SIGV4_VALIDITY_MS,
  lostResponseRate: 0,
  lostResponseWaitMs: [5_000, 60_000],
  clientTimeoutMs: 10_000,
};

/** A contact write the service applied, as CloudTrail records it: the request's target and context, when it was sent, and when it took effect. */
export interface AppliedContactWrite {
  /** The member the request named; undefined for the caller's own (the management) account. */
  readonly accountId?: AccountId;
  readonly kind: ContactKind;
  /** The stored value; undefined for a delete. */
  readonly value: StoredContact | undefined;
  readonly context?: RequestContext;
  readonly sentAt: number;
  readonly at: number;
}

/** The answer to a request, settled when it arrived: what to return, or the error to answer. */
type Answer<T> = { readonly value: T } | { readonly error: unknown };

/** A request in the Account Management API's shape (the SDK commands' inputs): an alternate contact's fields stand beside its type. */
export interface AccountRequest {
  readonly AccountId?: string;
  readonly AlternateContactType?: string;
  readonly Name?: string;
  readonly Title?: string;
  readonly EmailAddress?: string;
  readonly PhoneNumber?: string;
  readonly ContactInformation?: object;
}

/**
 * The Account Management API, simulated: quotas as token buckets on the virtual clock, the real
 * request validation, ResourceNotFoundException for an unset alternate contact, latency, eventual
 * consistency, and injected faults. Callers are the management account.
 */
export class SimulatedAccountService {
  readonly calls: Record<ContactOperation, number> = {
    GetContactInformation: 0,
    GetAlternateContact: 0,
    PutContactInformation: 0,
    PutAlternateContact: 0,
    DeleteAlternateContact: 0,
  };
  throttled = 0;
  /** Requests held up by a latency tail. */
  latencyTails = 0;
  /** Responses lost after their request took effect. */
  lostResponses = 0;
  /** Requests that took effect after their caller had given up on them (its timeout ran out first). */
  landedAfterTimeout = 0;
  private readonly observers: Array<(write: AppliedContactWrite) => void> = [];
  private readonly buckets = new Map<string, QuotaBucket>();
  /** The ids of the service's answers, as AWS gives each response one. */
  readonly requestIds = new RequestIds('sim', (n) => n.toString(16).padStart(8, '0'));

  constructor(
    readonly model: OrganizationModel,
    /** The virtual clock, which also admits each request at its arrival. */
    private readonly time: VirtualScheduler,
    private readonly random: RandomPort,
    readonly behaviour: AccountServiceBehaviour = DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
    /** Where calls and throttled answers are counted over time, when they are. */
    private readonly timeline?: CallTimeline,
  ) {}

  getAlternateContact(request: AccountRequest, caller: Caller = {}): Promise<{ AlternateContact: StoredContact }> {
    return this.handle('GetAlternateContact', request, caller, (accountId, now) => {
      const value = this.model.read(accountId, this.kindOf('GetAlternateContact', request), now);
      if (!value) throw this.error('ResourceNotFoundException', 'No contact of the requested type was found.', 404);
      return { AlternateContact: { ...value } };
    });
  }

  putAlternateContact(request: AccountRequest, caller: Caller = {}): Promise<Record<string, never>> {
    return this.handle('PutAlternateContact', request, caller, (accountId, now, sentAt) => {
      const kind = this.kindOf('PutAlternateContact', request);
      const { AlternateContactType, Name, Title, EmailAddress, PhoneNumber } = request;
      const parsed = parseContact(kind, { AlternateContactType, Name, Title, EmailAddress, PhoneNumber });
      if (!parsed.ok) throw this.error('ValidationException', parsed.error.message, 400);
      this.apply(accountId, request, caller.context, kind, parsed.value.toJSON() as unknown as StoredContact, sentAt, now);
      return {};
    });
  }

  deleteAlternateContact(request: AccountRequest, caller: Caller = {}): Promise<Record<string, never>> {
    return this.handle('DeleteAlternateContact', request, caller, (accountId, now, sentAt) => {
      const kind = this.kindOf('DeleteAlternateContact', request);
      if (!this.model.read(accountId, kind, now))
        throw this.error('ResourceNotFoundException', 'No contact of the requested type was found.', 404);
      this.apply(accountId, request, caller.context, kind, undefined, sentAt, now);
      return {};
    });
  }

  getContactInformation(request: AccountRequest, caller: Caller = {}): Promise<{ ContactInformation: StoredContact }> {
    return this.handle('GetContactInformation', request, caller, (accountId, now) => {
      const value = this.model.read(accountId, this.kindOf('GetContactInformation', request), now);
      if (!value) throw this.error('ResourceNotFoundException', 'No contact information was found.', 404);
      return { ContactInformation: { ...value } };
    });
  }

  putContactInformation(request: AccountRequest, caller: Caller = {}): Promise<Record<string, never>> {
    return this.handle('PutContactInformation', request, caller, (accountId, now, sentAt) => {
      const kind = this.kindOf('PutContactInformation', request);
      const parsed = parseContact(kind, request.ContactInformation);
      if (!parsed.ok) throw this.error('ValidationException', parsed.error.message, 400);
      this.apply(accountId, request, caller.context, kind, parsed.value.toJSON() as unknown as StoredContact, sentAt, now);
      return {};
    });
  }

  /** Tells `observer` of every contact write the service applies, when it applies it (also when its response is then lost). */
  observeWrites(observer: (write: AppliedContactWrite) => void): void {
    this.observers.push(observer);
  }

  /** Stores a written value, visible after the consistency delay, and tells the observers. */
  private apply(
    target: AccountId,
    request: AccountRequest,
    context: RequestContext | undefined,
    kind: ContactKind,
    value: StoredContact | undefined,
    sentAt: number,
    at: number,
  ): void {
    this.model.write(target, kind, value, at, this.visibleAt(at));
    if (this.observers.length === 0) return;
    const write: AppliedContactWrite = { accountId: request.AccountId, kind, value, sentAt, at, ...(context ? { context } : {}) };
    for (const observer of this.observers) observer(write);
  }

  /**
   * A request's round trip: it arrives after the request latency (now and then a long tail), is
   * checked and takes effect then, and its answer comes back a response latency later, unless the
   * response is lost, when the caller hears nothing ({@link NoResponse}) although the request took effect.
   */
  private async handle<T>(
    operation: ContactOperation,
    request: AccountRequest,
    caller: Caller,
    body: (accountId: AccountId, now: number, sentAt: number) => T,
  ): Promise<T> {
    this.calls[operation] += 1;
    const sentAt = this.time.now();
    this.timeline?.call(operation, sentAt);
    const b = this.behaviour;
    const arrival = this.uniform(b.requestLatencyMs) + (b.latencyTailRate > 0 && this.random.next() < b.latencyTailRate ? this.tail() : 0);
    // Admitted and carried out when it arrives, answered a response latency later: one wake-up for the caller.
    let answer: Answer<T> | undefined;
    this.time.schedule(arrival, () => {
      const admitted = this.admit(operation, request, caller);
      if (admitted instanceof ServiceErrorResponse) answer = { error: admitted };
      else {
        try {
          answer = { value: body(admitted, this.time.now(), sentAt) };
        } catch (error) {
          answer = { error };
        }
      }
    });
    const lost = b.lostResponseRate > 0 && this.random.next() < b.lostResponseRate;
    const answeredAfter = arrival + this.uniform(b.responseLatencyMs) + (lost ? this.uniform(b.lostResponseWaitMs) : 0);
    // The caller waits for its answer no longer than its client's timeout; the request goes on regardless.
    const timedOut = answeredAfter > b.clientTimeoutMs;
    if (timedOut && arrival > b.clientTimeoutMs) this.time.schedule(arrival, () => (this.landedAfterTimeout += 1));
    await this.time.sleep(Math.min(answeredAfter, b.clientTimeoutMs));
    if (lost) this.lostResponses += 1;
    if (lost || timedOut) throw new NoResponse(b.clientTimeoutMs);
    if (answer === undefined) throw new Error('simulated request answered before it arrived');
    if ('error' in answer) throw answer.error;
    return answer.value;
  }

  /** A long tail's extra latency: up to the tail's limit, below the 5 minutes after which the request's signature has expired. */
  private tail(): number {
    this.latencyTails += 1;
    return this.random.next() * Math.min(this.behaviour.latencyTailMs, SIGV4_VALIDITY_MS - this.behaviour.requestLatencyMs[1]);
  }

  /** Checks the request when it arrives; returns the target account, or the error to answer. */
  private admit(operation: ContactOperation, request: AccountRequest, caller: Caller): AccountId | ServiceErrorResponse {
    // IAM decides before the service sees the request: a refused call takes none of the quota.
    if (caller.allows && !caller.allows(`account:${operation}`))
      return this.error('AccessDeniedException', `The caller is not authorized to perform account:${operation}.`, 403);
    const management = this.model.managementAccountId;
    const target = request.AccountId ?? management;
    const bucketKey = this.behaviour.quotaScope === 'caller' ? operation : `${operation}#${target}`;
    let bucket = this.buckets.get(bucketKey);
    if (!bucket) {
      bucket = new QuotaBucket(this.behaviour.quotas[operation], this.time.now());
      this.buckets.set(bucketKey, bucket);
    }
    if (!bucket.tryTake(this.time.now()) || this.random.next() < this.behaviour.spuriousThrottleRate) {
      this.throttled += 1;
      this.timeline?.throttle(operation, this.time.now());
      return this.error('TooManyRequestsException', 'Rate exceeded', 429);
    }
    if (request.AccountId !== undefined) {
      if (!/^\d{12}$/.test(request.AccountId)) return this.error('ValidationException', 'AccountId must be 12 digits.', 400);
      if (request.AccountId === management) {
        return this.error('ValidationException', 'The management account cannot name its own id; omit AccountId.', 400);
      }
      const account = this.model.account(request.AccountId);
      if (!account || account.state !== 'ACTIVE' || this.behaviour.accessDeniedAccounts.has(request.AccountId)) {
        return this.error('AccessDeniedException', 'The caller is not authorized to manage this account.', 403);
      }
    }
    const now = this.time.now();
    if (this.behaviour.outages.some(([from, to]) => now >= from && now < to))
      return this.error('ServiceUnavailableException', 'Service unavailable.', 503);
    if (this.random.next() < this.behaviour.transientErrorRate) return this.error('InternalServerException', 'Internal failure.', 500);
    return target;
  }

  /** The kind the request addresses, as the table of kinds says; a type the operation does not serve is refused as AWS refuses it. */
  private kindOf(operation: ContactOperation, request: AccountRequest): ContactKind {
    const kind = kindAddressedBy(operation, request.AlternateContactType);
    if (kind === undefined) throw this.error('ValidationException', 'AlternateContactType must be BILLING, OPERATIONS or SECURITY.', 400);
    return kind;
  }

  /** When a write made at `now` becomes visible to every reader. */
  visibleAt(now: number): number {
    return now + this.uniform(this.behaviour.consistencyDelayMs);
  }

  private uniform([min, max]: readonly [number, number]): number {
    return min + this.random.next() * (max - min);
  }

  private error(name: string, message: string, status: number): ServiceErrorResponse {
    return new ServiceErrorResponse(name, message, status, this.requestIds.nextError());
  }
}
