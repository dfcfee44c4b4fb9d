import { AccountClient, AccountClientConfig } from '@aws-sdk/client-account';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient, OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_MAX_ATTEMPTS, RETRY_MODES } from '@smithy/core/retry';

/** Where clients connect: the standard credential chain, optionally a named profile and a region. */
export interface AwsClientOptions {
  readonly region?: string;
  readonly profile?: string;
  /** Another endpoint than AWS's, such as a local emulator (the SDK also reads `AWS_ENDPOINT_URL`). */
  readonly endpoint?: string;
  /** Fixed credentials instead of the standard chain, for an emulator. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Account Management and Organizations are global services answered in us-east-1. */
export const GLOBAL_SERVICES_REGION = 'us-east-1';

/**
 * How long any request may take: connecting, then the whole request and response. Every client has
 * them, so that no call waits forever on a connection that went quiet, and so that a write's attempt
 * has a known end: one that timed out is retried (by the domain for Account Management, by the SDK
 * for the rest), and the domain treats it as possibly landing until its signature expires.
 */
export const REQUEST_TIMEOUTS = Object.freeze({ connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true });

const config = (options: AwsClientOptions) => ({
  ...(options.region ? { region: options.region } : {}),
  ...(options.profile ? { profile: options.profile } : {}),
  ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
  requestHandler: { ...REQUEST_TIMEOUTS },
});

/**
 * The SDK's own defaults (standard mode, its default attempts), stated rather than left to the SDK to
 * look up in the environment and the shared config file: the stack decides its clients' retries, and
 * the simulation, whose clients are built from the same settings, must not read a file mid-run.
 */
const STATED_RETRIES = Object.freeze({ retryMode: RETRY_MODES.STANDARD, maxAttempts: DEFAULT_MAX_ATTEMPTS });

/**
 * The Account Management client's settings. `maxAttempts: 1`: the domain's adaptive retry policy owns
 * retries (with the shared rate limiter and circuit breaker); SDK retries on top would multiply
 * attempts, and each attempt of a write must pass the domain's guard just before it goes out. The
 * simulation's client is built from these settings too, so that it behaves as the deployed one does.
 */
export const accountClientConfig = (options: AwsClientOptions = {}): AccountClientConfig => ({
  ...config(options),
  region: GLOBAL_SERVICES_REGION,
  ...STATED_RETRIES,
  maxAttempts: 1,
});

/** The Account Management client (see {@link accountClientConfig}). */
export const createAccountClient = (options: AwsClientOptions = {}): AccountClient => new AccountClient(accountClientConfig(options));

/**
 * The Organizations client's settings: the SDK's standard retries (3 attempts): these calls are few.
 * The simulation's client is built from these settings too.
 */
export const organizationsClientConfig = (options: AwsClientOptions = {}): OrganizationsClientConfig => ({
  ...config(options),
  region: GLOBAL_SERVICES_REGION,
  ...STATED_RETRIES,
});

/** The Organizations client (see {@link organizationsClientConfig}). */
export const createOrganizationsClient = (options: AwsClientOptions = {}): OrganizationsClient =>
  new OrganizationsClient(organizationsClientConfig(options));

/** DynamoDB through the document client: undefined attributes are left out, classes are refused. */
export const createDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });

export const createDynamoDbClient = (options: AwsClientOptions = {}): DynamoDBDocumentClient =>
  createDocumentClient(new DynamoDBClient(config(options)));
export const createSqsClient = (options: AwsClientOptions = {}): SQSClient => new SQSClient(config(options));
export const createSnsClient = (options: AwsClientOptions = {}): SNSClient => new SNSClient(config(options));
export const createSecretsManagerClient = (options: AwsClientOptions = {}): SecretsManagerClient =>
  new SecretsManagerClient(config(options));

/** STS, for the caller's identity (the CLI's GetCallerIdentity); the Region's endpoint, as the SDK's default is. */
export const createStsClient = (options: AwsClientOptions = {}): STSClient => new STSClient(config(options));
