import { TOKENS, useCasesModule } from '@contact-sync/composition';
import { DEFAULT_LAUNCH_OPTIONS, DEFAULT_SWEEP_OPTIONS, DEFAULT_TAG_READ_LIMIT } from '@contact-sync/domain';
import { Container } from 'inversify';
import { backendOf, BackendSettings, ComposedBackend } from './backend';
import { awsBackend, memoryBackend, SIMULATED_AWS } from './backend-modules';
import { keepMemoryState } from './memory-state';

/**
 * The CLI's composition root: the same use cases as the Lambda functions, on AWS or on a simulated
 * organization. An operator's run is launched and worked by this process, which no Lambda timeout
 * bounds: one slice. It supersedes the deployed service's runs, whose workers may have writes on
 * their way: it waits them out too. It paces itself at the whole of the configured quotas.
 */
export async function openBackend(settings: BackendSettings): Promise<ComposedBackend> {
  const container = new Container({ defaultScope: 'Singleton' });
  const { modules, run } = settings.backend === 'memory' ? memoryBackend(settings) : await awsBackend(settings);
  container.loadSync(useCasesModule, ...modules);
  const writeFenceMs = settings.writeFenceMs ?? DEFAULT_LAUNCH_OPTIONS.writeFenceMs;
  container.bind(TOKENS.LaunchOptions).toConstantValue({ ...DEFAULT_LAUNCH_OPTIONS, sliceMs: Number.POSITIVE_INFINITY, writeFenceMs });
  container.bind(TOKENS.SweepOptions).toConstantValue(DEFAULT_SWEEP_OPTIONS);
  container.bind(TOKENS.TagReadLimit).toConstantValue(DEFAULT_TAG_READ_LIMIT);
  const close =
    settings.backend === 'memory' && settings.stateDir !== undefined
      ? await keepMemoryState(container.get(SIMULATED_AWS), settings.stateDir, settings.seed)
      : undefined;
  const { config } = await run(() => container.get(TOKENS.SyncConfig).load());
  container.bind(TOKENS.Rates).toConstantValue(config.rates);
  const initialConfigSource = settings.backend === 'memory' ? 'DEFAULTS' : settings.initialConfig ? 'STAGE' : 'UNKNOWN_STAGE';
  return backendOf(container, run, initialConfigSource, close);
}
