/**
 * Generated `$connect` for APIs with subprotocols: picks the subprotocol, answers it in
 * `Sec-WebSocket-Protocol` (API Gateway passes only that header back to the client), and writes
 * the session record that the VTL `$connect` would have written. A refusal is HTTP 400, as in
 * AWS's own subprotocol example; DynamoDB errors make the handshake fail (502).
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { headerValue, parseSessionRecordSpec, sessionRecord } from './lib/session-record.ts';
import { negotiateSubprotocol } from './lib/subprotocol.ts';

interface ConnectEvent {
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    connectionId: string;
    connectedAt: number;
    requestTimeEpoch: number;
    identity: { sourceIp: string };
    authorizer?: Record<string, unknown>;
  };
}

interface ConnectResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

// Read once per container: the configuration is fixed at deploy time.
const spec = parseSessionRecordSpec(process.env['SESSION_RECORD']);
const accepted = (process.env['SUBPROTOCOLS'] ?? '').split(',').filter((token) => token !== '');
const required = process.env['REQUIRE_SUBPROTOCOL'] !== 'false';
const table = process.env['SESSIONS_TABLE'];
const dynamodb = new DynamoDBClient({});

export async function handler(event: ConnectEvent): Promise<ConnectResult> {
  const headers = event.headers ?? {};
  const negotiation = negotiateSubprotocol(headerValue(headers, 'Sec-WebSocket-Protocol'), accepted, required);
  if (!negotiation.accept) {
    console.log(JSON.stringify({ refused: event.requestContext.connectionId, reason: negotiation.reason }));
    return { statusCode: 400, body: negotiation.reason };
  }
  const context = event.requestContext;
  const item = sessionRecord(spec, {
    connectionId: context.connectionId,
    connectedAt: context.connectedAt,
    requestTimeEpoch: context.requestTimeEpoch,
    sourceIp: context.identity.sourceIp,
    headers,
    query: event.queryStringParameters ?? {},
    authorizer: context.authorizer,
  });
  if (negotiation.protocol !== undefined) item['subprotocol'] = { S: negotiation.protocol };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
  return negotiation.protocol === undefined
    ? { statusCode: 200 }
    : { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': negotiation.protocol } };
}
