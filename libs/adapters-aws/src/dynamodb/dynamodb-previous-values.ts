import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditExpiresAt, KeptPreviousValue, PreviousValueStorePort, SleeperPort } from '@contact-sync/domain';
import { StateTable } from './state-table';

/**
 * Previous values in the state table, beside their run's outcomes: `PREV#<accountId>#<kind>` under the
 * run's partition, sealed, expiring (TTL) with the audit 90 days after they were kept. They carry no
 * index key, so no index lists them.
 */
export class DynamoDbPreviousValues implements PreviousValueStorePort {
  private readonly table: StateTable;

  constructor(doc: DynamoDBDocumentClient, tableName: string, sleeper: SleeperPort) {
    this.table = new StateTable(doc, tableName, sleeper);
  }

  async keep(value: KeptPreviousValue): Promise<void> {
    await this.table.put({
      pk: `RUN#${value.runId}`,
      sk: `PREV#${value.accountId}#${value.kind}`,
      kept: value,
      expiresAt: auditExpiresAt(Date.parse(value.at)),
    });
  }

  async keptFor(runId: string): Promise<KeptPreviousValue[]> {
    return (await this.table.query(`RUN#${runId}`, 'PREV#')).map((item) => item['kept'] as KeptPreviousValue);
  }
}
