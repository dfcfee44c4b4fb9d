import { DEPLOYMENT, FunctionDefinition, invokeFunction, UseCaseClasses } from '@contact-sync/functions';
import type { Context } from 'aws-lambda';
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

/** How long an invocation may run when no Lambda context says (a local call): the longest function timeout. */
const LOCAL_TIMEOUT_MS = Math.max(...Object.values(DEPLOYMENT.timeoutMs));

/** What Lambda passes a handler; the event may be left out when the handler takes none (a schedule's). */
export type HandlerArguments<E> = undefined extends E ? [event?: E, context?: Context] : [event: E, context?: Context];

/**
 * The Lambda handler of a function body: the composition root is built on the cold start, every log
 * entry carries the Lambda context, and the invocation ends when the context says, on the system
 * clock. The body itself (with its use cases, its deadlines and acknowledgements) is the one the
 * simulation invokes.
 */
export function lambdaHandler<U extends UseCaseClasses, E, R>(
  fn: FunctionDefinition<U, E, R>,
  rootOf: () => Promise<LambdaRoot> = lambdaRoot,
): (...args: HandlerArguments<E>) => Promise<R> {
  return async (...[event, context]: HandlerArguments<E>) => {
    const { container, logger, metrics } = await rootOf();
    const endsAtMs = Date.now() + (context?.getRemainingTimeInMillis() ?? LOCAL_TIMEOUT_MS);
    if (context) logger.addContext(context);
    return invokeFunction(fn, event as E, {
      resolve: (useCase) => container.get(useCase) as never,
      logger,
      metrics,
      endsAtMs,
      now: Date.now,
      ...(context ? { context } : {}),
    });
  };
}
