/**
 * Generated `$connect` for APIs with subprotocols: makes the VTL `$connect`'s checks (the edge's secret 403, the
 * browser origin 403, the identity from the path 404), picks the subprotocol, answers it in `Sec-WebSocket-Protocol`
 * (API Gateway passes only that header back to the client), and writes the session record that the VTL `$connect`
 * would have written. No offered subprotocol accepted is HTTP 400, as in AWS's own subprotocol example; DynamoDB
 * errors make the handshake fail (502). Nothing is written for a refused handshake.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { headerValue, parseSessionRecordSpec, REFUSALS, sessionRecorder } from './lib/session-record.ts';
import { connectFacts, type ConnectEvent } from './lib/sessions.ts';
import { negotiateSubprotocol } from './lib/subprotocol.ts';

interface ConnectResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

// Read once per container: the configuration is fixed at deploy time.
const recorder = sessionRecorder(parseSessionRecordSpec(process.env['SESSION_RECORD']), process.env['ORIGIN_SECRETS']);
const accepted = (process.env['SUBPROTOCOLS'] ?? '').split(',').filter((token) => token !== '');
const required = process.env['REQUIRE_SUBPROTOCOL'] !== 'false';
const table = process.env['SESSIONS_TABLE'];
const dynamodb = new DynamoDBClient({});

export async function handler(event: ConnectEvent): Promise<ConnectResult> {
  const facts = connectFacts(event);
  const refusal = recorder.refusal(facts);
  if (refusal !== undefined) {
    console.log(JSON.stringify({ refused: facts.connectionId, reason: refusal }));
    return { statusCode: REFUSALS[refusal], body: refusal };
  }
  const negotiation = negotiateSubprotocol(headerValue(facts.headers, 'Sec-WebSocket-Protocol'), accepted, required);
  if (!negotiation.accept) {
    console.log(JSON.stringify({ refused: event.requestContext.connectionId, reason: negotiation.reason }));
    return { statusCode: 400, body: negotiation.reason };
  }
  const item = recorder.record(facts);
  if (negotiation.protocol !== undefined) item['subprotocol'] = { S: negotiation.protocol };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
  return negotiation.protocol === undefined
    ? { statusCode: 200 }
    : { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': negotiation.protocol } };
}
