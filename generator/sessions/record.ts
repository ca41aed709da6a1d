import type { AttributeSource, WsConfig } from '../config/index.ts';
import { identitySegment } from '../config/index.ts';

export interface SessionIndex {
  name: string;
  attribute: string;
  source: AttributeSource;
}

/** Configured indexes, plus the one on the identity from the path pattern. */
export function sessionIndexes({ sessions }: WsConfig): SessionIndex[] {
  if (sessions.identity === undefined) return sessions.indexes;
  const { attribute, index } = identitySegment(sessions.identity.pathPattern);
  return [...sessions.indexes, { name: sessions.identity.index, attribute, source: { from: 'pathSegment', index } }];
}

/**
 * What `$connect` stores, whichever way it runs: the VTL partial renders it, the generated
 * `$connect` Lambda (handlers/connect.ts) reads it from its environment. One description, so the
 * two paths write the same record (test/generator/connect-record-parity.test.ts).
 */
export interface SessionRecordSpec {
  partitionKey: string;
  ttlAttribute: string;
  ttlSeconds: number;
  store: WsConfig['sessions']['store'];
  /** Header carrying the viewer's path (lower-case), or null without the edge. */
  pathHeader: string | null;
  indexes: Array<{ attribute: string; source: AttributeSource }>;
  /** REQUEST authorizers: `principalId` and these context keys go into an `authorizer` map. */
  authorizerContextKeys: string[] | null;
}

export function sessionRecordSpec(config: WsConfig): SessionRecordSpec {
  const { sessions, edge, connect } = config;
  return {
    partitionKey: sessions.partitionKey,
    ttlAttribute: sessions.ttl.attribute,
    ttlSeconds: sessions.ttl.seconds,
    store: sessions.store,
    pathHeader: edge.enabled ? edge.pathHeader : null,
    indexes: sessionIndexes(config).map(({ attribute, source }) => ({ attribute, source })),
    authorizerContextKeys: connect.authorization.type === 'REQUEST' ? connect.authorization.contextKeys : null,
  };
}
