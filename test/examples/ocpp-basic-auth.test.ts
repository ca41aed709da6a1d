import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readConfigEnvironment } from './ocpp-config.ts';

type Handler = (event: { methodArn: string; headers?: Record<string, string> }) => Promise<{
  principalId: string;
  policyDocument: { Statement: Array<{ Effect: string; Resource: string }> };
  context?: Record<string, string>;
}>;

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/ocpp/$connect';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('OCPP example authorizer (HTTP Basic, user = identity in the path)', () => {
  let handler: Handler;
  before(async () => {
    // The handler reads its environment once, at load, as on Lambda: use the example config's own values.
    Object.assign(process.env, await readConfigEnvironment());
    ({ handler } = await import('../../examples/ocpp/handlers/basic-auth.ts') as { handler: Handler });
  });

  it('allows the right password for the identity in the path, with the identity as context', async () => {
    const result = await handler({ methodArn: METHOD_ARN, headers: { 'ws-authorization': basic('CP001', 'demo-password-CP001'), 'ws-uri': '/ocpp/CP001' } });
    assert.equal(result.principalId, 'CP001');
    assert.deepEqual(result.policyDocument.Statement.map((s) => [s.Effect, s.Resource]), [['Allow', METHOD_ARN]]);
    assert.deepEqual(result.context, { chargePointId: 'CP001' });
  });

  it("denies a wrong password, and another charge point's credentials", async () => {
    for (const [authorization, path] of [[basic('CP001', 'wrong'), '/ocpp/CP001'], [basic('CP002', 'demo-password-CP002'), '/ocpp/CP001']] as const) {
      const result = await handler({ methodArn: METHOD_ARN, headers: { Authorization: authorization, 'ws-uri': path } });
      assert.deepEqual(result.policyDocument.Statement.map((s) => s.Effect), ['Deny'], `${authorization} on ${path}`);
    }
  });

  it('answers "Unauthorized" (401) without Basic credentials', async () => {
    await assert.rejects(handler({ methodArn: METHOD_ARN, headers: { 'ws-uri': '/ocpp/CP001' } }), { message: 'Unauthorized' });
    await assert.rejects(handler({ methodArn: METHOD_ARN, headers: { 'ws-authorization': 'Bearer abc' } }), { message: 'Unauthorized' });
  });
});
