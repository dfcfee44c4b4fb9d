import {
  AccountId,
  AlternateContact,
  ContactInformation,
  ContactKind,
  ContactOperation,
  DEFAULT_RATE_SETTINGS,
  RandomPort,
  RateSettings,
} from '@contact-sync/domain';
import { CallTimeline } from './call-timeline';
import { OrganizationModel, StoredContact } from './organization-model';
import { QuotaBucket } from './quota-bucket';
import { SimulatedErrorName, SimulatedServiceError } from './simulated-service-error';
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
}

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
};

/** A request in the Account Management API's shape. */
export interface AccountRequest {
  readonly AccountId?: string;
  readonly AlternateContactType?: string;
  readonly AlternateContact?: Record<string, unknown>;
  readonly ContactInformation?: Record<string, unknown>;
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
  private readonly buckets = new Map<string, QuotaBucket>();
  private requests = 0;

  constructor(
    readonly model: OrganizationModel,
    /** The virtual clock, which also admits each request at its arrival. */
    private readonly time: VirtualScheduler,
    private readonly random: RandomPort,
    readonly behaviour: AccountServiceBehaviour = DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
    /** Where calls and throttled answers are counted over time, when they are. */
    private readonly timeline?: CallTimeline,
  ) {}

  getAlternateContact(request: AccountRequest): Promise<{ AlternateContact: StoredContact }> {
    return this.handle('GetAlternateContact', request, (accountId, now) => {
      const type = this.alternateType(request);
      const value = this.model.read(accountId, type, now);
      if (!value) throw this.error('ResourceNotFoundException', 'No contact of the requested type was found.', 404);
      return { AlternateContact: { ...value } };
    });
  }

  putAlternateContact(request: AccountRequest): Promise<Record<string, never>> {
    return this.handle('PutAlternateContact', request, (accountId, now) => {
      const type = this.alternateType(request);
      const parsed = AlternateContact.parse({ ...request.AlternateContact, AlternateContactType: type });
      if (!parsed.ok) throw this.error('ValidationException', parsed.error.message, 400);
      this.model.write(accountId, type, parsed.value.toJSON() as unknown as StoredContact, now, this.visibleAt(now));
      return {};
    });
  }

  deleteAlternateContact(request: AccountRequest): Promise<Record<string, never>> {
    return this.handle('DeleteAlternateContact', request, (accountId, now) => {
      const type = this.alternateType(request);
      if (!this.model.read(accountId, type, now))
        throw this.error('ResourceNotFoundException', 'No contact of the requested type was found.', 404);
      this.model.write(accountId, type, undefined, now, this.visibleAt(now));
      return {};
    });
  }

  getContactInformation(request: AccountRequest): Promise<{ ContactInformation: StoredContact }> {
    return this.handle('GetContactInformation', request, (accountId, now) => {
      const value = this.model.read(accountId, 'PRIMARY', now);
      if (!value) throw this.error('ResourceNotFoundException', 'No contact information was found.', 404);
      return { ContactInformation: { ...value } };
    });
  }

  putContactInformation(request: AccountRequest): Promise<Record<string, never>> {
    return this.handle('PutContactInformation', request, (accountId, now) => {
      const parsed = ContactInformation.parse(request.ContactInformation);
      if (!parsed.ok) throw this.error('ValidationException', parsed.error.message, 400);
      this.model.write(accountId, 'PRIMARY', parsed.value.toJSON() as unknown as StoredContact, now, this.visibleAt(now));
      return {};
    });
  }

  private async handle<T>(
    operation: ContactOperation,
    request: AccountRequest,
    body: (accountId: AccountId, now: number) => T,
  ): Promise<T> {
    this.calls[operation] += 1;
    this.timeline?.call(operation, this.time.now());
    const b = this.behaviour;
    const arrival = this.uniform(b.requestLatencyMs);
    // Admitted when it arrives, answered a response latency later: one wake-up for the caller.
    let outcome: AccountId | SimulatedServiceError | undefined;
    this.time.schedule(arrival, () => (outcome = this.admit(operation, request)));
    await this.time.sleep(arrival + this.uniform(b.responseLatencyMs));
    if (outcome === undefined) throw new Error('simulated request answered before it arrived');
    if (outcome instanceof Error) throw outcome;
    return body(outcome, this.time.now());
  }

  /** Checks the request when it arrives; returns the target account, or the error to answer. */
  private admit(operation: ContactOperation, request: AccountRequest): AccountId | SimulatedServiceError {
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

  private alternateType(request: AccountRequest): ContactKind {
    const type = request.AlternateContactType;
    if (type !== 'BILLING' && type !== 'OPERATIONS' && type !== 'SECURITY') {
      throw this.error('ValidationException', 'AlternateContactType must be BILLING, OPERATIONS or SECURITY.', 400);
    }
    return type;
  }

  /** When a write made at `now` becomes visible to every reader. */
  visibleAt(now: number): number {
    return now + this.uniform(this.behaviour.consistencyDelayMs);
  }

  private uniform([min, max]: readonly [number, number]): number {
    return min + this.random.next() * (max - min);
  }

  private error(name: SimulatedErrorName, message: string, status: number): SimulatedServiceError {
    this.requests += 1;
    return new SimulatedServiceError(name, message, `sim-${this.requests.toString(16).padStart(8, '0')}`, status);
  }
}
