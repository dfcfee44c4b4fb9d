import {
  AwsClientOptions,
  createDynamoDbClient,
  DynamoDbSyncConfig,
  DynamoDbSyncState,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import {
  closeMotoAccount,
  createMotoOrganization,
  enforceMotoIam,
  MotoForTests,
  putMotoAlternateContact,
  RawAlternateContact,
  subscribeMotoQueue,
  useMotoServer,
} from '@contact-sync/adapters-aws/testing';
import { configClaimIdFor, configRunIdFor, CONTACT_OPERATIONS, SyncConfigInput, syncConfigOf } from '@contact-sync/domain';
import { DeployedStack, deployOnMoto, UnpackedCode, unpackFunctions } from './deployed-stack';

/** The alternate contacts: moto has no ContactInformation (it answers 404), so the end-to-end runs sync these three. */
export const ALTERNATES = ['BILLING', 'OPERATIONS', 'SECURITY'] as const;
export type Alternate = (typeof ALTERNATES)[number];

/**
 * How long one end-to-end test or its setup may take: far more than it needs alone (seconds), because
 * the machine may be busy with other work. A run that never settles fails sooner, on the event
 * source's cap on invocations.
 */
export const E2E_TIMEOUT_MS = 120_000;

/** A contact of `who` for `type`, in the API's shape. */
export const contactOf = (type: Alternate, who: string): RawAlternateContact => ({
  AlternateContactType: type,
  Name: `${who} ${type.toLowerCase()}`,
  Title: `${type.toLowerCase()} lead`,
  EmailAddress: `${who.toLowerCase().replace(/\W/g, '')}.${type.toLowerCase()}@example.com`,
  PhoneNumber: `+1 206 555 ${String(1000 + who.length * 7 + ALTERNATES.indexOf(type)).slice(-4)}`,
});

/** The personal data in contacts: none of it may appear in a log line or a notification. */
export const personalDataOf = (contacts: readonly RawAlternateContact[]): string[] =>
  contacts.flatMap((c) => [c.Name, c.EmailAddress, c.PhoneNumber]);

/** The stack deployed on moto for one test, and where to look. */
export interface E2eContext {
  /** moto, its clients acting as an administrator (IAM is enforced once the stack is deployed). */
  readonly moto: MotoForTests;
  readonly stack: DeployedStack;
  readonly tables: { readonly stateTable: string; readonly auditTable: string };
  /** The URL of an SQS queue subscribed to the notification topic, as an operator's subscription. */
  readonly subscriber: string;
  /** Stores the configuration again (version 2), with these fields changed. */
  reconfigure(overrides: Partial<SyncConfigInput>): Promise<void>;
}

/**
 * Registers the hooks of an end-to-end test file: a moto server and the functions unpacked once per
 * file; before each test, an empty moto, the stack deployed on it with `environment` on top of each
 * function's own and IAM enforced, the configuration stored and a subscriber to the notifications;
 * after each test, every function environment ended, and the test fails if moto refused any call
 * to a function's role (naming the function and the action). The returned context is filled in by
 * those hooks.
 */
export function useDeployedStack(environment: Readonly<Record<string, string>>): E2eContext {
  let code: UnpackedCode | undefined;
  const server = useMotoServer();
  const context = { moto: asAdministrator(server, () => context.stack?.administrator) } as {
    -readonly [K in keyof E2eContext]: E2eContext[K];
  };
  beforeAll(() => {
    code = unpackFunctions();
  });
  afterAll(() => code?.remove());
  beforeEach(async () => {
    const { moto } = context;
    await enforceMotoIam(server.endpoint, false);
    await server.reset();
    context.stack = await deployOnMoto(server, code as UnpackedCode, environment);
    const refs = context.stack.packaged.stack.refs;
    context.tables = { stateTable: refs['StateTable'] as string, auditTable: refs['AuditTable'] as string };
    await storeConfig(moto.clientOptions, context.tables.stateTable, {}, 0);
    context.reconfigure = (overrides) => storeConfig(moto.clientOptions, context.tables.stateTable, overrides, 1);
    context.subscriber = await subscribeMotoQueue(moto.clientOptions, refs['NotificationTopic'] as string, 'operators');
  }, E2E_TIMEOUT_MS);
  afterEach(async () => {
    await context.stack?.stop();
    // Outside the stop, so that the functions are stopped even when this fails the test.
    expect({ refusedToRoles: context.stack?.front.summary() ?? [] }).toEqual({ refusedToRoles: [] });
  });
  return context;
}

/** The test file's moto server, whose clients act as the stack's administrator once it is deployed. */
function asAdministrator(server: MotoForTests, administrator: () => AwsClientOptions | undefined): MotoForTests {
  const options = () => administrator() ?? server.clientOptions;
  return {
    get endpoint() {
      return server.endpoint;
    },
    get pid() {
      return server.pid;
    },
    get clientOptions() {
      return options();
    },
    get environment() {
      const credentials = options().credentials;
      return credentials
        ? { ...server.environment, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey }
        : server.environment;
    },
    reset: () => server.reset(),
    stop: () => server.stop(),
    client: (make) => server.client(() => make(options())),
  };
}

/**
 * The configuration an operator stores before the service runs: the alternate contacts, dry run
 * off, and the pacing lifted, because moto enforces no quota and a run should take seconds here.
 */
async function storeConfig(
  options: AwsClientOptions,
  stateTable: string,
  overrides: Partial<SyncConfigInput>,
  version: number,
): Promise<void> {
  const rates = Object.fromEntries(CONTACT_OPERATIONS.map((operation) => [operation, { ratePerSecond: 1000, burst: 1000 }]));
  const doc = createDynamoDbClient(options);
  try {
    const stored = await new DynamoDbSyncConfig(doc, stateTable).save(
      syncConfigOf({ kinds: [...ALTERNATES], dryRun: false, rates, ...overrides }),
      version,
    );
    // Claimed as `config set` claims the versions it stores, with no run recorded: these tests start
    // their runs themselves, and the sweeper would otherwise bring the unclaimed version in line.
    await new DynamoDbSyncState(doc, stateTable, new SystemClock(), new TimerSleeper()).claimEvent(
      configClaimIdFor(stored),
      configRunIdFor(stored),
    );
  } finally {
    doc.destroy();
  }
}

/** An organization in moto: the management account, the ACTIVE members and the SUSPENDED ones, by id. */
export interface SeededOrganization {
  readonly management: string;
  readonly active: readonly string[];
  readonly suspended: readonly string[];
}

/**
 * Creates an organization of `active` + `suspended` members (the last ones closed), and stores the
 * management account's contacts and each member's (by its index among all members).
 */
export async function seedOrganization(
  options: AwsClientOptions,
  spec: {
    readonly active: number;
    readonly suspended?: number;
    readonly management: readonly RawAlternateContact[];
    readonly members?: (index: number) => readonly RawAlternateContact[];
  },
): Promise<SeededOrganization> {
  const org = await createMotoOrganization(options, spec.active + (spec.suspended ?? 0));
  const ids = org.members.map((m) => m.id);
  const suspended = ids.slice(spec.active);
  await Promise.all(suspended.map((id) => closeMotoAccount(options, id)));
  const seeds = [
    ...spec.management.map((c) => [c, undefined] as const),
    ...ids.flatMap((id, i) => (spec.members?.(i) ?? []).map((c) => [c, id] as const)),
  ];
  await Promise.all(seeds.map(([contact, id]) => putMotoAlternateContact(options, contact, id)));
  return { management: org.management.id, active: ids.slice(0, spec.active), suspended };
}
