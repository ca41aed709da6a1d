import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiKeyGate, periodOf } from '../../../local/api/api-keys.ts';
import { apiKeyProblems } from '../../../local/api/api-key-options.ts';
import type { HandshakeRequest } from '../../../local/api/handshake.ts';
import { connectResponseType, decideConnect } from '../../../local/api/connect-decision.ts';
import type { IntegrationOutcome } from '../../../local/api/integration.ts';

const handshake = (headers: Record<string, string>): HandshakeRequest => ({
  sourceIp: '127.0.0.1',
  userAgent: undefined,
  headers,
  multiValueHeaders: {},
  query: {},
  multiValueQuery: {},
});
const KEY = { id: 'k1', value: 'v-0123456789abcdefghij' };

describe('API key gate ($connect with ApiKeyRequired)', () => {
  it('finds x-api-key whatever its case, and refuses what is not a usable key with 403 INVALID_API_KEY', () => {
    const gate = createApiKeyGate({ source: 'HEADER', keys: [KEY] });
    assert.deepEqual(gate.check(handshake({ 'X-Api-KEY': KEY.value }), undefined), {
      accept: true,
      key: { id: 'k1', value: KEY.value },
    });
    const refused: Record<string, string>[] = [
      {},
      { 'x-api-key': '' },
      { 'x-api-key': 'other' },
      { 'x-api-keys': KEY.value },
    ];
    for (const headers of refused) {
      const decision = gate.check(handshake(headers), undefined);
      assert.equal(decision.accept, false, JSON.stringify(headers));
      if (!decision.accept) {
        assert.equal(decision.status, 403);
        assert.equal(decision.body, '{"message":"Forbidden"}');
        assert.equal(decision.responseType, 'INVALID_API_KEY');
      }
    }
  });

  it("reads the authorizer's usageIdentifierKey with the AUTHORIZER source, never the header", () => {
    const gate = createApiKeyGate({ source: 'AUTHORIZER', keys: [KEY] });
    const authorizer = { values: { principalId: 'p' }, integrationLatency: 1, usageIdentifierKey: KEY.value };
    assert.equal(gate.check(handshake({}), authorizer).accept, true);
    assert.equal(gate.check(handshake({ 'x-api-key': KEY.value }), undefined).accept, false);
  });

  it("applies the usage plan's throttle (429 Too Many Requests) and quota (429 Limit Exceeded) per key", () => {
    let now = Date.UTC(2026, 11, 6, 23, 0, 0);
    const gate = createApiKeyGate(
      {
        source: 'HEADER',
        keys: [{ ...KEY, throttle: { rateLimit: 1, burstLimit: 2 }, quota: { limit: 3, period: 'DAY' } }],
      },
      () => now,
    );
    const take = () => gate.check(handshake({ 'x-api-key': KEY.value }), undefined);
    assert.equal(take().accept, true);
    assert.equal(take().accept, true);
    assert.deepEqual(take(), {
      accept: false,
      status: 429,
      body: '{"message":"Too Many Requests"}',
      reason: 'API key k1: usage plan throttle (1/s, burst 2) exceeded',
      responseType: 'THROTTLED',
    });
    now += 1000;
    assert.equal(take().accept, true);
    now += 5000;
    const quota = take();
    assert.equal(quota.accept, false);
    if (!quota.accept) assert.equal(quota.body, '{"message":"Limit Exceeded"}');
    now = Date.UTC(2026, 11, 7, 0, 0, 1); // the next UTC day
    assert.equal(take().accept, true);
  });

  it('counts quota periods in UTC: days, weeks from Monday, calendar months', () => {
    const sunday = Date.UTC(2026, 11, 6, 12);
    assert.equal(periodOf('DAY', sunday), '2026-12-06');
    assert.equal(periodOf('WEEK', sunday), '2026-11-30');
    assert.equal(periodOf('WEEK', Date.UTC(2026, 11, 7)), '2026-12-07');
    assert.equal(periodOf('MONTH', sunday), '2026-12');
  });

  it('names every bad option: source, a missing value, a repeated value, limits', () => {
    assert.deepEqual(
      apiKeyProblems({
        source: 'QUERY' as 'HEADER',
        keys: [
          { id: '', value: 'a' },
          { id: 'b', value: 'a', throttle: { rateLimit: -1, burstLimit: 1 } },
          { id: 'c', value: 'c', quota: { limit: 1.5, period: 'YEAR' as 'DAY' } },
        ],
      }),
      [
        `apiKeys.source: "QUERY" must be 'HEADER' or 'AUTHORIZER'`,
        'apiKeys.keys[0].id: "" must be a non-empty string',
        'apiKeys.keys[1].value: "a…" is the value of another key',
        'apiKeys.keys[1].throttle: {"rateLimit":-1,"burstLimit":1} must be { rateLimit: number >= 0, burstLimit: integer >= 0 }',
        `apiKeys.keys[2].quota: {"limit":1.5,"period":"YEAR"} must be { limit: integer >= 0, period: 'DAY' | 'WEEK' | 'MONTH' }`,
      ],
    );
  });
});

describe('$connect: the gateway response type of an integration refusal', () => {
  it('is INTEGRATION_TIMEOUT, INTEGRATION_FAILURE, or none for a status the Lambda returned itself', () => {
    const refused = (outcome: IntegrationOutcome) => connectResponseType(outcome, decideConnect(outcome));
    assert.equal(refused({ kind: 'timeout' }), 'INTEGRATION_TIMEOUT');
    assert.equal(refused({ kind: 'failed', reason: 'boom', functionError: true }), 'INTEGRATION_FAILURE');
    assert.equal(refused({ kind: 'proxy-result', result: { statusCode: 'x' } }), 'INTEGRATION_FAILURE');
    assert.equal(refused({ kind: 'proxy-result', result: { statusCode: 403 } }), undefined);
    assert.equal(refused({ kind: 'proxy-result', result: { statusCode: 200 } }), undefined);
  });
});
