/**
 * Issue 13, finding 1 (impersonation) on examples/ocpp: a client with CP001's valid credentials asking to be CP002
 * (`ws-uri: /ocpp/CP002/CP001`: the old authorizer checked the last segment, the record stored segment 1). Refused
 * directly (401 without the edge's secret; 403 from the authorizer even with the secret, as with direct access
 * allowed: the shared matcher refuses the path) and through the edge (404), with no session record; and an
 * authorized connection's record holds the identity the authorizer verified. Before the fix the direct attempt was
 * accepted and every message for CP002 reached the attacker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectRefused } from '../../smoke/client.ts';
import { asEdge, withKnownOriginSecret } from '../support/edge-secret.ts';
import { basicAuthorization, EXAMPLE_STACKS, startExample, type RunningExample } from './example-stacks.ts';

const STEP_MS = 10_000;
const CP001 = {
  headers: { Authorization: basicAuthorization('CP001', 'demo-password-CP001') },
  protocols: ['ocpp1.6'],
};

describe("examples/ocpp: finding 1, a charge point cannot take another one's identity", () => {
  let running: RunningExample;
  before(async () => {
    running = await startExample(
      EXAMPLE_STACKS.find((example) => example.name === 'examples/ocpp')!,
      withKnownOriginSecret(),
    );
  });
  after(async () => {
    await running?.stop();
  });

  const direct = (path: string, secret: boolean) => {
    const options = {
      ...CP001,
      headers: { ...CP001.headers, 'ws-uri': path, 'ws-authorization': CP001.headers.Authorization },
    };
    return expectRefused(
      running.stack.outputs.APIEndpoint,
      STEP_MS,
      `a direct client asking for ${path}`,
      secret ? asEdge(options) : options,
    );
  };

  it("the exact attack directly: 401 without the edge's secret, no record", async () => {
    assert.equal((await direct('/ocpp/CP002/CP001', false)).statusCode, 401);
    assert.deepEqual(await running.sessionIds(), []);
  });

  it("with the edge's secret (a leaked secret, or direct access allowed), the authorizer denies every path the matcher refuses: 403, no record", async () => {
    for (const path of [
      '/ocpp/CP002/CP001',
      '/ocpp/CP002',
      '/ocpp/CP001/',
      '/ocpp/CP002/..%2FCP001',
      '/ocpp/CP%2F001',
      '/ocpp//CP001',
      '/x/ocpp/CP001',
    ]) {
      assert.equal((await direct(path, true)).statusCode, 403, path);
    }
    assert.deepEqual(await running.sessionIds(), []);
  });

  it('the exact attack through the edge: 404 from the edge, no record', async () => {
    for (const path of ['/ocpp/CP002/CP001', '/ocpp/CP002/..%2FCP001', '/ocpp/CP%2F001', '/ocpp/CP001/']) {
      assert.equal(
        (await expectRefused(`${running.stack.outputs.Distribution}${path}`, STEP_MS, path, CP001)).statusCode,
        404,
        path,
      );
    }
    assert.deepEqual(await running.sessionIds(), []);
  });
});
