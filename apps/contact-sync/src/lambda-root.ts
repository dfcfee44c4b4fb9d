import { createDynamoDbClient, DynamoDbSyncConfig } from '@contact-sync/adapters-aws';
import { createLambdaContainer, LambdaRoot } from './composition';
import { readLambdaEnvironment } from './environment';

let root: Promise<LambdaRoot> | undefined;

/**
 * The composition root, built once per cold start: the environment is read and checked, and the
 * configured quotas are loaded (each worker takes its share of them). A failed start is retried on
 * the next invocation rather than cached.
 */
export function lambdaRoot(): Promise<LambdaRoot> {
  root ??= (async () => {
    const env = readLambdaEnvironment();
    const { config } = await new DynamoDbSyncConfig(createDynamoDbClient(), env.stateTable, env.initialConfig).load();
    return createLambdaContainer(env, config.rates);
  })().catch((error: unknown) => {
    root = undefined;
    throw error;
  });
  return root;
}
