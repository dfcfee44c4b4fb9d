import { RandomPort, SleeperPort } from '@contact-sync/domain';
import {
  INITIAL_RETRY_TOKENS,
  isThrottlingError,
  isTransientError,
  MAXIMUM_RETRY_DELAY,
  NO_RETRY_INCREMENT,
  Retry,
} from '@smithy/core/retry';
import { Caller, NoResponse, RequestContext, ServiceErrorResponse } from './service-answers';

/** The SDK's `$metadata` of a response or an error (the SDK's `ResponseMetadata`). */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

/** An SDK exception class of a modelled error, constructed as the SDK's deserializer constructs it. */
export type ModelledException = new (options: { $metadata: ResponseMetadata; message: string }) => Error;

/** The service's base exception, which the SDK raises, named after the error, for an error its model does not list. */
export type BaseException = new (options: {
  name: string;
  $fault: 'client' | 'server';
  $metadata: ResponseMetadata;
  message: string;
}) => Error;

/**
 * One service's exception classes, as its SDK package exports them: a modelled error's class has the
 * error's name and extends the service's base exception, which stands for any other error.
 */
export interface ServiceExceptions {
  /** The SDK package's exports (`import * as`), where each modelled error's class is found by its name. */
  readonly exports: Readonly<Record<string, unknown>>;
  readonly base: BaseException;
}

/** What a simulated client waits with between the SDK's retries: the simulation's clock and its seeded randomness. */
export interface RetryClock {
  readonly sleeper: SleeperPort;
  readonly random: RandomPort;
}

/** How a simulated client sends, besides what its SDK configuration says. */
export interface SimulatedClientOptions<Signed> {
  /** The SDK's retries wait on this clock and draw their jitter from this randomness (never real time). */
  readonly retryClock: RetryClock;
  /**
   * The caller's grants, as IAM evaluates them: an action they refuse (`account:PutAlternateContact`,
   * `organizations:ListParents`) is answered AccessDeniedException. Everything is allowed when absent.
   */
  readonly allows?: (action: string) => boolean;
  /** Signs each request as it is sent: the context (who sent it) the service hands back to observers of the write it makes. */
  readonly sign?: (request: Signed) => RequestContext | undefined;
}

/** A caller that signs nothing and is allowed everything. */
const ANYONE: Caller = Object.freeze({});

/** The SDK's output shape: the service's answer and the response's `$metadata`. */
export type WithMetadata<T> = T & { $metadata: ResponseMetadata };

/**
 * What a simulated SDK client does around the service's answer, as the SDK does around an HTTP
 * response: the output with its `$metadata`, an error answer as the service's SDK exception class, no
 * answer as the SDK's TimeoutError, and the SDK's standard retries with the attempts its configuration
 * resolves, on the simulation's clock. The retry decisions are the SDK's own (its classifiers and its
 * standard mode's delays and retry quota), so that a retry the deployed client makes happens here too.
 */
export class SdkBoundary {
  /** The standard mode's retry quota, one for each client as the SDK's strategy keeps it. */
  private capacity = INITIAL_RETRY_TOKENS;
  private attemptsAllowed?: number;

  constructor(
    private readonly exceptions: ServiceExceptions,
    private readonly clock: RetryClock,
    /** The client's resolved `maxAttempts` and `retryMode`, read from its configuration as the SDK reads them. */
    private readonly settings: { readonly maxAttempts: () => Promise<number>; readonly retryMode: string | (() => Promise<string>) },
    private readonly issueRequestId: () => string,
  ) {}

  /** Sends one command's request (`answer`, called again for each attempt) and returns the SDK's output, or throws the SDK's error. */
  send<T extends object>(answer: () => Promise<T>): Promise<WithMetadata<T>> {
    // Promise chains rather than an async loop: tens of thousands of calls a run, and each await costs a turn.
    if (this.attemptsAllowed === undefined) return this.resolveAttempts().then(() => this.attempt(answer, 1, 0, undefined));
    return this.attempt(answer, 1, 0, undefined);
  }

  /** One attempt; on a retryable failure, the SDK's wait and the next attempt. `cost` is what the last retry took of the quota. */
  private attempt<T extends object>(
    answer: () => Promise<T>,
    attempt: number,
    totalRetryDelay: number,
    cost: number | undefined,
  ): Promise<WithMetadata<T>> {
    return answer().then(
      (output) => {
        this.capacity = Math.min(INITIAL_RETRY_TOKENS, this.capacity + (cost ?? NO_RETRY_INCREMENT));
        // The service's answer is its own fresh object: it takes the metadata as the SDK's output does.
        const $metadata: ResponseMetadata = { httpStatusCode: 200, requestId: this.issueRequestId(), attempts: attempt, totalRetryDelay };
        (output as { $metadata?: ResponseMetadata }).$metadata = $metadata;
        return output as WithMetadata<T>;
      },
      (answered: unknown) => {
        const error = this.deserialize(answered);
        const classified = error as Parameters<typeof isThrottlingError>[0];
        const throttling = isThrottlingError(classified);
        const retryCost = throttling ? Retry.throttlingCost() : Retry.cost();
        if (!(throttling || isTransientError(classified)) || attempt >= (this.attemptsAllowed as number) || this.capacity < retryCost) {
          const $metadata = ((error as { $metadata?: ResponseMetadata }).$metadata ??= {});
          $metadata.attempts = attempt;
          $metadata.totalRetryDelay = totalRetryDelay;
          throw error;
        }
        this.capacity -= retryCost;
        const base = throttling ? Retry.throttlingDelay() : Retry.delay();
        const delay = Math.floor(this.clock.random.next() * Math.min(base * 2 ** (attempt - 1), MAXIMUM_RETRY_DELAY));
        return this.clock.sleeper.sleep(delay).then(() => this.attempt(answer, attempt + 1, totalRetryDelay + delay, retryCost));
      },
    );
  }

  /** The IAM grants and signature a request goes out with (one shared caller where there is neither, the common case). */
  static caller<Signed>(options: SimulatedClientOptions<Signed>, signed: () => Signed): Caller {
    const context = options.sign?.(signed());
    if (context === undefined) return options.allows ? { allows: options.allows } : ANYONE;
    return options.allows ? { context, allows: options.allows } : { context };
  }

  private async resolveAttempts(): Promise<number> {
    const { retryMode } = this.settings;
    const mode = typeof retryMode === 'string' ? retryMode : await retryMode();
    if (mode !== 'standard') throw new Error(`the simulated SDK clients reproduce the standard retry mode only, not ${mode}`);
    return (this.attemptsAllowed = await this.settings.maxAttempts());
  }

  /**
   * The SDK's error for a service's answer, as its deserializer and HTTP handler make it. Made without
   * a stack trace: the SDK makes its exceptions deep in its middleware, where the stack says nothing
   * either, and capturing one for each of thousands of simulated answers costs more than the answer.
   */
  private deserialize(answered: unknown): Error {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return this.errorFor(answered);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private errorFor(answered: unknown): Error {
    if (answered instanceof NoResponse)
      return Object.assign(
        new Error(`@smithy/node-http-handler - [ERROR] a request has exceeded the configured ${answered.timeoutMs} ms requestTimeout.`),
        { name: 'TimeoutError', code: 'ETIMEDOUT' },
      );
    if (!(answered instanceof ServiceErrorResponse)) return answered as Error;
    const $metadata: ResponseMetadata = { httpStatusCode: answered.httpStatusCode, requestId: answered.requestId };
    const Modelled = this.modelled(answered.errorName);
    if (Modelled) return new Modelled({ $metadata, message: answered.message });
    const $fault = answered.httpStatusCode < 500 ? 'client' : 'server';
    return new this.exceptions.base({ name: answered.errorName, $fault, $metadata, message: answered.message });
  }

  /** The SDK's class for the error of this name, if the service's model has one. */
  private modelled(name: string): ModelledException | undefined {
    const candidate = this.exceptions.exports[name];
    return typeof candidate === 'function' && candidate.prototype instanceof this.exceptions.base
      ? (candidate as ModelledException)
      : undefined;
  }
}
