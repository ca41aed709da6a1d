import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readAuthorizerEnvironment } from './ocpp-config.ts';

type Handler = (event: {
  methodArn: string;
  headers?: Record<string, string>;
  stageVariables?: Record<string, string>;
}) => Promise<{
  principalId: string;
  policyDocument: { Statement: Array<{ Effect: string; Resource: string }> };
  context?: Record<string, string>;
}>;

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/ocpp/$connect';
const SECRET = 'c'.repeat(48);
/** What API Gateway puts in the authorizer event: the stage's variables, the accepted edge secrets among them. */
const stageVariables = { originSecrets: `${SECRET},` };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const viaEdge = (authorization: string, path: string) => ({
  'ws-authorization': authorization,
  'ws-uri': path,
  'x-origin-verify': SECRET,
});

describe('OCPP example authorizer (HTTP Basic, user = identity in the path)', () => {
  let handler: Handler;
  before(async () => {
    // The handler reads its environment once, at load, as on Lambda: use the generated template's values.
    Object.assign(process.env, readAuthorizerEnvironment());
    ({ handler } = (await import('../../examples/ocpp/handlers/basic-auth.ts')) as { handler: Handler });
  });

  const effect = async (headers: Record<string, string>, variables: Record<string, string> = stageVariables) =>
    (await handler({ methodArn: METHOD_ARN, headers, stageVariables: variables })).policyDocument.Statement.map(
      (s) => s.Effect,
    );

  it('allows the right password for the identity in the path, with the identity as context', async () => {
    const result = await handler({
      methodArn: METHOD_ARN,
      headers: viaEdge(basic('CP001', 'demo-password-CP001'), '/ocpp/CP001'),
      stageVariables,
    });
    assert.equal(result.principalId, 'CP001');
    assert.deepEqual(
      result.policyDocument.Statement.map((s) => [s.Effect, s.Resource]),
      [['Allow', METHOD_ARN]],
    );
    assert.deepEqual(result.context, { chargePointId: 'CP001' });
  });

  it("denies a wrong password, and another charge point's credentials", async () => {
    for (const [authorization, path] of [
      [basic('CP001', 'wrong'), '/ocpp/CP001'],
      [basic('CP002', 'demo-password-CP002'), '/ocpp/CP001'],
    ] as const) {
      assert.deepEqual(await effect(viaEdge(authorization, path)), ['Deny'], `${authorization} on ${path}`);
    }
  });

  it('denies valid credentials on a path the shared matcher refuses (finding 1: the last segment is not the identity)', async () => {
    const good = basic('CP001', 'demo-password-CP001');
    for (const path of [
      '/ocpp/CP002/CP001',
      '/ocpp/CP002/..%2FCP001',
      '/ocpp/CP001/',
      '/ocpp//CP001',
      '/OCPP/CP001',
      '/ocpp/CP%2F001',
      '/x/ocpp/CP001',
      '',
    ]) {
      assert.deepEqual(await effect(viaEdge(good, path)), ['Deny'], path);
    }
  });

  it('denies valid credentials without the edge secret, or with a wrong one (no password checks that bypass the edge)', async () => {
    const headers = viaEdge(basic('CP001', 'demo-password-CP001'), '/ocpp/CP001');
    assert.deepEqual(await effect({ ...headers, 'x-origin-verify': 'd'.repeat(48) }), ['Deny']);
    assert.deepEqual(
      await effect(Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'x-origin-verify'))),
      ['Deny'],
    );
    assert.deepEqual(await effect(headers, {}), ['Deny'], 'no stage variable: no secret is accepted');
  });

  it('answers "Unauthorized" (401) without Basic credentials', async () => {
    await assert.rejects(handler({ methodArn: METHOD_ARN, headers: { 'ws-uri': '/ocpp/CP001' } }), {
      message: 'Unauthorized',
    });
    await assert.rejects(handler({ methodArn: METHOD_ARN, headers: { 'ws-authorization': 'Bearer abc' } }), {
      message: 'Unauthorized',
    });
  });
});
