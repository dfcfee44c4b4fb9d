import {
  AuditLogPort,
  CipherPort,
  ClockPort,
  EventLedgerPort,
  ItemLedgerPort,
  KindHeadsPort,
  OutcomeLedgerPort,
  RunStorePort,
  ContactsPort,
  FailedEventsPort,
  KeyedHashPort,
  LaunchOptions,
  LoggerPort,
  MetricsPort,
  NotifierPort,
  PreviousValueStorePort,
  OrganizationPort,
  OrganizationStructurePort,
  RandomPort,
  RateLimit,
  RateSettings,
  SleeperPort,
  SweepOptions,
  SyncConfigPort,
  WorkQueuePort,
  WriteTiming,
} from '@contact-sync/domain';
import type { Bind, BindInWhenOnFluentSyntax, ServiceIdentifier } from 'inversify';

/** What a dependency of type `T` is looked up by: a class of `T`, or a {@link Token} of `T`. */
export type Key<T> = abstract new (...args: never) => T;

/**
 * A symbol standing for a port or setting of type `T`. It is typed as a key of `T` (it is never
 * called), so that `container.get(token)` is a `T` and {@link bindResolved} checks it.
 */
export type Token<T> = symbol & Key<T>;

/** The keys of a factory's parameters, in order (an optional parameter is looked up as its type). */
export type Keys<P extends unknown[]> = { [K in keyof P]-?: Key<Exclude<P[K], undefined>> };

const token = <T>(name: string) => Symbol.for(`contact-sync.${name}`) as Token<T>;

/** Binds `key` to what `factory` makes of the values of `deps`, each checked against the factory's parameter. */
export function bindResolved<P extends unknown[], T>(
  bind: Bind,
  key: ServiceIdentifier<T>,
  factory: (...args: P) => T,
  deps: Keys<P>,
): BindInWhenOnFluentSyntax<T> {
  // inversify types a dependency as any identifier; Keys<P> is the stricter form of its list.
  return bind(key).toResolvedValue(factory, deps as never);
}

/** Binds a class to an instance built by its constructor from the values of `deps`. */
export const bindClass = <P extends unknown[], T>(bind: Bind, Class: new (...args: P) => T, deps: Keys<P>): BindInWhenOnFluentSyntax<T> =>
  bindResolved(bind, Class, (...args: P) => new Class(...args), deps);

/**
 * The container's keys for every port and setting, typed: `container.get(TOKENS.Clock)` is a
 * `ClockPort`, and a binding's dependencies are checked against the constructor they feed. Use cases
 * and other domain classes are their own keys (`container.get(Reconcile)`).
 */
export const TOKENS = {
  Clock: token<ClockPort>('Clock'),
  Sleeper: token<SleeperPort>('Sleeper'),
  Random: token<RandomPort>('Random'),
  /** HMAC-SHA-256 under the deployment's fingerprint key. */
  KeyedHash: token<KeyedHashPort>('KeyedHash'),
  /** Authenticated encryption under the deployment's undo key: the members' previous values are sealed with it. */
  Cipher: token<CipherPort>('Cipher'),
  /** Where the members' previous values are kept, sealed. */
  PreviousValueStore: token<PreviousValueStorePort>('PreviousValueStore'),
  Logger: token<LoggerPort>('Logger'),
  Metrics: token<MetricsPort>('Metrics'),
  Organization: token<OrganizationPort>('Organization'),
  /** The OU tree and account tags. */
  OrganizationStructure: token<OrganizationStructurePort>('OrganizationStructure'),
  /** How fast this process reads account tags (its share, when several run at once). */
  TagReadLimit: token<RateLimit>('TagReadLimit'),
  Contacts: token<ContactsPort>('Contacts'),
  SyncConfig: token<SyncConfigPort>('SyncConfig'),
  /** Which change events were already taken. */
  EventLedger: token<EventLedgerPort>('EventLedger'),
  /** The run that holds each contact kind. */
  KindHeads: token<KindHeadsPort>('KindHeads'),
  /** Runs, their launch lease, finish claim, report and notification. */
  RunStore: token<RunStorePort>('RunStore'),
  /** A run's work items and their leases. */
  ItemLedger: token<ItemLedgerPort>('ItemLedger'),
  /** Outcomes, write intents and writes in doubt. */
  OutcomeLedger: token<OutcomeLedgerPort>('OutcomeLedger'),
  AuditLog: token<AuditLogPort>('AuditLog'),
  WorkQueue: token<WorkQueuePort>('WorkQueue'),
  Notifier: token<NotifierPort>('Notifier'),
  FailedEvents: token<FailedEventsPort>('FailedEvents'),
  /** The quotas this process paces its contact calls at (a worker's share of the configured ones). */
  Rates: token<RateSettings>('Rates'),
  /** Items' size and the write fence. */
  LaunchOptions: token<LaunchOptions>('LaunchOptions'),
  /** When the sweeper resumes, re-drives and gives up. */
  SweepOptions: token<SweepOptions>('SweepOptions'),
  /** How long a write may take to land and to show (bound by the use cases module to the API's documented timing). */
  WriteTiming: token<WriteTiming>('WriteTiming'),
} as const;
