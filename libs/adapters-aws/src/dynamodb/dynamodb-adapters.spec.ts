import { auditLogContract, syncConfigContract, syncStateContract } from '@contact-sync/port-contracts';
import { ManualTime } from '@contact-sync/domain/testing';
import { startLocalDynamoDb, LocalDynamoDb } from '../testing/local-dynamodb';
import { AUDIT_TABLE, STATE_TABLE } from '../tables/table-definitions';
import { DynamoDbAuditLog } from './dynamodb-audit-log';
import { DynamoDbSyncConfig } from './dynamodb-sync-config';
import { DynamoDbSyncState } from './dynamodb-sync-state';

let local: LocalDynamoDb;
beforeAll(async () => {
  local = await startLocalDynamoDb();
});
afterAll(async () => {
  await local.stop();
});

syncConfigContract('DynamoDbSyncConfig on dynalite', async () => new DynamoDbSyncConfig(local.doc, await local.createTable(STATE_TABLE)));
syncStateContract('DynamoDbSyncState on dynalite', async () => {
  const time = new ManualTime(Date.parse('2026-11-22T09:00:00.000Z'));
  return new DynamoDbSyncState(local.doc, await local.createTable(STATE_TABLE), time, time);
});
// Each generated trail gets a table of its own: fewer of them than in memory, for the time tables take.
auditLogContract(
  'DynamoDbAuditLog on dynalite',
  async (clock) => new DynamoDbAuditLog(local.doc, await local.createTable(AUDIT_TABLE), clock),
  { pagingRuns: 40 },
);
