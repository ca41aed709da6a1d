/**
 * The session record of one connection as DynamoDB attribute values, built from the description
 * the generator puts in `SESSION_RECORD`. It mirrors templates/vtl/connect.vtl.hbs attribute for
 * attribute, so a Lambda `$connect` and the VTL integration store the same record.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type IndexSource = { from: 'query'; name: string } | { from: 'header'; name: string } | { from: 'pathSegment'; index: number };

export interface SessionRecordSpec {
  partitionKey: string;
  ttlAttribute: string;
  ttlSeconds: number;
  store: { path: boolean; headers: boolean; querystring: boolean; connectedAt: boolean; sourceIp: boolean };
  pathHeader: string | null;
  indexes: Array<{ attribute: string; source: IndexSource }>;
  authorizerContextKeys: string[] | null;
}

/** The parts of a CONNECT event the record is made of. */
export interface ConnectFacts {
  connectionId: string;
  connectedAt: number;
  requestTimeEpoch: number;
  sourceIp: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  authorizer: Record<string, unknown> | undefined;
}

export function parseSessionRecordSpec(text: string | undefined): SessionRecordSpec {
  if (text === undefined || text === '') throw new Error('SESSION_RECORD is not set: the function must be deployed from the generated template');
  return JSON.parse(text) as SessionRecordSpec;
}

/** Header value by case-insensitive name, as the VTL's `equalsIgnoreCase` loop finds it (last match wins). */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name.toLowerCase()) found = value;
  return found;
}

export function sessionRecord(spec: SessionRecordSpec, facts: ConnectFacts): Record<string, AttributeValue> {
  const path = spec.pathHeader === null ? '' : headerValue(facts.headers, spec.pathHeader) ?? '';
  const item: Record<string, AttributeValue> = { [spec.partitionKey]: { S: facts.connectionId } };
  if (spec.store.connectedAt) item['connectedAt'] = { N: String(facts.connectedAt) };
  if (spec.store.sourceIp) item['sourceIp'] = { S: facts.sourceIp };
  if (spec.store.path) item['path'] = { S: path };
  if (spec.store.headers) item['headers'] = { M: stringMap(facts.headers) };
  if (spec.store.querystring) item['querystring'] = { M: stringMap(facts.query) };
  if (spec.authorizerContextKeys !== null) {
    const authorizer = facts.authorizer ?? {};
    item['principalId'] = { S: text(authorizer['principalId']) };
    item['authorizer'] = { M: Object.fromEntries(spec.authorizerContextKeys.map((key) => [key, { S: text(authorizer[key]) }])) };
  }
  for (const index of spec.indexes) {
    const value = indexValue(index.source, facts, path);
    // DynamoDB refuses an empty string as an index key: store the attribute only when present.
    if (value !== '') item[index.attribute] = { S: value };
  }
  item[spec.ttlAttribute] = { N: String(Math.floor(facts.requestTimeEpoch / 1000) + spec.ttlSeconds) };
  return item;
}

function indexValue(source: IndexSource, facts: ConnectFacts, path: string): string {
  switch (source.from) {
    case 'query': return facts.query[source.name] ?? '';
    case 'header': return headerValue(facts.headers, source.name) ?? '';
    // Segment N of "/a/b" is element N + 1 of the split: the path starts with "/".
    case 'pathSegment': return path.split('/')[source.index + 1] ?? '';
  }
}

function stringMap(values: Record<string, string>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { S: value }]));
}

/** VTL prints an absent value as "" (`$!`) and anything else as text. */
function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
