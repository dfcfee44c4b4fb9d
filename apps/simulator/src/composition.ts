import 'reflect-metadata';
import { Container } from 'inversify';
import {
  AdaptiveRateLimiter,
  AuditLogPort,
  CircuitBreaker,
  clientRateSettings,
  ClockPort,
  ContactsPort,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_RETRY_POLICY,
  LoggerPort,
  MemberAccount,
  MetricsPort,
  NotifierPort,
  OrganizationPort,
  RandomPort,
  ResilientContacts,
  SleeperPort,
  SyncConfig,
  SyncConfigPort,
  SyncStatePort,
  TOKENS,
  USE_CASE_WIRING,
  WorkQueuePort,
} from '@contact-sync/domain';
import {
  AccountServiceBehaviour,
  DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
  InMemoryAuditLog,
  InMemoryContacts,
  InMemoryLogger,
  InMemoryMetrics,
  InMemoryNotifier,
  InMemoryOrganization,
  InMemorySyncConfig,
  InMemorySyncState,
  InMemoryWorkQueue,
  OrganizationModel,
  SeededRandom,
  SimulatedAccountService,
  SimulatedOrganizationsService,
  VirtualTime,
} from '@contact-sync/adapters-memory';

/** Everything a simulated organization is made of. */
export interface SimulationOptions {
  readonly accounts: readonly MemberAccount[];
  readonly seed: number;
  readonly config: SyncConfig;
  readonly behaviour?: Partial<AccountServiceBehaviour>;
  readonly logSink?: (line: string) => void;
}

/** Extra tokens for the simulated AWS and the doubles the simulator reads its report from. */
export const SIM = {
  Time: Symbol.for('contact-sync.sim.Time'),
  Model: Symbol.for('contact-sync.sim.Model'),
  AccountService: Symbol.for('contact-sync.sim.AccountService'),
  OrganizationsService: Symbol.for('contact-sync.sim.OrganizationsService'),
} as const;

/** The composition root of the simulator: the domain's use cases wired to the in-memory AWS. */
export function createSimulationContainer(options: SimulationOptions): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const random = new SeededRandom(options.seed);
  const time = new VirtualTime();
  const model = new OrganizationModel(options.accounts);
  c.bind(SIM.Time).toConstantValue(time);
  c.bind(SIM.Model).toConstantValue(model);
  c.bind<ClockPort>(TOKENS.Clock).toConstantValue(time);
  c.bind<SleeperPort>(TOKENS.Sleeper).toConstantValue(time);
  c.bind<RandomPort>(TOKENS.Random).toConstantValue(random);
  c.bind<LoggerPort>(TOKENS.Logger).toConstantValue(new InMemoryLogger(options.logSink));
  c.bind<MetricsPort>(TOKENS.Metrics).toConstantValue(new InMemoryMetrics());
  c.bind(SIM.AccountService).toConstantValue(
    new SimulatedAccountService(model, time, time, random, { ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR, ...options.behaviour }),
  );
  c.bind(SIM.OrganizationsService).toConstantValue(new SimulatedOrganizationsService(model, random));
  c.bind<ContactsPort>(TOKENS.Contacts).toDynamicValue((ctx) => new InMemoryContacts(ctx.get(SIM.AccountService)));
  c.bind<OrganizationPort>(TOKENS.Organization).toDynamicValue((ctx) => new InMemoryOrganization(ctx.get(SIM.OrganizationsService)));
  c.bind<SyncConfigPort>(TOKENS.SyncConfig).toConstantValue(new InMemorySyncConfig(options.config));
  c.bind<SyncStatePort>(TOKENS.SyncState).toConstantValue(new InMemorySyncState());
  c.bind<AuditLogPort>(TOKENS.AuditLog).toConstantValue(new InMemoryAuditLog(time));
  c.bind<WorkQueuePort>(TOKENS.WorkQueue).toConstantValue(new InMemoryWorkQueue());
  c.bind<NotifierPort>(TOKENS.Notifier).toConstantValue(new InMemoryNotifier());
  c.bind(TOKENS.ResilientContacts).toDynamicValue(
    (ctx) =>
      new ResilientContacts(
        ctx.get(TOKENS.Contacts),
        new AdaptiveRateLimiter(clientRateSettings(options.config.rates), time, time),
        new CircuitBreaker(time, DEFAULT_CIRCUIT_BREAKER),
        DEFAULT_RETRY_POLICY,
        random,
        time,
        ctx.get(TOKENS.Metrics),
      ),
  );
  for (const [token, make] of USE_CASE_WIRING) c.bind(token).toDynamicValue((ctx) => make((t) => ctx.get(t)));
  return c;
}
