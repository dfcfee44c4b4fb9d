import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
  PutContactInformationCommand,
} from '@aws-sdk/client-account';
import { ContactKind, contactKindSpec } from '@contact-sync/domain';
import {
  OrganizationModel,
  SeededRandom,
  SimulatedAccountClient,
  SimulatedAccountService,
  StoredContact,
  VirtualTime,
} from '@contact-sync/simulated-aws';
import { generateAccounts, OrganizationSpec, randomContact, seedContacts } from '@contact-sync/simulated-aws';
import { DEFAULT_MAX_ATTEMPTS, RETRY_MODES } from '@smithy/core/retry';

/**
 * What a naive script achieved: its simulated time, the Account Management calls it made, the throttled
 * answers it got (retried or not), and the account-kinds it gave up on once the SDK's retries were spent.
 */
export interface BaselineResult {
  /** Parallel requests in flight: 1 is the sequential loop. */
  readonly concurrency: number;
  readonly simulatedSeconds: number;
  readonly calls: number;
  readonly throttled: number;
  readonly failedByThrottling: number;
  readonly failed: number;
}

/** An SDK client as a script makes it: the SDK's default retries (stated, so that nothing is read from the machine mid-run). */
const SCRIPT_CLIENT = {
  region: 'us-east-1',
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  retryMode: RETRY_MODES.STANDARD,
  credentials: { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' },
};

/**
 * What the public scripts do: one account at a time, get then put for each kind, with the SDK's
 * default (standard) retries and no pacing of its own.
 */
export function runNaiveBaseline(spec: OrganizationSpec, seed: number, kinds: readonly ContactKind[]): Promise<BaselineResult> {
  return runNaiveScript(spec, seed, kinds, 1);
}

/**
 * What a platform engineer writes when the loop is too slow: the same get-then-put per account, by
 * `concurrency` workers at once (a thread pool, or `Promise.all` over a shared cursor) sharing one SDK
 * client, as a script shares it, with the SDK's standard retries and no pacing. An account-kind whose
 * call still fails after the retries is given up on and counted, as such a script logs it and moves on.
 * With `concurrency` 1 it is the sequential loop, call for call.
 */
export async function runNaiveScript(
  spec: OrganizationSpec,
  seed: number,
  kinds: readonly ContactKind[],
  concurrency: number,
): Promise<BaselineResult> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a whole number of at least 1');
  const random = new SeededRandom(seed);
  const accounts = generateAccounts(spec, random);
  const time = new VirtualTime();
  const model = new OrganizationModel(accounts);
  const service = new SimulatedAccountService(model, time, random);
  seedContacts(model, spec, random, time.now());
  const desired = new Map(kinds.map((kind) => [kind, randomContact(kind, random, '.new')] as const));
  for (const [kind, value] of desired) model.write(model.managementAccountId, kind, value, time.now());
  let failed = 0;
  let failedByThrottling = 0;
  // The SDK's client, whose retries (the SDK's own decisions, its retry quota included) wait on the simulation's clock.
  const client: AccountClient = new SimulatedAccountClient(service, SCRIPT_CLIENT, { retryClock: { sleeper: time, random } });
  const members = accounts.filter((account) => !account.isManagement && account.state === 'ACTIVE');

  /** One member's kinds, one after another, as the loop's body does them. */
  const syncMember = async (accountId: string): Promise<void> => {
    for (const [kind, value] of desired) {
      try {
        const current = await get(client, kind, accountId).catch((error: Error) => {
          if (error.name === 'ResourceNotFoundException') return undefined;
          throw error;
        });
        if (JSON.stringify(current) !== JSON.stringify(value)) await put(client, kind, value, accountId);
      } catch (error) {
        failed += 1;
        if ((error as Error).name === 'TooManyRequestsException') failedByThrottling += 1;
      }
    }
  };

  let next = 0;
  /** A worker takes the next member until none is left: the pool's shared cursor. */
  const worker = async (): Promise<void> => {
    for (let member = members[next++]; member; member = members[next++]) await syncMember(member.id);
  };

  const start = time.now();
  await time.run(() => Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, members.length)) }, worker)));
  return {
    concurrency,
    simulatedSeconds: (time.now() - start) / 1000,
    calls: Object.values(service.calls).reduce((a, b) => a + b, 0),
    throttled: service.throttled,
    failedByThrottling,
    failed,
  };
}

/** The call that reads `kind`, as the table of kinds names it. */
async function get(client: AccountClient, kind: ContactKind, accountId: string): Promise<unknown> {
  const { read, alternateContactType } = contactKindSpec(kind);
  if (read === 'GetContactInformation')
    return (await client.send(new GetContactInformationCommand({ AccountId: accountId }))).ContactInformation;
  return (await client.send(new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: alternateContactType })))
    .AlternateContact;
}

/** The call that sets `kind`, as the table of kinds names it. */
async function put(client: AccountClient, kind: ContactKind, value: StoredContact, accountId: string): Promise<unknown> {
  const { write, alternateContactType } = contactKindSpec(kind);
  if (write === 'PutContactInformation')
    return client.send(new PutContactInformationCommand({ AccountId: accountId, ContactInformation: value as never }));
  const { Name, Title, EmailAddress, PhoneNumber } = value as Record<string, string>;
  return client.send(
    new PutAlternateContactCommand({
      AccountId: accountId,
      AlternateContactType: alternateContactType,
      Name,
      Title,
      EmailAddress,
      PhoneNumber,
    }),
  );
}
