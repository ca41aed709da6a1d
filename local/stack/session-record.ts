import type { DynamoDbService } from '../dynamodb/index.ts';
import type { LocalTable } from '../template/index.ts';

/**
 * A connection's session record as the Sessions table holds it (DynamoDB JSON), read with GetItem on the partition
 * key, as a backend would; undefined when the stack has no Sessions table or the record is gone.
 */
export async function readSessionRecord(
  dynamodb: DynamoDbService,
  table: LocalTable | undefined,
  connectionId: string,
): Promise<unknown> {
  const partitionKey = table?.keySchema.find((key) => key['KeyType'] === 'HASH')?.['AttributeName'];
  if (table === undefined || typeof partitionKey !== 'string') return undefined;
  const response = await dynamodb.send(
    'GetItem',
    JSON.stringify({ TableName: table.tableName, Key: { [partitionKey]: { S: connectionId } }, ConsistentRead: true }),
  );
  if (response.statusCode !== 200)
    throw new Error(`GetItem on ${table.tableName}: ${response.statusCode} ${response.body}`);
  return (JSON.parse(response.body) as { Item?: unknown }).Item;
}
