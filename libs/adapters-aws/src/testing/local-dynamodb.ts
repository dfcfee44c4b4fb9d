import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressInfo } from 'node:net';
import { createTableInput, TableDefinition } from '../tables/table-definitions';
import { createDocumentClient } from '../clients';

// dynalite ships no types; this is the part of its API the tests use.
const dynalite = require('dynalite') as (options: Record<string, number>) => {
  listen(port: number, host: string, done: () => void): void;
  address(): AddressInfo;
  close(done: () => void): void;
};

/** A DynamoDB-compatible server (dynalite) in this process, on 127.0.0.1 and a free port. */
export interface LocalDynamoDb {
  readonly doc: DynamoDBDocumentClient;
  /** `http://127.0.0.1:<port>`, e.g. for AWS_ENDPOINT_URL_DYNAMODB. */
  readonly endpoint: string;
  /** Creates a table with a fresh name from a deployment definition and returns the name. */
  createTable(definition: TableDefinition): Promise<string>;
  stop(): Promise<void>;
}

let tableCount = 0;

export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    doc: createDocumentClient(client),
    endpoint,
    async createTable(definition) {
      tableCount += 1;
      const name = `contact-sync-test-${tableCount}`;
      await client.send(new CreateTableCommand(createTableInput(definition, name)));
      return name;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
