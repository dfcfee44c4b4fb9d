import {
  createAccountClient,
  createDynamoDbClient,
  createOrganizationsClient,
  createSecretsManagerClient,
  createSnsClient,
  createSqsClient,
} from './clients';

/** The options a client's HTTP handler was built with (the SDK resolves them lazily). */
async function handlerOptions(client: { config: { requestHandler: unknown } }): Promise<Record<string, unknown>> {
  const handler = client.config.requestHandler as { configProvider?: Promise<Record<string, unknown>> };
  const resolved = await handler.configProvider;
  if (!resolved) throw new Error('the client has no node HTTP handler');
  return resolved;
}

describe('AWS client factories', () => {
  const options = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };

  it.each([
    ['Account Management', () => createAccountClient(options)],
    ['Organizations', () => createOrganizationsClient(options)],
    ['DynamoDB', () => createDynamoDbClient(options)],
    ['SQS', () => createSqsClient(options)],
    ['SNS', () => createSnsClient(options)],
    ['Secrets Manager', () => createSecretsManagerClient(options)],
  ])('%s: every request has a connection and a request timeout, and a timed-out request throws', async (_name, make) => {
    const options = await handlerOptions(make() as never);
    expect(options).toMatchObject({ connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true });
  });

  it('leaves Account Management retries to the domain (one attempt per call), the others to the SDK', async () => {
    expect(await createAccountClient(options).config.maxAttempts()).toBe(1);
    expect(await createOrganizationsClient(options).config.maxAttempts()).toBe(3);
  });
});
