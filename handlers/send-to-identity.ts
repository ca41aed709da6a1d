/**
 * Built-in `sendToIdentity` route: `{"action": …, "identity": "CP001", "data": …}` reaches every
 * connection of that identity (`data` as-is when it is a string, else as JSON). The sender gets
 * `{"identity", "delivered", "removedStale"}`, or `{"message"}` naming what was wrong.
 */
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type IdentityLookup, sendToIdentity } from './lib/identity.ts';

interface MessageEvent {
  body?: string;
  requestContext: { connectionId: string };
}

interface MessageResult {
  statusCode: number;
  body: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: the function must be deployed from the generated template`);
  return value;
}

const lookup: IdentityLookup = {
  dynamodb: new DynamoDBClient({}),
  // The SDK's own endpoint override (AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI, e.g. the local stack) wins.
  connections: new ApiGatewayManagementApiClient(
    process.env['AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI'] ? {} : { endpoint: required('CONNECTIONS_ENDPOINT') },
  ),
  table: required('SESSIONS_TABLE'),
  partitionKey: required('PARTITION_KEY'),
  index: required('IDENTITY_INDEX'),
  attribute: required('IDENTITY_ATTRIBUTE'),
};

export async function handler(event: MessageEvent): Promise<MessageResult> {
  const request = parseRequest(event.body);
  if (typeof request === 'string') return { statusCode: 400, body: JSON.stringify({ message: request }) };
  const payload = typeof request.data === 'string' ? request.data : JSON.stringify(request.data);
  const report = await sendToIdentity(lookup, request.identity, payload);
  return { statusCode: 200, body: JSON.stringify(report) };
}

/** The request, or what is wrong with it. */
function parseRequest(body: string | undefined): { identity: string; data: unknown } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return 'the message must be JSON: {"action": …, "identity": "<identity>", "data": …}';
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record['identity'] !== 'string' || record['identity'] === '') {
    return `"identity" must be a non-empty string (got ${JSON.stringify(record['identity']) ?? 'nothing'})`;
  }
  if (!('data' in record)) return '"data" is required: the message to send to the identity';
  return { identity: record['identity'], data: record['data'] };
}
