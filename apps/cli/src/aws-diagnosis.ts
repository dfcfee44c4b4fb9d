import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the CLI was pointed, for saying what to check. Names of profiles and Regions only: no personal data. */
export interface AwsContext {
  readonly profile?: string;
  readonly region?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The underlying cause of an AWS failure, in one line, with what to do. */
export interface Diagnosis {
  readonly code: string;
  readonly message: string;
}

interface Shaped {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly hostname?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'TimeoutError']);

/**
 * Looks through an error and its causes (the adapters wrap the SDK's errors, the domain wraps the
 * adapters') for a cause an operator can act on: no network, an unknown profile, no or expired
 * credentials, a Region that does not exist. Messages are built here from names and codes; the
 * SDK's own text is never shown, since a service's message may quote a request's values.
 */
export function diagnoseAwsFailure(error: unknown, context: AwsContext): Diagnosis | undefined {
  for (const cause of causesOf(error)) {
    const name = typeof cause.name === 'string' ? cause.name : '';
    const code = typeof cause.code === 'string' ? cause.code : '';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return unresolved(cause, context);
    if (NO_CONNECTION.has(code) || NO_CONNECTION.has(name)) {
      return { code: 'AWS_UNREACHABLE', message: `cannot connect to AWS (${code || name}): check the network connection and any proxy` };
    }
    if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return noCredentials(cause, context);
    if (EXPIRED.has(name)) return expired(context);
    if (REJECTED.has(name)) {
      return {
        code: 'AWS_CREDENTIALS_REJECTED',
        message: `AWS refused the credentials (${name}): they are not valid, or this machine's clock is wrong; sign in again${profileHint(context)}`,
      };
    }
    if (typeof cause.message === 'string' && cause.message.startsWith('Region not accepted')) return badRegion(context);
  }
  return undefined;
}

function* causesOf(error: unknown): Generator<Shaped> {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as Shaped;
    current = (current as Shaped).cause;
  }
}

function unresolved(cause: Shaped, context: AwsContext): Diagnosis {
  const host = typeof cause.hostname === 'string' ? cause.hostname : 'the AWS endpoint';
  const region = context.region ?? 'us-east-1';
  return {
    code: 'AWS_UNREACHABLE',
    message: `cannot resolve ${host} (DNS lookup failed): check the network connection, and that ${region} (--region or AWS_REGION) is the Region of the stack's tables`,
  };
}

function noCredentials(cause: Shaped, context: AwsContext): Diagnosis {
  const profile = context.profile ?? context.env['AWS_PROFILE'];
  const source = context.profile !== undefined ? '--profile' : 'AWS_PROFILE';
  if (profile !== undefined && !profileExists(profile, context.env)) {
    return {
      code: 'AWS_PROFILE_NOT_FOUND',
      message: `the AWS profile "${profile}" (${source}) is in neither ${configFile(context.env)} nor ${credentialsFile(context.env)}: aws configure list-profiles lists the profiles there`,
    };
  }
  if (typeof cause.message === 'string' && /expired/i.test(cause.message)) return expired(context);
  if (profile !== undefined) {
    return {
      code: 'AWS_CREDENTIALS_MISSING',
      message: `the AWS profile "${profile}" (${source}) gave no credentials: sign in (aws sso login --profile ${profile}) or check its settings (aws configure list --profile ${profile})`,
    };
  }
  return {
    code: 'AWS_CREDENTIALS_MISSING',
    message: 'no AWS credentials found: sign in (aws sso login, or aws configure), then pass --profile NAME or set AWS_PROFILE',
  };
}

const expired = (context: AwsContext): Diagnosis => ({
  code: 'AWS_CREDENTIALS_EXPIRED',
  message: `the AWS session has expired: sign in again${profileHint(context)} and retry`,
});

function profileHint(context: AwsContext): string {
  const profile = context.profile ?? context.env['AWS_PROFILE'];
  return profile !== undefined ? ` (aws sso login --profile ${profile})` : ' (aws sso login)';
}

const badRegion = (context: AwsContext): Diagnosis => ({
  code: 'AWS_REGION_INVALID',
  message: `"${context.region ?? ''}" is not an AWS Region name: pass --region like us-east-1 (the stack's Region)`,
});

const configFile = (env: AwsContext['env']) => env['AWS_CONFIG_FILE'] ?? join(homedir(), '.aws', 'config');
const credentialsFile = (env: AwsContext['env']) => env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(homedir(), '.aws', 'credentials');

/** Whether a profile is defined in the shared config (`[profile NAME]`, `[default]`) or credentials (`[NAME]`) file. */
export function profileExists(profile: string, env: AwsContext['env']): boolean {
  const sections = (path: string) => {
    try {
      return [...readFileSync(path, 'utf8').matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)].map((m) => (m[1] as string).replace(/\s+/g, ' '));
    } catch {
      return [];
    }
  };
  const inConfig = sections(configFile(env)).some((s) => s === `profile ${profile}` || (profile === 'default' && s === 'default'));
  return inConfig || sections(credentialsFile(env)).includes(profile);
}

/** Region names as AWS forms them (us-east-1, us-gov-west-1, eusc-de-east-1). */
export const isRegionName = (region: string): boolean => /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(region);
