import type { AttributeSource, WsConfig } from '../config/index.ts';
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
 * `$connect` Lambda (handlers/connect.ts) reads it from its environment. One description, so the
 * two paths refuse the same handshakes and write the same record (test/generator/connect-record-parity.test.ts).
 */
export interface SessionRecordSpec {
  partitionKey: string;
  ttlAttribute: string;
  ttlSeconds: number;
  store: WsConfig['sessions']['store'];
  /** Header carrying the viewer's path (lower-case), or null without the edge. */
  pathHeader: string | null;
  /** Indexes on handshake values (the identity's index is `identity`). */
  indexes: Array<{ attribute: string; source: AttributeSource }>;
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
    identity: sessions.identity === undefined ? null : {
      attribute: identityPattern(sessions.identity.pathPattern).attribute,
      pathPattern: sessions.identity.pathPattern,
      from: authorized ? 'authorizer' : 'path',
    },
  };
}
