/**
 * The checks and the session record of one connection as DynamoDB attribute values, built from the description the
 * generator puts in `SESSION_RECORD`. It mirrors templates/vtl/connect.vtl.hbs check for check and attribute for
 * attribute, so a Lambda `$connect` and the VTL integration refuse the same handshakes and store the same record.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { carriesEdgeSecret } from './edge-secret.ts';
import { headerValue } from './headers.ts';
import { identityMatcher } from './identity-path.ts';

export type IndexSource =
  | { from: 'query'; name: string }
  | { from: 'header'; name: string }
  | { from: 'pathSegment'; index: number };

/**
 * What `$connect` checks and stores (`SESSION_RECORD`, written by generator/sessions/record.ts, which the VTL
 * partial renders too). One description, so the two paths refuse the same handshakes and write the same record
 * (test/generator/connect-record-parity.test.ts).
 */
export interface SessionRecordSpec {
  partitionKey: string;
  ttlAttribute: string;
  ttlSeconds: number;
  store: { path: boolean; headers: boolean; querystring: boolean; connectedAt: boolean; sourceIp: boolean };
  /** Header carrying the viewer's path (lower-case), or null without the edge. */
  pathHeader: string | null;
  /** Indexes on handshake values (the identity's index is `identity`). */
  indexes: Array<{ attribute: string; source: IndexSource }>;
  /** REQUEST authorizers: `principalId` and these context keys go into an `authorizer` map. */
  authorizerContextKeys: string[] | null;
  /** The edge's secret header, when only the edge may connect (its accepted values come from the stack's parameters). */
  edgeSecretHeader: string | null;
  /** Browser origins allowed to connect; [] checks nothing. */
  allowedOrigins: string[];
  /**
   * The connection's identity: from the path (the one matcher, handlers/lib/identity-path.ts), or with a REQUEST
   * authorizer, the identity it verified (its context key named `attribute`).
   */
  identity: { attribute: string; pathPattern: string; from: 'path' | 'authorizer' } | null;
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

/** Why `$connect` refuses a handshake, each with the status the Lambda `$connect` answers. */
export const REFUSALS = {
  'not through the edge': 403,
  'origin not allowed': 403,
  'path outside the identity pattern': 404,
  // The authorizer allowed a connection without saying whose it is: the stack is misconfigured.
  'the authorizer gave no identity': 500,
} as const;
export type Refusal = keyof typeof REFUSALS;

export function parseSessionRecordSpec(text: string | undefined): SessionRecordSpec {
  if (text === undefined || text === '')
    throw new Error('SESSION_RECORD is not set: the function must be deployed from the generated template');
  return JSON.parse(text) as SessionRecordSpec;
}

export { headerValue };

/** Reads a spec once per container into checks and a record builder. `originSecrets`: the accepted edge secrets. */
export function sessionRecorder(spec: SessionRecordSpec, originSecrets: string | undefined) {
  const match = spec.identity?.from === 'path' ? identityMatcher(spec.identity.pathPattern) : undefined;
  const pathOf = (facts: ConnectFacts) =>
    spec.pathHeader === null ? '' : (headerValue(facts.headers, spec.pathHeader) ?? '');
  const identityOf = (facts: ConnectFacts): string => {
    if (spec.identity === null) return '';
    if (match === undefined) return text(facts.authorizer?.[spec.identity.attribute]);
    const found = match(pathOf(facts));
    return found.ok ? found.identity : '';
  };
  return {
    /** The first check the handshake fails, in the VTL's order, or undefined. */
    refusal(facts: ConnectFacts): Refusal | undefined {
      if (spec.edgeSecretHeader !== null && !carriesEdgeSecret(facts.headers, spec.edgeSecretHeader, originSecrets))
        return 'not through the edge';
      const origin = headerValue(facts.headers, 'Origin');
      if (spec.allowedOrigins.length > 0 && origin !== undefined && !spec.allowedOrigins.includes(origin))
        return 'origin not allowed';
      if (spec.identity !== null && identityOf(facts) === '')
        return spec.identity.from === 'path' ? 'path outside the identity pattern' : 'the authorizer gave no identity';
      return undefined;
    },
    record(facts: ConnectFacts): Record<string, AttributeValue> {
      return sessionRecord(spec, facts, pathOf(facts), identityOf(facts));
    },
  };
}

function sessionRecord(
  spec: SessionRecordSpec,
  facts: ConnectFacts,
  path: string,
  identity: string,
): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = { [spec.partitionKey]: { S: facts.connectionId } };
  if (spec.store.connectedAt) item['connectedAt'] = { N: String(facts.connectedAt) };
  if (spec.store.sourceIp) item['sourceIp'] = { S: facts.sourceIp };
  if (spec.store.path) item['path'] = { S: path };
  if (spec.store.headers) item['headers'] = { M: stringMap(withoutHeader(facts.headers, spec.edgeSecretHeader)) };
  if (spec.store.querystring) item['querystring'] = { M: stringMap(facts.query) };
  if (spec.authorizerContextKeys !== null) {
    const authorizer = facts.authorizer ?? {};
    item['principalId'] = { S: text(authorizer['principalId']) };
    item['authorizer'] = {
      M: Object.fromEntries(spec.authorizerContextKeys.map((key) => [key, { S: text(authorizer[key]) }])),
    };
  }
  if (spec.identity !== null) item[spec.identity.attribute] = { S: identity };
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
    case 'query':
      return facts.query[source.name] ?? '';
    case 'header':
      return headerValue(facts.headers, source.name) ?? '';
    // Segment N of "/a/b" is element N + 1 of the split: the path starts with "/".
    case 'pathSegment':
      return path.split('/')[source.index + 1] ?? '';
  }
}

/** Every header but the edge's secret, which must never be stored. */
function withoutHeader(headers: Record<string, string>, name: string | null): Record<string, string> {
  return name === null
    ? headers
    : Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

function stringMap(values: Record<string, string>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { S: value }]));
}

/** VTL prints an absent value as "" (`$!`) and anything else as text. */
function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
