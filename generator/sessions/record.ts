import type { AttributeSource, WsConfig } from '../config/index.ts';
import type { SessionRecordSpec } from '../../handlers/lib/session-record.ts';
import { ORIGIN_SECRET_HEADER } from '../config/edge.ts';
import { identityPattern } from '../../handlers/lib/identity-path.ts';
import { edgeGuarded } from '../visitors/edge-guard.ts';

export interface SessionIndex {
  name: string;
  attribute: string;
  /** Where the value comes from: a handshake value, or the connection's verified identity. */
  source: AttributeSource | { from: 'identity' };
}

/** Configured indexes, plus the one on the identity from the path pattern. */
export function sessionIndexes({ sessions }: WsConfig): SessionIndex[] {
  if (sessions.identity === undefined) return sessions.indexes;
  const { attribute } = identityPattern(sessions.identity.pathPattern);
  return [...sessions.indexes, { name: sessions.identity.index, attribute, source: { from: 'identity' } }];
}

/**
 * What `$connect` checks and stores, whichever way it runs: the VTL partial renders it, the generated
 * `$connect` Lambda (handlers/connect.ts) reads it from its environment. The type lives with its reader
 * (handlers/lib/session-record.ts), so what the generator writes is checked against what the handler reads.
 */
export function sessionRecordSpec(config: WsConfig): SessionRecordSpec {
  const { sessions, edge, connect } = config;
  const authorized = connect.authorization.type === 'REQUEST';
  return {
    partitionKey: sessions.partitionKey,
    ttlAttribute: sessions.ttl.attribute,
    ttlSeconds: sessions.ttl.seconds,
    store: sessions.store,
    pathHeader: edge.enabled ? edge.pathHeader : null,
    indexes: sessions.indexes.map(({ attribute, source }) => ({ attribute, source })),
    authorizerContextKeys: connect.authorization.type === 'REQUEST' ? connect.authorization.contextKeys : null,
    edgeSecretHeader: edgeGuarded(config) ? ORIGIN_SECRET_HEADER : null,
    allowedOrigins: connect.allowedOrigins,
    identity:
      sessions.identity === undefined
        ? null
        : {
            attribute: identityPattern(sessions.identity.pathPattern).attribute,
            pathPattern: sessions.identity.pathPattern,
            from: authorized ? 'authorizer' : 'path',
          },
  };
}
