import {
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import { AlternateContact, DEFAULT_RATE_SETTINGS, MemberAccount } from '@contact-sync/domain';
import { OrganizationModel, StoredContact } from './organization-model';
import { RequestContext } from './service-answers';
import {
  AccountServiceBehaviour,
  AppliedContactWrite,
  DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
  SIGV4_VALIDITY_MS,
  SimulatedAccountService,
} from './simulated-account-service';
import { SignedContactRequest, SimulatedAccountClient } from './simulated-account-client';
import { SeededRandom } from './seeded-random';
import { VirtualTime } from './virtual-time';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const MANAGEMENT = '100000000000';
const MEMBER = '100000000001';
const account = (id: string, isManagement: boolean): MemberAccount => ({
  id,
  name: id,
  state: 'ACTIVE',
  isManagement,
  joinedAt: new Date(START).toISOString(),
});
const OLD: StoredContact = {
  AlternateContactType: 'SECURITY',
  Name: 'Old',
  Title: 'CISO',
  EmailAddress: 'old@example.com',
  PhoneNumber: '+1 555 0100',
};
const NEW = AlternateContact.of({ ...OLD, Name: 'New', EmailAddress: 'new@example.com' });
/** Quotas far above what a test asks, so that nothing here is throttled. */
const UNLIMITED = Object.fromEntries(
  Object.keys(DEFAULT_RATE_SETTINGS).map((op) => [op, { ratePerSecond: 1000, burst: 1000 }]),
) as unknown as AccountServiceBehaviour['quotas'];

/** The settings of a client that leaves retries to its caller (as the deployed Account Management client does). */
const ONE_ATTEMPT = {
  region: 'us-east-1',
  maxAttempts: 1,
  retryMode: 'standard',
  credentials: { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' },
};

/** A client of `api`, signing each request with `sign` when given. */
function clientOf(api: SimulatedAccountService, time: VirtualTime, sign?: (request: SignedContactRequest) => RequestContext | undefined) {
  // Typed as the SDK's client, as the adapters hold it: the SDK's typings give each command's output.
  const client: AccountClient = new SimulatedAccountClient(api, ONE_ATTEMPT, {
    retryClock: { sleeper: time, random: new SeededRandom(3) },
    ...(sign ? { sign } : {}),
  });
  return {
    write: (value: AlternateContact, accountId: string) =>
      client.send(new PutAlternateContactCommand({ AccountId: accountId, ...value.props })),
    read: async (type: 'SECURITY', accountId: string) =>
      (await client.send(new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: type }))).AlternateContact,
    remove: (type: 'SECURITY', accountId: string) =>
      client.send(new DeleteAlternateContactCommand({ AccountId: accountId, AlternateContactType: type })),
  };
}

/** A member on OLD, the service as `behaviour` says, and every write it applies. */
function service(behaviour: Partial<AccountServiceBehaviour>, seed = 1) {
  const time = new VirtualTime(START);
  const model = new OrganizationModel([account(MANAGEMENT, true), account(MEMBER, false)]);
  model.write(MEMBER, 'SECURITY', OLD, START);
  const api = new SimulatedAccountService(model, time, new SeededRandom(seed), {
    ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
    quotas: UNLIMITED,
    ...behaviour,
  });
  const applied: AppliedContactWrite[] = [];
  api.observeWrites((w) => applied.push(w));
  return { time, model, api, applied };
}

describe('SimulatedAccountService: a request takes effect when it arrives, whatever becomes of its caller', () => {
  it('with calm timing, every write lands within the request latency and its caller hears back within the round trip', async () => {
    const { time, api, applied } = service({});
    const contacts = clientOf(api, time);
    await time.run(async () => {
      for (let i = 0; i < 50; i += 1) await contacts.write(NEW, MEMBER);
    });
    const [, maxRequest] = DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR.requestLatencyMs;
    expect(applied).toHaveLength(50);
    for (const w of applied) expect(w.at - w.sentAt).toBeLessThanOrEqual(maxRequest);
    expect(api.lostResponses).toBe(0);
  });

  it('with a latency tail, a write lands up to minutes after it was sent (past a 15 s fence), never after SigV4 would refuse it', async () => {
    const { time, model, api, applied } = service({ latencyTailRate: 1 });
    const contacts = clientOf(api, time);
    const answered: number[] = [];
    const failed: unknown[] = [];
    await time.run(async () => {
      await Promise.all(
        Array.from({ length: 40 }, async () => {
          await contacts.write(NEW, MEMBER).catch((error: unknown) => failed.push(error));
          answered.push(time.now());
        }),
      );
      // Past their callers' timeouts, the requests still on their way land.
      await time.sleep(SIGV4_VALIDITY_MS);
    });
    const delays = applied.map((w) => w.at - w.sentAt);
    expect(applied).toHaveLength(40);
    expect(Math.max(...delays)).toBeGreaterThan(60_000);
    expect(delays.filter((d) => d > 15_000).length).toBeGreaterThan(30);
    for (const d of delays) expect(d).toBeLessThan(SIGV4_VALIDITY_MS);
    // The caller gives up at its client's timeout (the SDK's TimeoutError) while its request goes on and lands later.
    const timeout = DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR.clientTimeoutMs;
    expect(failed.length).toBe(delays.filter((d) => d > timeout).length);
    for (const f of failed) expect(f).toMatchObject({ name: 'TimeoutError' });
    expect(Math.max(...answered)).toBeLessThanOrEqual(START + timeout);
    expect(api.landedAfterTimeout).toBe(delays.filter((d) => d > timeout).length);
    expect(model.settled(MEMBER, 'SECURITY')).toEqual(NEW.toJSON());
  });

  it('a read arriving before a late write lands sees the old value', async () => {
    const { time, api, applied } = service({ latencyTailRate: 1, latencyTailMs: 120_000 }, 4);
    const writer = clientOf(api, time);
    const reader = clientOf(new SimulatedAccountService(api.model, time, new SeededRandom(9), DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR), time);
    let readBeforeLanding: unknown;
    await time.run(async () => {
      const write = writer.write(NEW, MEMBER);
      await time.sleep(10_000);
      readBeforeLanding = await reader.read('SECURITY', MEMBER);
      await write.catch(() => undefined);
      await time.sleep(120_000);
    });
    expect(applied[0]?.at).toBeGreaterThan(START + 10_100);
    expect(readBeforeLanding).toEqual(OLD);
  });

  it("with lost responses, the caller sees the SDK's TimeoutError (no request id) although the write was made", async () => {
    const { time, model, api, applied } = service({ lostResponseRate: 1 });
    const contacts = clientOf(api, time);
    let failure: unknown;
    await time.run(async () => {
      failure = await contacts.write(NEW, MEMBER).catch((error: unknown) => error);
    });
    expect(failure).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 1, totalRetryDelay: 0 } });
    expect((failure as { $metadata: { requestId?: string } }).$metadata.requestId).toBeUndefined();
    expect(applied).toHaveLength(1);
    expect(model.settled(MEMBER, 'SECURITY')).toEqual(NEW.toJSON());
    expect(api.lostResponses).toBe(1);
    const [minWait] = DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR.lostResponseWaitMs;
    expect(time.now() - START).toBeGreaterThanOrEqual(minWait);
  });

  it("hands each applied write's observers the context its caller signed it with, when it was sent and when it landed", async () => {
    const { time, api, applied } = service({});
    const signed: RequestContext[] = [];
    const contacts = clientOf(api, time, ({ kind, accountId }) => {
      const context = { caller: `run-1 ${kind} ${accountId}` };
      signed.push(context);
      return context;
    });
    await time.run(async () => {
      await contacts.write(NEW, MEMBER);
      await contacts.remove('SECURITY', MEMBER);
    });
    expect(applied.map((w) => [w.context, w.accountId, w.kind, w.value])).toEqual([
      [signed[0], MEMBER, 'SECURITY', NEW.toJSON()],
      [signed[1], MEMBER, 'SECURITY', undefined],
    ]);
    expect(applied[0]?.context).toBe(signed[0]);
    expect(signed[0]?.caller).toBe(`run-1 SECURITY ${MEMBER}`);
    for (const w of applied) expect(w.at).toBeGreaterThan(w.sentAt);
  });
});
