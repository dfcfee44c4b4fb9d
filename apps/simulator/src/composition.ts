import 'reflect-metadata';
import { Container } from 'inversify';
import {
  AuditLogPort,
  ContactsPort,
  FailedEventsPort,
  KeyedHashPort,
  LaunchOptions,
  LoggerPort,
  MetricsPort,
  NotifierPort,
  OrganizationPort,
  OrganizationStructurePort,
  RateLimit,
  RateSettings,
  resilientContactsFor,
  SweepOptions,
  SyncConfigPort,
  SyncStatePort,
  TOKENS,
  USE_CASE_WIRING,
  WorkQueuePort,
} from '@contact-sync/domain';
import { ExecutionEnvironment, SeededRandom, VirtualTime } from '@contact-sync/adapters-memory';

/** The simulated AWS services a function's code reaches, shared by every execution environment. */
export interface SimulatedServices {
  readonly time: VirtualTime;
  readonly random: SeededRandom;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  readonly contacts: ContactsPort;
  readonly organization: OrganizationPort & OrganizationStructurePort;
  readonly syncConfig: SyncConfigPort;
  readonly syncState: SyncStatePort;
  readonly auditLog: AuditLogPort;
  readonly workQueue: WorkQueuePort;
  readonly notifier: NotifierPort;
  readonly failedEvents: FailedEventsPort;
  /** The audit fingerprints' keyed hash, under the simulated deployment's key. */
  readonly keyedHash: KeyedHashPort;
}

/** What one function's environment is built with. */
export interface FunctionSettings {
  /** The quotas this environment paces itself at (its share, when several run at once). */
  readonly rates: RateSettings;
  /** How fast this environment reads account tags (its share, when several run at once). */
  readonly tagReads: RateLimit;
  readonly launch: LaunchOptions;
  readonly sweep: SweepOptions;
}

/**
 * The composition root of one simulated Lambda execution environment: the domain's use cases wired
 * to the simulated services, every port seen through the environment (so that it can die anywhere),
 * and its own rate limiter and circuit breaker, as each Lambda instance has.
 */
export function createFunctionContainer(services: SimulatedServices, env: ExecutionEnvironment, settings: FunctionSettings): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const contacts = env.wrap(services.contacts, 'contacts');
  c.bind(TOKENS.Clock).toConstantValue(services.time);
  c.bind(TOKENS.Sleeper).toConstantValue(services.time);
  c.bind(TOKENS.Random).toConstantValue(services.random);
  c.bind(TOKENS.Logger).toConstantValue(services.logger);
  c.bind(TOKENS.Metrics).toConstantValue(services.metrics);
  c.bind(TOKENS.Contacts).toConstantValue(contacts);
  const organization = env.wrap(services.organization, 'organization');
  c.bind(TOKENS.Organization).toConstantValue(organization);
  c.bind(TOKENS.OrganizationStructure).toConstantValue(organization);
  c.bind(TOKENS.TagReadLimit).toConstantValue(settings.tagReads);
  c.bind(TOKENS.SyncConfig).toConstantValue(env.wrap(services.syncConfig, 'config'));
  c.bind(TOKENS.SyncState).toConstantValue(env.wrap(services.syncState, 'state'));
  c.bind(TOKENS.AuditLog).toConstantValue(env.wrap(services.auditLog, 'audit'));
  c.bind(TOKENS.WorkQueue).toConstantValue(env.wrap(services.workQueue, 'queue', ['enqueue']));
  c.bind(TOKENS.Notifier).toConstantValue(env.wrap(services.notifier, 'notifier'));
  c.bind(TOKENS.FailedEvents).toConstantValue(env.wrap(services.failedEvents, 'failedEvents'));
  c.bind(TOKENS.KeyedHash).toConstantValue(services.keyedHash);
  c.bind(TOKENS.LaunchOptions).toConstantValue(settings.launch);
  c.bind(TOKENS.SweepOptions).toConstantValue(settings.sweep);
  c.bind(TOKENS.ResilientContacts).toConstantValue(
    resilientContactsFor({
      contacts,
      rates: settings.rates,
      clock: services.time,
      sleeper: services.time,
      random: services.random,
      metrics: services.metrics,
    }),
  );
  for (const [token, make] of USE_CASE_WIRING) c.bind(token).toDynamicValue((ctx) => make((t) => ctx.get(t)));
  return c;
}
