/** An error shaped like the AWS SDK's service exceptions: `name` is the AWS error code. */
export class SimulatedServiceError extends Error {
  readonly $metadata: { readonly requestId: string; readonly httpStatusCode: number };

  constructor(name: string, message: string, requestId: string, httpStatusCode: number) {
    super(message);
    this.name = name;
    this.$metadata = { requestId, httpStatusCode };
  }
}
