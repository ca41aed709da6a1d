/**
 * Reads session records from the `Sessions` table with the AWS SDK. The key and TTL attribute
 * names are read from the table itself (DescribeTable, DescribeTimeToLive), not assumed.
 */
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { StackOutputs } from './outputs.ts';

export type SessionRecord = Record<string, AttributeValue>;

export interface SessionsTable {
  /** The TTL attribute name, or undefined when TTL is not enabled on the table. */
  ttlAttribute(): Promise<string | undefined>;
  get(connectionId: string): Promise<SessionRecord | undefined>;
  /** Polls until the record is gone; rejects at the deadline naming the connection. */
  waitUntilGone(connectionId: string, timeoutMs: number): Promise<void>;
  /** Polls until the record exists (writes are not instant on every stack). */
  waitUntilPresent(connectionId: string, timeoutMs: number): Promise<SessionRecord>;
  /** Connection IDs of the records whose `attribute` is `identity`, through the index on it. */
  connectionsOf(attribute: string, identity: string): Promise<string[]>;
  /** Polls until a connection of `identity` not in `known` appears (indexes are eventually consistent). */
  waitForNewConnection(
    attribute: string,
    identity: string,
    known: readonly string[],
    timeoutMs: number,
  ): Promise<string>;
  /** Every connection ID in the table (a paginated Scan of the key only): what a new connection is told apart from. */
  connectionIds(): Promise<string[]>;
  destroy(): void;
}

const POLL_MS = 100;

export function openSessionsTable(outputs: StackOutputs): SessionsTable {
  const client = new DynamoDBClient({
    region: outputs.Region,
    // A local stack has its own endpoint and takes any credentials; on AWS the default chain applies.
    ...(outputs.DynamoDBEndpoint
      ? { endpoint: outputs.DynamoDBEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const table = outputs.Sessions;
  let description: Promise<TableDescription> | undefined;
  const describe = () =>
    (description ??= client.send(new DescribeTableCommand({ TableName: table })).then((described) => {
      if (!described.Table) throw new Error(`table ${table}: DescribeTable returned no table`);
      return described.Table;
    }));
  const partitionKey = async () => {
    const hash = (await describe()).KeySchema?.find((element) => element.KeyType === 'HASH')?.AttributeName;
    if (!hash) throw new Error(`table ${table}: DescribeTable shows no partition key`);
    return hash;
  };
  const connectionsOf = async (attribute: string, identity: string) => {
    const described = await describe();
    const index = described.GlobalSecondaryIndexes?.find((gsi) =>
      gsi.KeySchema?.some((k) => k.KeyType === 'HASH' && k.AttributeName === attribute),
    );
    if (!index?.IndexName)
      throw new Error(`table ${table}: no global secondary index has ${attribute} as its partition key`);
    const key = await partitionKey();
    const result = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: index.IndexName,
        KeyConditionExpression: '#a = :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': { S: identity } },
      }),
    );
    return (result.Items ?? []).map((item) => item[key]?.S).filter((id): id is string => id !== undefined);
  };
  const get = async (connectionId: string) => {
    const key = await partitionKey();
    const result = await client.send(
      new GetItemCommand({ TableName: table, Key: { [key]: { S: connectionId } }, ConsistentRead: true }),
    );
    return result.Item;
  };
  const poll = async (
    connectionId: string,
    timeoutMs: number,
    wanted: 'present' | 'gone',
  ): Promise<SessionRecord | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const item = await get(connectionId);
      if ((item !== undefined) === (wanted === 'present')) return item;
      if (Date.now() > deadline)
        throw new Error(
          `table ${table}: the session record of ${connectionId} is still ${wanted === 'gone' ? 'there' : 'missing'} after ${timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  return {
    ttlAttribute: async () => {
      const described = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
      const ttl = described.TimeToLiveDescription;
      return ttl?.TimeToLiveStatus === 'ENABLED' ? ttl.AttributeName : undefined;
    },
    get,
    waitUntilGone: async (connectionId, timeoutMs) => {
      await poll(connectionId, timeoutMs, 'gone');
    },
    waitUntilPresent: async (connectionId, timeoutMs) => (await poll(connectionId, timeoutMs, 'present'))!,
    connectionsOf,
    waitForNewConnection: async (attribute, identity, known, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fresh = (await connectionsOf(attribute, identity)).find((id) => !known.includes(id));
        if (fresh !== undefined) return fresh;
        if (Date.now() > deadline)
          throw new Error(
            `table ${table}: no new session record with ${attribute} = ${identity} after ${timeoutMs} ms`,
          );
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    connectionIds: async () => {
      const key = await partitionKey();
      const ids: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            ProjectionExpression: '#k',
            ExpressionAttributeNames: { '#k': key },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) if (item[key]?.S !== undefined) ids.push(item[key].S);
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return ids;
    },
    destroy: () => client.destroy(),
  };
}
