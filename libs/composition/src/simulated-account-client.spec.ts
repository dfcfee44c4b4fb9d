import {
  AccessDeniedException,
  AccountClient,
  AccountServiceException,
  GetAlternateContactCommand,
  InternalServerException,
  ResourceNotFoundException,
  TooManyRequestsException,
  ValidationException,
} from '@aws-sdk/client-account';
import { AccountManagementContacts, translateAwsError } from '@contact-sync/adapters-aws';
import { AlternateContact, ContactApiError, ContactInformation, DEFAULT_RATE_SETTINGS, DEFAULT_SYNC_CONFIG } from '@contact-sync/domain';
import { accountId, AccountServiceBehaviour } from '@contact-sync/simulated-aws';
import { createSimulatedAws, retryClockOf, simulatedAccountClient, SimulatedAws } from './simulated-aws';

const MANAGEMENT = accountId(0);
const MEMBER = accountId(1);
const REFUSING = accountId(2);
const SECURITY = AlternateContact.of({
  AlternateContactType: 'SECURITY',
  Name: 'Ana',
  Title: 'CISO',
  EmailAddress: 'ana@example.com',
  PhoneNumber: '+1 555 0100',
});
const PRIMARY = ContactInformation.of({
  FullName: 'Ana',
  AddressLine1: '1 Main St',
  City: 'Springfield',
  PostalCode: '12345',
  StateOrRegion: 'IL',
  CountryCode: 'US',
  PhoneNumber: '+1 555 0100',
});
/** Quotas far above what a test asks. */
const UNLIMITED = Object.fromEntries(
  Object.keys(DEFAULT_RATE_SETTINGS).map((op) => [op, { ratePerSecond: 1000, burst: 1000 }]),
) as unknown as AccountServiceBehaviour['quotas'];

/** A management account and two members (the second refuses every call), on a service as `behaviour` says. */
function simulated(behaviour: Partial<AccountServiceBehaviour> = {}): SimulatedAws {
  const account = (id: string, isManagement = false) => ({
    id,
    name: id,
    state: 'ACTIVE' as const,
    isManagement,
    joinedAt: '2024-01-01T00:00:00.000Z',
  });
  return createSimulatedAws({
    accounts: [account(MANAGEMENT, true), account(MEMBER), account(REFUSING)],
    seed: 5,
    config: DEFAULT_SYNC_CONFIG,
    behaviour: { quotas: UNLIMITED, consistencyDelayMs: [0, 0], accessDeniedAccounts: new Set([REFUSING]), ...behaviour },
  });
}

/** The deployed adapter and the SDK client it sends through, on the simulated service. */
function deployed(sim: SimulatedAws, allows?: (action: string) => boolean) {
  // Typed as the SDK's client, as the adapter holds it.
  const client: AccountClient = simulatedAccountClient(sim.accountService, {
    retryClock: retryClockOf(sim),
    ...(allows ? { allows } : {}),
  });
  return { client, contacts: new AccountManagementContacts(client) };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('SimulatedAccountClient: the deployed contacts adapter on the simulated Account Management API', () => {
  it('serves every command the adapter sends: Get/Put/DeleteAlternateContact, Get/PutContactInformation', async () => {
    const sim = simulated();
    const { contacts } = deployed(sim);
    await sim.time.run(async () => {
      expect(await contacts.read('SECURITY', MEMBER)).toBeUndefined();
      await contacts.write(SECURITY, MEMBER);
      expect((await contacts.read('SECURITY', MEMBER))?.toJSON()).toEqual(SECURITY.toJSON());
      expect(await contacts.remove('SECURITY', MEMBER)).toBe('REMOVED');
      expect(await contacts.remove('SECURITY', MEMBER)).toBe('ABSENT');
      await contacts.write(PRIMARY);
      expect((await contacts.read('PRIMARY'))?.toJSON()).toEqual(PRIMARY.toJSON());
    });
    expect(sim.accountService.calls).toEqual({
      GetAlternateContact: 2,
      PutAlternateContact: 1,
      DeleteAlternateContact: 2,
      GetContactInformation: 1,
      PutContactInformation: 1,
    });
    expect(sim.model.settled(MANAGEMENT, 'PRIMARY')).toEqual(PRIMARY.toJSON());
  });

  it("answers with the SDK's output shape: the service's answer and $metadata (status 200, a request id, one attempt)", async () => {
    const sim = simulated();
    sim.model.write(MEMBER, 'SECURITY', SECURITY.toJSON() as never, sim.time.now());
    const { client } = deployed(sim);
    const output = await sim.time.run(() =>
      client.send(new GetAlternateContactCommand({ AccountId: MEMBER, AlternateContactType: 'SECURITY' })),
    );
    expect(output).toEqual({
      AlternateContact: SECURITY.toJSON(),
      $metadata: { httpStatusCode: 200, requestId: expect.stringMatching(/^sim-ok-/), attempts: 1, totalRetryDelay: 0 },
    });
  });

  const read = (sim: SimulatedAws, accountId: string, client = deployed(sim).client) =>
    sim.time.run(() => failureOf(client.send(new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: 'SECURITY' }))));

  it.each<
    [string, Partial<AccountServiceBehaviour>, string, abstract new (...args: never[]) => Error, 'client' | 'server', number, string]
  >([
    ['an unset contact', {}, MEMBER, ResourceNotFoundException, 'client', 404, 'NOT_FOUND'],
    ['a member that refuses the caller', {}, REFUSING, AccessDeniedException, 'client', 403, 'ACCESS_DENIED'],
    ['the management account named by its own id', {}, MANAGEMENT, ValidationException, 'client', 400, 'INVALID'],
    ['a call over the quota', { spuriousThrottleRate: 1 }, MEMBER, TooManyRequestsException, 'client', 429, 'THROTTLED'],
    ['a fault of the service', { transientErrorRate: 1 }, MEMBER, InternalServerException, 'server', 500, 'TRANSIENT'],
  ])(
    '%s: the SDK exception class, with $fault and $metadata, which the one AWS error translator reads',
    async (_, behaviour, target, Class, fault, status, code) => {
      const sim = simulated(behaviour);
      const error = await read(sim, target);
      expect(error).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(AccountServiceException);
      expect(error).toMatchObject({
        name: Class.name,
        $fault: fault,
        $metadata: { httpStatusCode: status, requestId: expect.stringMatching(/^sim-[0-9a-f]{8}$/), attempts: 1, totalRetryDelay: 0 },
      });
      expect(translateAwsError(error)).toMatchObject({
        code,
        requestId: (error as { $metadata: { requestId: string } }).$metadata.requestId,
      });
    },
  );

  it("an error the model does not list (503 in an outage) is the service's base exception, named after it, as the SDK raises it", async () => {
    const sim = simulated({ outages: [[0, Number.MAX_SAFE_INTEGER]] });
    const error = await read(sim, MEMBER);
    expect(error).toBeInstanceOf(AccountServiceException);
    expect(error).toMatchObject({ name: 'ServiceUnavailableException', $fault: 'server', $metadata: { httpStatusCode: 503 } });
    expect(translateAwsError(error).code).toBe('TRANSIENT');
  });

  it("no response: the SDK's TimeoutError, with no request id; the adapter reports TRANSIENT and the write was made", async () => {
    const sim = simulated({ lostResponseRate: 1 });
    const { contacts } = deployed(sim);
    const failure = await sim.time.run(() => failureOf(contacts.write(SECURITY, MEMBER)));
    expect(failure).toBeInstanceOf(ContactApiError);
    expect(failure).toMatchObject({ code: 'TRANSIENT', requestId: undefined, cause: { name: 'TimeoutError', code: 'ETIMEDOUT' } });
    expect(sim.model.settled(MEMBER, 'SECURITY')).toEqual(SECURITY.toJSON());
  });

  it('makes one attempt, as the deployed client is configured to: the domain owns retries', async () => {
    const sim = simulated({ spuriousThrottleRate: 1 });
    expect(await read(sim, MEMBER)).toMatchObject({ $metadata: { attempts: 1 } });
    expect(sim.accountService.calls.GetAlternateContact).toBe(1);
  });

  it('refuses, as IAM does, an action the caller is not granted: AccessDeniedException, and the service does nothing', async () => {
    const sim = simulated();
    const { contacts } = deployed(sim, (action) => action === 'account:GetAlternateContact');
    await sim.time.run(async () => {
      expect(await contacts.read('SECURITY', MEMBER)).toBeUndefined();
      await expect(contacts.write(SECURITY, MEMBER)).rejects.toMatchObject({
        code: 'ACCESS_DENIED',
        operation: 'PutAlternateContact',
        cause: { name: 'AccessDeniedException', message: expect.stringContaining('account:PutAlternateContact') },
      });
    });
    expect(sim.model.settled(MEMBER, 'SECURITY')).toBeUndefined();
  });

  it('refuses a command the simulated service does not serve, naming it', async () => {
    const { client } = deployed(simulated());
    class ListRegionsCommand {
      readonly input = {};
    }
    await expect(client.send(new ListRegionsCommand() as never)).rejects.toThrow('does not serve ListRegionsCommand');
  });
});
