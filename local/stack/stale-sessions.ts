import type { DynamoDbService } from '../dynamodb/index.ts';
import type { LocalLog } from '../shared/log.ts';
import type { LocalTable } from '../template/index.ts';

/** What the local stack does at start with session records no connection can own any more. */
export const STALE_SESSIONS_MODES = ['remove', 'report'] as const;
export type StaleSessionsMode = (typeof STALE_SESSIONS_MODES)[number];

/**
 * A connection id as API Gateway (and the local gateway, `local/api/ids.ts`) writes it: 16 characters of base64
 * ending in `=`. Items whose key has another shape are not connection records and are never touched.
 */
const CONNECTION_ID = /^[A-Za-z0-9+/_-]{15}=$/;
const BATCH = 25; // BatchWriteItem's limit

type Key = Record<string, { S?: string; N?: string; B?: string }>;

/**
 * At start no connection exists yet (the gateway is not listening) and the data directory is locked to this process,
 * so every connection record in the sessions table belongs to a connection of an earlier run, which ended with that
 * run, cleanly or by a crash that skipped `$disconnect`. Such records would make clients look connected until their
 * TTL (24 h in the examples). Returns how many there were; `remove` deletes them.
 */
export async function settleStaleSessions(
  dynamodb: DynamoDbService,
  table: LocalTable,
  mode: StaleSessionsMode,
  log: LocalLog,
): Promise<number> {
  // The DynamoDB service validated the key schema when it created the table.
  const schema = table.keySchema as unknown as Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
  const keyNames = schema.map((element) => element.AttributeName);
  const partitionKey = schema.find((element) => element.KeyType === 'HASH')?.AttributeName ?? '';
  const stale = (await scanKeys(dynamodb, table.tableName, keyNames)).filter((key) =>
    CONNECTION_ID.test(key[partitionKey]?.S ?? ''),
  );
  if (stale.length === 0) return 0;
  if (mode === 'report') {
    log(
      `${stale.length} record(s) of connections from an earlier run remain in ${table.tableName} (staleSessions: 'report'); none of these connections exists`,
    );
    return stale.length;
  }
  for (let start = 0; start < stale.length; start += BATCH)
    await deleteAll(dynamodb, table.tableName, stale.slice(start, start + BATCH));
  log(
    `removed ${stale.length} record(s) of connections from an earlier run from ${table.tableName}; none of these connections exists`,
  );
  return stale.length;
}

async function scanKeys(dynamodb: DynamoDbService, tableName: string, keyNames: string[]): Promise<Key[]> {
  const names = Object.fromEntries(keyNames.map((name, index) => [`#k${index}`, name]));
  const keys: Key[] = [];
  let exclusiveStartKey: Key | undefined;
  do {
    const page = await call<{ Items?: Key[]; LastEvaluatedKey?: Key }>(dynamodb, 'Scan', {
      TableName: tableName,
      ConsistentRead: true,
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
    });
    keys.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey !== undefined);
  return keys;
}

async function deleteAll(dynamodb: DynamoDbService, tableName: string, keys: Key[]): Promise<void> {
  let requests: unknown[] = keys.map((key) => ({ DeleteRequest: { Key: key } }));
  while (requests.length > 0) {
    const result = await call<{ UnprocessedItems?: Record<string, unknown[]> }>(dynamodb, 'BatchWriteItem', {
      RequestItems: { [tableName]: requests },
    });
    requests = result.UnprocessedItems?.[tableName] ?? [];
  }
}

async function call<T>(dynamodb: DynamoDbService, operation: string, request: unknown): Promise<T> {
  const response = await dynamodb.send(operation, JSON.stringify(request));
  if (response.statusCode !== 200)
    throw new Error(
      `${operation} failed while clearing stale session records: ${response.statusCode} ${response.body}`,
    );
  return JSON.parse(response.body) as T;
}
