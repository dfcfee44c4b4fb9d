/**
 * An error answer of a simulated service, as it goes on the wire: the AWS error name, the HTTP
 * status and the request id. The simulated SDK clients turn it into the SDK's own exception class,
 * as the SDK's deserializers turn an error response into one.
 */
export class ServiceErrorResponse {
  // Not an Error: a response, never seen by the code under test, and thousands a run (no stack trace to capture).
  constructor(
    /** The AWS error code (`TooManyRequestsException`). */
    readonly errorName: string,
    readonly message: string,
    readonly httpStatusCode: number,
    readonly requestId: string,
  ) {}
}

/**
 * No answer reached the caller before its client's request timeout (the response was lost, or
 * comes too late): the simulated SDK clients turn it into the SDK's TimeoutError. The request may
 * still have taken effect.
 */
export class NoResponse {
  constructor(readonly timeoutMs: number) {}
}

/** Who sends a request, as the service knows it. */
export interface Caller {
  /** Handed back, the same object, to observers of the write the request makes (see `SimulatedAccountService.observeWrites`). */
  readonly context?: RequestContext;
  /**
   * The caller's grants, as IAM evaluates them before the service sees the request: an action it
   * refuses (`account:PutAlternateContact`, `organizations:ListParents`) is answered
   * AccessDeniedException. Everything is allowed when absent.
   */
  readonly allows?: (action: string) => boolean;
}

/** Who sent a request, as the service (and CloudTrail) knows it; handed back, the same object, to observers of the write it made. */
export interface RequestContext {
  /** The caller's identity (a role session name). */
  readonly caller: string;
}

/** A service's request ids, one sequence for errors and one for answers, so that adding one kind never renumbers the other. */
export class RequestIds {
  private errors = 0;
  private answers = 0;

  constructor(
    private readonly prefix: string,
    /** How a sequence number is written in an id. */
    private readonly format: (n: number) => string = String,
  ) {}

  /** The id of the next error answer. */
  nextError(): string {
    this.errors += 1;
    return `${this.prefix}-${this.format(this.errors)}`;
  }

  /** The id of the next successful answer. */
  nextAnswer(): string {
    this.answers += 1;
    return `${this.prefix}-ok-${this.format(this.answers)}`;
  }
}
