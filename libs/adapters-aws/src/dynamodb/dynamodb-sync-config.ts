import { GetCommand, PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_SYNC_CONFIG,
  DomainError,
  parseSyncConfig,
  SyncConfig,
  SyncConfigPort,
  toSyncConfigJson,
  ValidationError,
  VersionedSyncConfig,
} from '@contact-sync/domain';
import { isConditionFailed } from '../aws-error-translation';
import { storageCall } from './storage-call';

/** The key of the one configuration item in the state table. */
export const CONFIG_KEY = { pk: 'CONFIG', sk: 'CONFIG' } as const;

/**
 * The sync configuration as one item of the state table, validated by the domain on every load and
 * saved with optimistic locking on its `version`. Until one is saved, `initial` applies (version 0).
 */
export class DynamoDbSyncConfig implements SyncConfigPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly initial: SyncConfig = DEFAULT_SYNC_CONFIG,
  ) {}

  async load(): Promise<VersionedSyncConfig> {
    const response = await storageCall('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: CONFIG_KEY, ConsistentRead: true })),
    );
    if (!response.Item) return { config: this.initial, version: 0 };
    const version = response.Item['version'];
    const parsed = parseSyncConfig(response.Item['config']);
    const issues = parsed.ok ? [] : parsed.error.issues.map((issue) => ({ ...issue, field: `config.${issue.field}` }));
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      issues.push({ field: 'version', rule: 'must be a whole number of at least 1' });
    if (!parsed.ok || issues.length > 0)
      throw new ValidationError(`stored sync configuration (table ${this.tableName}, key CONFIG)`, issues);
    return { config: parsed.value, version: version as number };
  }

  async save(config: SyncConfig, expectedVersion: number): Promise<number> {
    const version = expectedVersion + 1;
    try {
      await storageCall('PutItem', () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...CONFIG_KEY, config: toSyncConfigJson(config), version },
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        ),
      );
    } catch (error) {
      if (isConditionFailed(error)) {
        throw new DomainError('CONFLICT', `the configuration changed since version ${expectedVersion} was loaded; load it again`, {
          cause: error,
        });
      }
      throw error;
    }
    return version;
  }
}
