import { SimulatedPorts, simulatedAwsModule, TOKENS, useCasesModule } from '@contact-sync/composition';
import { LaunchOptions, RateLimit, RateSettings, SweepOptions } from '@contact-sync/domain';
import { ExecutionEnvironment } from '@contact-sync/simulated-aws';
import { Container } from 'inversify';
import { seenFrom } from './seen-from';

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
 * The composition root of one simulated Lambda execution environment: the use cases on the simulated
 * AWS, every port seen from the environment (so that it can die anywhere), and its own rate limiter
 * and circuit breaker, as each Lambda instance has.
 */
export function createFunctionContainer(services: SimulatedPorts, env: ExecutionEnvironment, settings: FunctionSettings): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(useCasesModule, simulatedAwsModule(seenFrom(env, services)));
  container.bind(TOKENS.Rates).toConstantValue(settings.rates);
  container.bind(TOKENS.TagReadLimit).toConstantValue(settings.tagReads);
  container.bind(TOKENS.LaunchOptions).toConstantValue(settings.launch);
  container.bind(TOKENS.SweepOptions).toConstantValue(settings.sweep);
  return container;
}
