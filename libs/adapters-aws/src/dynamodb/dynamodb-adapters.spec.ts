import {
  auditLogContract,
  eventLedgerContract,
  itemLedgerContract,
  kindHeadsContract,
  outcomeLedgerContract,
  runStoreContract,
  syncConfigContract,
} from '@contact-sync/port-contracts';
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
// One DynamoDbSyncState serves every role over the state table: each role's contract runs against it.
const syncState = async () => {
  const time = new ManualTime(Date.parse('2026-11-22T09:00:00.000Z'));
  return new DynamoDbSyncState(local.doc, await local.createTable(STATE_TABLE), time, time);
};
eventLedgerContract('DynamoDbSyncState on dynalite', syncState);
kindHeadsContract('DynamoDbSyncState on dynalite', syncState);
runStoreContract('DynamoDbSyncState on dynalite', syncState);
itemLedgerContract('DynamoDbSyncState on dynalite', syncState);
outcomeLedgerContract('DynamoDbSyncState on dynalite', syncState);
// Each generated trail gets a table of its own: fewer of them than in memory, for the time tables take.
auditLogContract(
  'DynamoDbAuditLog on dynalite',
  async (clock) => new DynamoDbAuditLog(local.doc, await local.createTable(AUDIT_TABLE), clock),
  { pagingRuns: 40 },
);
