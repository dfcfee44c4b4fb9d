import type { CreateTableCommandInput, ScalarAttributeType } from '@aws-sdk/client-dynamodb';
import definitions from './table-definitions.json';

/**
 * The tables' CloudFormation properties. This JSON is the one source of truth: serverless.yml
 * includes it with `${file(...)}` and the tests create their tables from it.
 */
export type TableDefinition = (typeof definitions)['StateTable'] | (typeof definitions)['AuditTable'];
export const STATE_TABLE: TableDefinition = definitions.StateTable;
export const AUDIT_TABLE: TableDefinition = definitions.AuditTable;

/** The CreateTable request for a definition: the CloudFormation-only settings (TTL, PITR, SSE, deletion protection) are applied by the stack. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: definition.AttributeDefinitions.map((a) => ({
      AttributeName: a.AttributeName,
      AttributeType: a.AttributeType as ScalarAttributeType,
    })),
    KeySchema: definition.KeySchema.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType as 'HASH' | 'RANGE' })),
    GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType as 'HASH' | 'RANGE' })),
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
