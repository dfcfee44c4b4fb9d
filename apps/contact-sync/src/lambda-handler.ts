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

/** The use cases a handler calls, by the names it calls them: each a class the composition root binds. */
export type UseCaseClasses = Readonly<Record<string, abstract new (...args: never) => unknown>>;

/**
 * One invocation, as a handler sees it: its use cases, the logger (with the Lambda context), the
 * metrics, the context, and when Lambda ends it (epoch ms).
 */
export type Invocation<U extends UseCaseClasses> = { readonly [K in keyof U]: InstanceType<U[K]> } & {
  readonly logger: LambdaRoot['logger'];
  readonly metrics: LambdaRoot['metrics'];
  readonly context?: Context;
  readonly endsAtMs: number;
};

/** How long an invocation may run when no Lambda context says (a local call): the functions' timeout. */
const LOCAL_TIMEOUT_MS = 300_000;

/** What Lambda passes a handler; the event may be left out when the handler takes none (a schedule's). */
export type HandlerArguments<E> = undefined extends E ? [event?: E, context?: Context] : [event: E, context?: Context];

/**
 * A Lambda handler that only parses, calls its use cases and maps the result: the composition root
 * is built on the cold start, every log entry carries the Lambda context, and after each invocation,
 * returned or thrown, the metrics are flushed and the correlation id it set is forgotten.
 */
export function lambdaHandler<U extends UseCaseClasses, E, R>(
  useCases: U,
  handle: (event: E, invocation: Invocation<U>) => Promise<R>,
  rootOf: () => Promise<LambdaRoot> = lambdaRoot,
): (...args: HandlerArguments<E>) => Promise<R> {
  return async (...[event, context]: HandlerArguments<E>) => {
    const { container, logger, metrics } = await rootOf();
    const endsAtMs = Date.now() + (context?.getRemainingTimeInMillis() ?? LOCAL_TIMEOUT_MS);
    if (context) logger.addContext(context);
    try {
      const resolved = Object.fromEntries(Object.entries(useCases).map(([name, useCase]) => [name, container.get(useCase)]));
      return await handle(event as E, { ...(resolved as Invocation<U>), logger, metrics, endsAtMs, ...(context ? { context } : {}) });
    } finally {
      logger.resetKeys();
      await metrics.flush();
    }
  };
}
