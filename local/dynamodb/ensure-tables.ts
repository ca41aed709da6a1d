import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDbCallError, type JsonCaller } from './raw-client.ts';
import type { CreateTableRequest } from './table-definition.ts';

interface TableDescription {
  TableStatus?: string;
  GlobalSecondaryIndexes?: Array<{ IndexStatus?: string }>;
}

const ACTIVE_DEADLINE_MS = 10_000;
const POLL_INTERVAL_MS = 5;

async function describe(caller: JsonCaller, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await caller.call<{ Table: TableDescription }>('DescribeTable', { TableName: tableName })).Table;
  } catch (error) {
    if (error instanceof DynamoDbCallError && error.errorType === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function isActive(table: TableDescription | undefined): boolean {
  return (
    table?.TableStatus === 'ACTIVE' &&
    (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
  );
}

/** Waits (bounded) until the table and its global indexes are ACTIVE. */
async function waitUntilActive(caller: JsonCaller, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_DEADLINE_MS;
  for (;;) {
    if (isActive(await describe(caller, tableName))) return;
    if (Date.now() > deadline)
      throw new Error(`DynamoDB service: table "${tableName}" is not ACTIVE after ${ACTIVE_DEADLINE_MS} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
}

/**
 * Creates each table that does not exist yet and waits until all are ACTIVE. Existing tables
 * (an on-disk store from an earlier run) are kept as they are, data included.
 */
export async function ensureTables(caller: JsonCaller, requests: CreateTableRequest[]): Promise<void> {
  for (const request of requests) {
    if ((await describe(caller, request.TableName)) === undefined) {
      try {
        await caller.call('CreateTable', request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`DynamoDB service: creating table "${request.TableName}" failed: ${message}`, { cause: error });
      }
    }
    await waitUntilActive(caller, request.TableName);
  }
}
