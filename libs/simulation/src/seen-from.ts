import { SimulatedPorts } from '@contact-sync/composition';
import { ExecutionEnvironment } from '@contact-sync/simulated-aws';

/**
 * The ports as code running in `env` sees them: each call through them fails once the environment
 * died, and may kill it (see {@link ExecutionEnvironment.wrap}). Time, randomness, the keyed hash,
 * logs and metrics are not calls to a service: they are shared as they are.
 */
export const seenFrom = (env: ExecutionEnvironment, ports: SimulatedPorts): SimulatedPorts => ({
  ...ports,
  contacts: env.wrap(ports.contacts, 'contacts'),
  organization: env.wrap(ports.organization, 'organization'),
  syncConfig: env.wrap(ports.syncConfig, 'config'),
  syncState: env.wrap(ports.syncState, 'state'),
  auditLog: env.wrap(ports.auditLog, 'audit'),
  workQueue: env.wrap(ports.workQueue, 'queue', ['enqueue']),
  notifier: env.wrap(ports.notifier, 'notifier'),
  failedEvents: env.wrap(ports.failedEvents, 'failedEvents'),
});
