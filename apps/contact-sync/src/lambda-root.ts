import { createLambdaRoot, LambdaRoot } from './composition';
import { readLambdaEnvironment } from './environment';

let root: Promise<LambdaRoot> | undefined;

/**
 * The composition root, built once per cold start: the environment is read and checked, and the
 * configured quotas are loaded. A failed start is retried on the next invocation rather than cached.
 */
export function lambdaRoot(): Promise<LambdaRoot> {
  root ??= Promise.resolve()
    .then(() => createLambdaRoot(readLambdaEnvironment()))
    .catch((error: unknown) => {
      root = undefined;
      throw error;
    });
  return root;
}
