/**
 * A request to send to an identity, `{"identity": "CP001", "data": <any JSON>}`, from a backend's invocation or a
 * client's message, and the sender both kinds of handler build from the generated environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectionsClient } from './connections.ts';
import type { IdentityLookup } from './identity.ts';

export interface SendRequest {
  identity: string;
  /** What goes to each connection: `data` as-is when it is a string, else as JSON. */
  payload: string;
}

/** The request, or what is wrong with it. */
export function parseSendRequest(request: unknown): SendRequest | string {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return 'the request must be a JSON object: {"identity": "<identity>", "data": …}';
  }
  const record = request as Record<string, unknown>;
  if (typeof record['identity'] !== 'string' || record['identity'] === '') {
    return `"identity" must be a non-empty string (got ${JSON.stringify(record['identity']) ?? 'nothing'})`;
  }
  if (!('data' in record)) return '"data" is required: the message to send to the identity';
  const data = record['data'];
  return { identity: record['identity'], payload: typeof data === 'string' ? data : JSON.stringify(data) };
}

/** The identity index, the table and `@connections`, as the generated function's environment names them. */
export function identityLookupFromEnvironment(
  environment: Record<string, string | undefined> = process.env,
): IdentityLookup {
  const required = (name: string): string => {
    const value = environment[name];
    if (value === undefined || value === '')
      throw new Error(`${name} is not set: the function must be deployed from the generated template`);
    return value;
  };
  return {
    dynamodb: new DynamoDBClient({}),
    connections: connectionsClient(environment, () => required('CONNECTIONS_ENDPOINT')),
    table: required('SESSIONS_TABLE'),
    partitionKey: required('PARTITION_KEY'),
    index: required('IDENTITY_INDEX'),
    attribute: required('IDENTITY_ATTRIBUTE'),
  };
}
