import 'reflect-metadata';
import { Container } from 'inversify';
import { resilientContactsFor, TOKENS, USE_CASE_WIRING } from '@contact-sync/domain';
import { createSimulatedAws, SimulationOptions } from '@contact-sync/adapters-memory';

export type { SimulationOptions } from '@contact-sync/adapters-memory';

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
  const sim = createSimulatedAws(options);
  c.bind(SIM.Time).toConstantValue(sim.time);
  c.bind(SIM.Model).toConstantValue(sim.model);
  c.bind(SIM.AccountService).toConstantValue(sim.accountService);
  c.bind(SIM.OrganizationsService).toConstantValue(sim.organizationsService);
  c.bind(TOKENS.Clock).toConstantValue(sim.time);
  c.bind(TOKENS.Sleeper).toConstantValue(sim.time);
  c.bind(TOKENS.Random).toConstantValue(sim.random);
  c.bind(TOKENS.Logger).toConstantValue(sim.logger);
  c.bind(TOKENS.Metrics).toConstantValue(sim.metrics);
  c.bind(TOKENS.Contacts).toConstantValue(sim.contacts);
  c.bind(TOKENS.Organization).toConstantValue(sim.organization);
  c.bind(TOKENS.SyncConfig).toConstantValue(sim.syncConfig);
  c.bind(TOKENS.SyncState).toConstantValue(sim.syncState);
  c.bind(TOKENS.AuditLog).toConstantValue(sim.auditLog);
  c.bind(TOKENS.WorkQueue).toConstantValue(sim.workQueue);
  c.bind(TOKENS.Notifier).toConstantValue(sim.notifier);
  c.bind(TOKENS.ResilientContacts).toConstantValue(
    resilientContactsFor({ contacts: sim.contacts, rates: options.config.rates, clock: sim.time, sleeper: sim.time, random: sim.random, metrics: sim.metrics }),
  );
  for (const [token, make] of USE_CASE_WIRING) c.bind(token).toDynamicValue((ctx) => make((t) => ctx.get(t)));
  return c;
}
