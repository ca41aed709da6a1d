/**
 * Talking to connections from a handler: post to one, broadcast to every recorded one, and remove the session record
 * of any connection that is gone (`@connections` answers 410 GoneException), so a connection that vanished without
 * `$disconnect` stops costing a post. For functions whose config grants
 * `access: { sessions: ['read', 'write'], connections: ['post'] }`: the generator then sets `SESSIONS_TABLE`,
 * `PARTITION_KEY` and `CONNECTIONS_ENDPOINT`, and the function's role allows exactly these calls.
 */
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

/** The table of session records and the stage's `@connections` API. */
export interface ConnectionStore {
  dynamodb: DynamoDBClient;
  connections: ApiGatewayManagementApiClient;
  table: string;
  partitionKey: string;
}

/** What a broadcast did; `failed` lists connections whose post failed for another reason than 410 (throttled, say). */
export interface BroadcastReport {
  delivered: number;
  removedStale: number;
  failed: Array<{ connectionId: string; error: string }>;
}

/** Posts at once at most: one handler does not flood `@connections` with thousands of requests in one turn. */
const POSTS_IN_FLIGHT = 16;

/** Build once per container, from the generated environment; a missing variable names the `access` that sets it. */
export function connectionStoreFromEnvironment(
  environment: Record<string, string | undefined> = process.env,
): ConnectionStore {
  const required = (name: string, grant: string): string => {
    const value = environment[name];
    if (value === undefined || value === '')
      throw new Error(
        `${name} is not set: deploy the function from the generated template with ${grant} in its access`,
      );
    return value;
  };
  return {
    dynamodb: new DynamoDBClient({}),
    connections: connectionsClient(environment, () => required('CONNECTIONS_ENDPOINT', "connections: ['post']")),
    table: required('SESSIONS_TABLE', "sessions: ['read', 'write']"),
    partitionKey: required('PARTITION_KEY', "sessions: ['read', 'write']"),
  };
}

/** The `@connections` client; the SDK's own endpoint override (AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI, as the local stack sets) wins. */
export function connectionsClient(
  environment: Record<string, string | undefined>,
  endpoint: () => string,
): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient(
    environment['AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI'] ? {} : { endpoint: endpoint() },
  );
}

/** What goes over the socket: a string or bytes as they are, anything else as JSON. */
export function payloadOf(data: unknown): string | Uint8Array {
  return typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data);
}

/**
 * Posts `data` to one connection. `gone` (410): the connection no longer exists and its session record was deleted.
 * Any other error is thrown as the SDK gave it.
 */
export async function postToConnection(
  store: ConnectionStore,
  connectionId: string,
  data: unknown,
): Promise<'delivered' | 'gone'> {
  try {
    await store.connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: payloadOf(data) }));
    return 'delivered';
  } catch (error) {
    if (!(error instanceof GoneException)) throw error;
    await store.dynamodb.send(
      new DeleteItemCommand({ TableName: store.table, Key: { [store.partitionKey]: { S: connectionId } } }),
    );
    return 'gone';
  }
}

/**
 * Posts `data` to every connection with a session record (but those in `except`, the sender say), removing the
 * records of connections that are gone. Other failures do not stop the rest; they are listed in the report.
 */
export async function broadcast(
  store: ConnectionStore,
  data: unknown,
  options: { except?: readonly string[] } = {},
): Promise<BroadcastReport> {
  const payload = payloadOf(data);
  const skip = new Set(options.except ?? []);
  const targets = (await recordedConnections(store)).filter((id) => !skip.has(id));
  const report: BroadcastReport = { delivered: 0, removedStale: 0, failed: [] };
  for (let start = 0; start < targets.length; start += POSTS_IN_FLIGHT) {
    await Promise.all(
      targets.slice(start, start + POSTS_IN_FLIGHT).map(async (connectionId) => {
        try {
          if ((await postToConnection(store, connectionId, payload)) === 'delivered') report.delivered += 1;
          else report.removedStale += 1;
        } catch (error) {
          report.failed.push({
            connectionId,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
        }
      }),
    );
  }
  return report;
}

/** Every connection ID in the sessions table (a Scan of the key alone, every page). */
export async function recordedConnections(store: ConnectionStore): Promise<string[]> {
  return connectionIdsOf(store.partitionKey, (startKey) =>
    store.dynamodb.send(
      new ScanCommand({
        TableName: store.table,
        ProjectionExpression: '#key',
        ExpressionAttributeNames: { '#key': store.partitionKey },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    ),
  );
}

type StartKey = ScanCommand['input']['ExclusiveStartKey'];

/** The connection IDs (the `partitionKey` of each item) of every page of a Scan or Query that `page` sends. */
export async function connectionIdsOf(
  partitionKey: string,
  page: (startKey: StartKey) => Promise<{ Items?: Array<Record<string, { S?: string }>>; LastEvaluatedKey?: StartKey }>,
): Promise<string[]> {
  const ids: string[] = [];
  let startKey: StartKey;
  do {
    const answer = await page(startKey);
    for (const item of answer.Items ?? []) {
      const id = item[partitionKey]?.S;
      if (id !== undefined) ids.push(id);
    }
    startKey = answer.LastEvaluatedKey;
  } while (startKey !== undefined);
  return ids;
}
