import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSessionRecordSpec, sessionRecorder, type SessionRecordSpec } from '../../handlers/lib/session-record.ts';

const SECRET = 's'.repeat(40);

const spec: SessionRecordSpec = {
  partitionKey: 'connectionid',
  ttlAttribute: 'ttl',
  ttlSeconds: 3600,
  store: { path: true, headers: true, querystring: true, connectedAt: true, sourceIp: true },
  pathHeader: 'ws-uri',
  indexes: [
    { attribute: 'site', source: { from: 'pathSegment', index: 0 } },
    { attribute: 'customer', source: { from: 'query', name: 'customer' } },
    { attribute: 'tenant', source: { from: 'header', name: 'X-Tenant' } },
  ],
  authorizerContextKeys: ['role', 'missing'],
  edgeSecretHeader: 'x-origin-verify',
  allowedOrigins: ['https://app.example.com'],
  identity: { attribute: 'chargePointId', pathPattern: '/ocpp/{chargePointId}', from: 'path' },
};

const facts = {
  connectionId: 'abc=',
  connectedAt: 1_700_000_000_123,
  requestTimeEpoch: 1_700_000_000_999,
  sourceIp: '127.0.0.1',
  headers: { 'WS-URI': '/ocpp/CP%20001', 'x-tenant': 't1', 'X-Origin-Verify': SECRET },
  query: { a: '1' },
  authorizer: { principalId: 'CP001', role: 7 },
};

describe('session record of the Lambda $connect', () => {
  it('writes the attributes the VTL template writes, with the TTL in epoch seconds, and never the edge secret', () => {
    assert.deepEqual(sessionRecorder(spec, `${SECRET},`).record(facts), {
      connectionid: { S: 'abc=' },
      connectedAt: { N: '1700000000123' },
      sourceIp: { S: '127.0.0.1' },
      path: { S: '/ocpp/CP%20001' },
      headers: { M: { 'WS-URI': { S: '/ocpp/CP%20001' }, 'x-tenant': { S: 't1' } } },
      querystring: { M: { a: { S: '1' } } },
      principalId: { S: 'CP001' },
      authorizer: { M: { role: { S: '7' }, missing: { S: '' } } },
      chargePointId: { S: 'CP 001' },
      site: { S: 'ocpp' },
      tenant: { S: 't1' },
      ttl: { N: String(1_700_000_000 + 3600) },
    });
  });

  it("with an authorizer, stores the identity it verified, never the path's", () => {
    const authorized = sessionRecorder({ ...spec, identity: { ...spec.identity!, from: 'authorizer' } }, SECRET);
    const forged = {
      ...facts,
      headers: { ...facts.headers, 'WS-URI': '/ocpp/CP002' },
      authorizer: { principalId: 'CP001', chargePointId: 'CP001' },
    };
    assert.equal(authorized.refusal(forged), undefined);
    assert.deepEqual(authorized.record(forged)['chargePointId'], { S: 'CP001' });
    assert.equal(
      authorized.refusal({ ...forged, authorizer: { principalId: 'CP001' } }),
      'the authorizer gave no identity',
    );
  });

  it('refuses, in order: no edge secret, a browser from another origin, a path outside the pattern', () => {
    const recorder = sessionRecorder(spec, `new${SECRET},${SECRET}`);
    assert.equal(recorder.refusal(facts), undefined, 'the previous secret is still accepted during a rotation');
    const without = (name: string) => Object.fromEntries(Object.entries(facts.headers).filter(([key]) => key !== name));
    assert.equal(recorder.refusal({ ...facts, headers: without('X-Origin-Verify') }), 'not through the edge');
    for (const wrong of ['', 'x', SECRET.slice(1), `${SECRET},`, `new${SECRET},${SECRET}`]) {
      assert.equal(
        recorder.refusal({ ...facts, headers: { ...facts.headers, 'X-Origin-Verify': wrong } }),
        'not through the edge',
        wrong,
      );
    }
    assert.equal(
      sessionRecorder(spec, '').refusal(facts),
      'not through the edge',
      'no accepted secret: nothing gets in',
    );
    assert.equal(
      sessionRecorder(spec, ',').refusal({ ...facts, headers: { ...facts.headers, 'X-Origin-Verify': '' } }),
      'not through the edge',
    );
    assert.equal(
      recorder.refusal({ ...facts, headers: { ...facts.headers, Origin: 'https://evil.example' } }),
      'origin not allowed',
    );
    assert.equal(
      recorder.refusal({ ...facts, headers: { ...facts.headers, origin: 'https://app.example.com' } }),
      undefined,
    );
    assert.equal(
      recorder.refusal({ ...facts, headers: { ...facts.headers, 'ws-uri': '/ocpp/CP002/CP001' } }),
      'path outside the identity pattern',
    );
  });

  it('leaves out empty index values (DynamoDB refuses empty index keys) and optional fields', () => {
    const bare = {
      ...spec,
      store: { path: false, headers: false, querystring: false, connectedAt: false, sourceIp: false },
      authorizerContextKeys: null,
      edgeSecretHeader: null,
      allowedOrigins: [],
      identity: null,
    };
    assert.deepEqual(Object.keys(sessionRecorder(bare, undefined).record({ ...facts, headers: {}, query: {} })), [
      'connectionid',
      'ttl',
    ]);
  });

  it('refuses to run without its description', () => {
    assert.throws(() => parseSessionRecordSpec(undefined), /SESSION_RECORD is not set/);
  });
});
