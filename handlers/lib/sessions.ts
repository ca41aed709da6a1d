/**
 * The session record from your own `$connect` / `$disconnect` Lambda (a `lambda` route on either key): the same
 * checks and the same record as the VTL integration (handlers/lib/session-record.ts, described by the generated
 * `SESSION_RECORD`), so the rest of the stack (broadcasts, `sendToIdentity`, the smoke suite) finds connections as
 * usual. The generator gives a Lambda `$connect` `dynamodb:PutItem` and a Lambda `$disconnect` `dynamodb:DeleteItem`
 * on the sessions table for exactly this.
 *
 *   const sessions = sessionsFromEnvironment();
 *   export async function handler(event) {
 *     // your own checks first (a token, say); then:
 *     return (await sessions.recordConnection(event)) ?? { statusCode: 200 };
 *   }
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { STANDARD_RECORD_FIELDS } from './record-fields.ts';
import { parseSessionRecordSpec, REFUSALS, sessionRecorder, type ConnectFacts } from './session-record.ts';

/** The parts of API Gateway's `$connect` event the record is made of. */
export interface ConnectEvent {
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

export interface DisconnectEvent {
  requestContext: { connectionId: string };
}

/** What `$connect` answers API Gateway when it refuses the handshake. */
export interface Refused {
  statusCode: number;
  body: string;
}

/** A `$connect` event as the facts the record is made of. */
export function connectFacts(event: ConnectEvent): ConnectFacts {
  const context = event.requestContext;
  return {
    connectionId: context.connectionId,
    connectedAt: context.connectedAt,
    requestTimeEpoch: context.requestTimeEpoch,
    sourceIp: context.identity.sourceIp,
    headers: event.headers ?? {},
    query: event.queryStringParameters ?? {},
    authorizer: context.authorizer,
  };
}

/** Build once per container, from the generated environment (SESSION_RECORD, SESSIONS_TABLE, ORIGIN_SECRETS). */
export function sessionsFromEnvironment(environment: Record<string, string | undefined> = process.env) {
  const spec = parseSessionRecordSpec(environment['SESSION_RECORD']);
  const recorder = sessionRecorder(spec, environment['ORIGIN_SECRETS']);
  const table = environment['SESSIONS_TABLE'];
  if (table === undefined || table === '')
    throw new Error('SESSIONS_TABLE is not set: the function must be deployed from the generated template');
  const dynamodb = new DynamoDBClient({});
  // Every attribute a standard record may have, stored or not in this stack: yours must not take their names.
  const standard = new Set([
    spec.partitionKey,
    spec.ttlAttribute,
    ...STANDARD_RECORD_FIELDS,
    ...spec.indexes.map((index) => index.attribute),
    ...(spec.identity === null ? [] : [spec.identity.attribute]),
  ]);
  return {
    /**
     * Makes the VTL `$connect`'s checks (the edge's secret, the browser origin, the identity) and writes the record;
     * a refused handshake gets its answer (403, 404 or 500, as the VTL path) and nothing is written.
     */
    async recordConnection(event: ConnectEvent, extra: Record<string, string> = {}): Promise<Refused | undefined> {
      const facts = connectFacts(event);
      const refusal = recorder.refusal(facts);
      if (refusal !== undefined) return { statusCode: REFUSALS[refusal], body: refusal };
      const item = recorder.record(facts);
      for (const [name, value] of Object.entries(extra)) {
        // Your own attributes may not replace the ones the stack relies on.
        if (standard.has(name))
          throw new Error(
            `recordConnection: ${JSON.stringify(name)} is an attribute of the standard record; choose another name`,
          );
        item[name] = { S: value };
      }
      await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
      return undefined;
    },
    /** Deletes the connection's record (what the VTL `$disconnect` does). */
    async forgetConnection(event: DisconnectEvent): Promise<void> {
      await dynamodb.send(
        new DeleteItemCommand({
          TableName: table,
          Key: { [spec.partitionKey]: { S: event.requestContext.connectionId } },
        }),
      );
    },
  };
}
