import {
  AccountManagementContacts,
  AwsClientOptions,
  createAccountClient,
  createDynamoDbClient,
  createOrganizationsClient,
  createSnsClient,
  createSqsClient,
  CryptoRandom,
  DynamoDbAuditLog,
  DynamoDbPreviousValues,
  DynamoDbSyncConfig,
  DynamoDbSyncState,
  AwsOrganization,
  SnsNotifier,
  SqsFailedEvents,
  SqsWorkQueue,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import { CipherPort, KeyedHashPort, SyncConfig } from '@contact-sync/domain';
import { ContainerModule } from 'inversify';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bindResolved, Token, TOKENS } from './tokens';

/** The settings an adapter needs, and that may be absent. */
export type AwsSetting = 'stateTable' | 'auditTable' | 'failedEventsQueueUrl' | 'keyedHash' | 'cipher';

/** Where the AWS adapters find the stack's resources. */
export interface AwsAdapterSettings {
  readonly clients?: AwsClientOptions;
  readonly stateTable?: string;
  readonly auditTable?: string;
  readonly failedEventsQueueUrl?: string;
  /** The stack's EventBridge dead-letter queue: when given, failed events are read from it too (after the failure queue). */
  readonly eventsDeadLetterQueueUrl?: string;
  /** The stack's work queue; when absent, the root binds another. */
  readonly workQueueUrl?: string;
  /** The stack's notification topic; when absent, the root binds another notifier. */
  readonly topicArn?: string;
  /** The configuration that applies until one is stored. */
  readonly initialConfig?: SyncConfig;
  /** The fingerprint key's keyed hash, read from its secret by the root. */
  readonly keyedHash?: KeyedHashPort;
  /** The previous values' cipher on the undo key, read from its secret by the root (only where values are written or restored). */
  readonly cipher?: CipherPort;
  /** The error for a setting an adapter needs and is not given: thrown when the adapter is first built, so it fails only the work that needs it. */
  readonly missing: (setting: AwsSetting) => Error;
}

const DOCUMENT_CLIENT = Symbol.for('contact-sync.DynamoDBDocumentClient') as Token<DynamoDBDocumentClient>;
/** One Organizations adapter for both organization ports: it asks for the management account and the root once. */
const AWS_ORGANIZATION = Symbol.for('contact-sync.AwsOrganization') as Token<AwsOrganization>;
/** One sync state adapter for every role port: the roles share the state table (and one client). */
const SYNC_STATE = Symbol.for('contact-sync.DynamoDbSyncState') as Token<DynamoDbSyncState>;

/** The ports on AWS: the system clock, the management account's APIs, the stack's tables, queues and topic. */
export const awsAdaptersModule = (s: AwsAdapterSettings): ContainerModule =>
  new ContainerModule(({ bind }) => {
    const clients = s.clients ?? {};
    const need = <K extends AwsSetting>(setting: K): NonNullable<AwsAdapterSettings[K]> => {
      const value = s[setting];
      if (!value) throw s.missing(setting);
      return value as NonNullable<AwsAdapterSettings[K]>;
    };
    const { Clock, Sleeper } = TOKENS;
    bind(Clock).toConstantValue(new SystemClock());
    bind(Sleeper).toConstantValue(new TimerSleeper());
    bind(TOKENS.Random).toConstantValue(new CryptoRandom());
    bind(DOCUMENT_CLIENT).toResolvedValue(() => createDynamoDbClient(clients));
    bind(TOKENS.Contacts).toResolvedValue(() => new AccountManagementContacts(createAccountClient(clients)));
    bind(AWS_ORGANIZATION).toResolvedValue(() => new AwsOrganization(createOrganizationsClient(clients)));
    bindResolved(bind, TOKENS.Organization, (organization) => organization, [AWS_ORGANIZATION]);
    bindResolved(bind, TOKENS.OrganizationStructure, (organization) => organization, [AWS_ORGANIZATION]);
    bindResolved(bind, TOKENS.SyncConfig, (doc) => new DynamoDbSyncConfig(doc, need('stateTable'), s.initialConfig), [DOCUMENT_CLIENT]);
    bindResolved(bind, SYNC_STATE, (doc, clock, sleeper) => new DynamoDbSyncState(doc, need('stateTable'), clock, sleeper), [
      DOCUMENT_CLIENT,
      Clock,
      Sleeper,
    ]);
    bindResolved(bind, TOKENS.EventLedger, (state) => state, [SYNC_STATE]);
    bindResolved(bind, TOKENS.KindHeads, (state) => state, [SYNC_STATE]);
    bindResolved(bind, TOKENS.RunStore, (state) => state, [SYNC_STATE]);
    bindResolved(bind, TOKENS.ItemLedger, (state) => state, [SYNC_STATE]);
    bindResolved(bind, TOKENS.OutcomeLedger, (state) => state, [SYNC_STATE]);
    bindResolved(bind, TOKENS.AuditLog, (doc, clock) => new DynamoDbAuditLog(doc, need('auditTable'), clock), [DOCUMENT_CLIENT, Clock]);
    bind(TOKENS.FailedEvents).toResolvedValue(
      () => new SqsFailedEvents(createSqsClient(clients), need('failedEventsQueueUrl'), s.eventsDeadLetterQueueUrl),
    );
    bind(TOKENS.KeyedHash).toResolvedValue(() => need('keyedHash'));
    bind(TOKENS.Cipher).toResolvedValue(() => need('cipher'));
    bindResolved(bind, TOKENS.PreviousValueStore, (doc, sleeper) => new DynamoDbPreviousValues(doc, need('stateTable'), sleeper), [
      DOCUMENT_CLIENT,
      Sleeper,
    ]);
    const { workQueueUrl, topicArn } = s;
    if (workQueueUrl)
      bindResolved(bind, TOKENS.WorkQueue, (sleeper) => new SqsWorkQueue(createSqsClient(clients), workQueueUrl, sleeper), [Sleeper]);
    if (topicArn) bind(TOKENS.Notifier).toResolvedValue(() => new SnsNotifier(createSnsClient(clients), topicArn));
  });
