import { LoggerPort, MetricsPort } from '@contact-sync/domain';
import type { Context } from 'aws-lambda';

/** The logger a function body writes to: the port, and the correlation id of what it handles. */
export interface FunctionLogger extends LoggerPort {
  /** Tags every following entry of this invocation with `correlationId`. */
  correlate(correlationId: string): void;
  /** Forgets what the invocation added (its correlation id): a warm environment's next invocation starts without it. */
  resetKeys(): void;
}

/** The use cases a body calls, by the names it calls them: each a class the composition root binds. */
export type UseCaseClasses = Readonly<Record<string, abstract new (...args: never) => unknown>>;

/** What a body may call of a use case: its public members, so that a caller may hand it any object that has them. */
export type UseCaseOf<C extends abstract new (...args: never) => unknown> = Pick<InstanceType<C>, keyof InstanceType<C>>;

/**
 * One invocation, as a body sees it: its use cases, the logger and metrics, the Lambda context when
 * there is one, when the invocation ends (epoch ms) and the clock it is measured on. The clock is
 * given, never read from the system: in the simulation it is virtual time.
 */
export type Invocation<U extends UseCaseClasses> = { readonly [K in keyof U]: UseCaseOf<U[K]> } & {
  readonly logger: FunctionLogger;
  readonly metrics: MetricsPort;
  readonly context?: Context;
  readonly endsAtMs: number;
  readonly now: () => number;
};

/** A function of the stack: the use cases it is given, and its body. */
export interface FunctionDefinition<U extends UseCaseClasses, E, R> {
  readonly useCases: U;
  readonly handle: (event: E, invocation: Invocation<U>) => Promise<R>;
}

/** Declares a function: its use cases and its body (the body's event and answer types are inferred). */
export const defineFunction = <U extends UseCaseClasses, E, R>(
  useCases: U,
  handle: (event: E, invocation: Invocation<U>) => Promise<R>,
): FunctionDefinition<U, E, R> => Object.freeze({ useCases, handle });

/** Where an invocation's use cases come from (a composition root's container) and what it runs with. */
export interface InvocationSetting {
  /** The instance the environment has of a use case class. */
  readonly resolve: <C extends abstract new (...args: never) => unknown>(useCase: C) => UseCaseOf<C>;
  readonly logger: FunctionLogger;
  readonly metrics: MetricsPort;
  readonly context?: Context;
  readonly endsAtMs: number;
  readonly now: () => number;
}

/**
 * Runs one invocation of a function, as Lambda and the simulation both do: its use cases resolved in
 * the environment, then the body; after it, returned or thrown, the logger forgets the invocation's
 * keys and the metrics are flushed.
 */
export async function invokeFunction<U extends UseCaseClasses, E, R>(
  fn: FunctionDefinition<U, E, R>,
  event: E,
  setting: InvocationSetting,
): Promise<R> {
  const { resolve, logger, metrics, context, endsAtMs, now } = setting;
  try {
    const useCases = Object.fromEntries(Object.entries(fn.useCases).map(([name, useCase]) => [name, resolve(useCase)]));
    return await fn.handle(event, { ...(useCases as Invocation<U>), logger, metrics, endsAtMs, now, ...(context ? { context } : {}) });
  } finally {
    logger.resetKeys();
    await metrics.flush();
  }
}
