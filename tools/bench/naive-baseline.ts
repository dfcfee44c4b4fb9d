import { ContactKind, contactKindSpec } from '@contact-sync/domain';
import {
  OrganizationModel,
  SeededRandom,
  SimulatedAccountService,
  SimulatedServiceError,
  StoredContact,
  VirtualTime,
} from '@contact-sync/simulated-aws';
import { generateAccounts, OrganizationSpec, randomContact, seedContacts } from '@contact-sync/simulated-aws';

/** What the public scripts do: one account at a time, get then put, with the SDK's default (standard) retries. */
export interface BaselineResult {
  readonly simulatedSeconds: number;
  readonly calls: number;
  readonly throttled: number;
  readonly failedByThrottling: number;
  readonly failed: number;
}

const SDK_MAX_ATTEMPTS = 3;
const SDK_BASE_DELAY_MS = 100;
const SDK_MAX_DELAY_MS = 20_000;

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

  const withSdkRetries = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const retryable =
          error instanceof SimulatedServiceError && ['TooManyRequestsException', 'InternalServerException'].includes(error.name);
        if (!retryable || attempt >= SDK_MAX_ATTEMPTS) throw error;
        await time.sleep(random.next() * Math.min(SDK_MAX_DELAY_MS, SDK_BASE_DELAY_MS * 2 ** attempt));
      }
    }
  };

  const start = time.now();
  await time.run(async () => {
    for (const account of accounts) {
      if (account.isManagement || account.state !== 'ACTIVE') continue;
      for (const [kind, value] of desired) {
        try {
          const current = await withSdkRetries(() => get(service, kind, account.id)).catch((error: Error) => {
            if (error.name === 'ResourceNotFoundException') return undefined;
            throw error;
          });
          if (JSON.stringify(current) !== JSON.stringify(value)) await withSdkRetries(() => put(service, kind, value, account.id));
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
async function get(service: SimulatedAccountService, kind: ContactKind, accountId: string): Promise<StoredContact> {
  const { read, alternateContactType } = contactKindSpec(kind);
  if (read === 'GetContactInformation') return (await service.getContactInformation({ AccountId: accountId })).ContactInformation;
  return (await service.getAlternateContact({ AccountId: accountId, AlternateContactType: alternateContactType })).AlternateContact;
}

/** The call that sets `kind`, as the table of kinds names it. */
async function put(service: SimulatedAccountService, kind: ContactKind, value: StoredContact, accountId: string): Promise<unknown> {
  if (contactKindSpec(kind).write === 'PutContactInformation')
    return service.putContactInformation({ AccountId: accountId, ContactInformation: value });
  const { AlternateContactType, ...contact } = value;
  return service.putAlternateContact({ AccountId: accountId, AlternateContactType, AlternateContact: contact });
}
