import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSessionRecordSpec, sessionRecord, type SessionRecordSpec } from '../../handlers/lib/session-record.ts';

const spec: SessionRecordSpec = {
  partitionKey: 'connectionid',
  ttlAttribute: 'ttl',
  ttlSeconds: 3600,
  store: { path: true, headers: true, querystring: true, connectedAt: true, sourceIp: true },
  pathHeader: 'ws-uri',
  indexes: [
    { attribute: 'chargePointId', source: { from: 'pathSegment', index: 1 } },
    { attribute: 'customer', source: { from: 'query', name: 'customer' } },
    { attribute: 'tenant', source: { from: 'header', name: 'X-Tenant' } },
  ],
  authorizerContextKeys: ['role', 'missing'],
};

const facts = {
  connectionId: 'abc=',
  connectedAt: 1_700_000_000_123,
  requestTimeEpoch: 1_700_000_000_999,
  sourceIp: '127.0.0.1',
  headers: { 'WS-URI': '/ocpp/CP001', 'x-tenant': 't1' },
  query: { a: '1' },
  authorizer: { principalId: 'CP001', role: 7 },
};

describe('session record of the Lambda $connect', () => {
  it('writes the attributes the VTL template writes, with the TTL in epoch seconds', () => {
    assert.deepEqual(sessionRecord(spec, facts), {
      connectionid: { S: 'abc=' },
      connectedAt: { N: '1700000000123' },
      sourceIp: { S: '127.0.0.1' },
      path: { S: '/ocpp/CP001' },
      headers: { M: { 'WS-URI': { S: '/ocpp/CP001' }, 'x-tenant': { S: 't1' } } },
      querystring: { M: { a: { S: '1' } } },
      principalId: { S: 'CP001' },
      authorizer: { M: { role: { S: '7' }, missing: { S: '' } } },
      chargePointId: { S: 'CP001' },
      tenant: { S: 't1' },
      ttl: { N: String(1_700_000_000 + 3600) },
    });
  });

  it('leaves out empty index values (DynamoDB refuses empty index keys) and optional fields', () => {
    const bare = { ...spec, store: { path: false, headers: false, querystring: false, connectedAt: false, sourceIp: false }, authorizerContextKeys: null };
    assert.deepEqual(Object.keys(sessionRecord(bare, { ...facts, headers: {}, query: {} })), ['connectionid', 'ttl']);
  });

  it('refuses to run without its description', () => {
    assert.throws(() => parseSessionRecordSpec(undefined), /SESSION_RECORD is not set/);
  });
});
