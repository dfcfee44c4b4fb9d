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

/** What the public scripts do: one account at a time, get then put, with the SDK's default (standard) retries. */
export interface BaselineResult {
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

export async function runNaiveBaseline(spec: OrganizationSpec, seed: number, kinds: readonly ContactKind[]): Promise<BaselineResult> {
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
  // The SDK's client, whose retries (the SDK's own decisions) wait on the simulation's clock.
  const client: AccountClient = new SimulatedAccountClient(service, SCRIPT_CLIENT, { retryClock: { sleeper: time, random } });

  const start = time.now();
  await time.run(async () => {
    for (const account of accounts) {
      if (account.isManagement || account.state !== 'ACTIVE') continue;
      for (const [kind, value] of desired) {
        try {
          const current = await get(client, kind, account.id).catch((error: Error) => {
            if (error.name === 'ResourceNotFoundException') return undefined;
            throw error;
          });
          if (JSON.stringify(current) !== JSON.stringify(value)) await put(client, kind, value, account.id);
        } catch (error) {
          failed += 1;
          if ((error as Error).name === 'TooManyRequestsException') failedByThrottling += 1;
        }
      }
    }
  });
  return {
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
