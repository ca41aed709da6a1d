/**
 * The OCPP example end to end on the local stack, with a real OCPP-J client library (ocpp-rpc):
 * the charge point connects through the edge to /ocpp/CP001 with Basic auth, negotiates ocpp1.6,
 * completes a BootNotification against the example CSMS, and receives a CSMS-initiated call a backend sends to
 * its identity through the stack's SendToIdentityFunction; a charge point cannot address another one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { RPCClient } from 'ocpp-rpc';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { connect, expectRefused } from '../../smoke/client.ts';
import { freshBundleDir } from '../support/generated-stack.ts';
import { invokeFunction } from '../support/invoke-function.ts';
import { roleCredentials, developerDynamoDb } from '../support/aws-credentials.ts';

const STEP_MS = 10_000;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

describe('examples/ocpp on the local stack with an OCPP-J client', () => {
  let stack: LocalStack;
  const clients: RPCClient[] = [];
  before(async () => {
    stack = await startLocalStack({
      templateFile: 'examples/ocpp/template.yaml',
      bundleDir: freshBundleDir(),
      log: () => {},
    });
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close({ force: true })));
    await stack.stop();
  });

  const chargePoint = (identity: string, password: string, protocols: string[]) => {
    const client = new RPCClient({
      endpoint: `${stack.outputs.Distribution}/ocpp`,
      identity,
      password,
      protocols,
      reconnect: false,
      callTimeoutMs: STEP_MS,
      pingIntervalMs: 60_000,
    } as Partial<ClientOptions> as ClientOptions);
    clients.push(client);
    return client;
  };

  it('connects with ocpp1.6 and Basic auth, and completes a BootNotification', async () => {
    const client = chargePoint('CP001', 'demo-password-CP001', ['ocpp1.6']);
    await client.connect();
    assert.equal(client.protocol, 'ocpp1.6');
    const response = (await client.call('BootNotification', {
      chargePointVendor: 'acme',
      chargePointModel: 'x1',
    })) as Record<string, unknown>;
    assert.equal(response['status'], 'Accepted');
    assert.equal(response['interval'], 300);
    assert.ok(
      !Number.isNaN(Date.parse(String(response['currentTime']))),
      `currentTime: ${String(response['currentTime'])}`,
    );
    await client.close();
  });

  it('negotiates ocpp2.0.1 when the client prefers it', async () => {
    const client = chargePoint('CP002', 'demo-password-CP002', ['ocpp2.0.1', 'ocpp1.6']);
    await client.connect();
    assert.equal(client.protocol, 'ocpp2.0.1');
    const response = (await client.call('Heartbeat', {})) as Record<string, unknown>;
    assert.ok(!Number.isNaN(Date.parse(String(response['currentTime']))));
    await client.close();
  });

  /** What a CSMS backend does: invoke the stack's SendToIdentityFunction (Lambda Invoke with IAM, through the SDK). */
  const sendFromBackend = async (payload: unknown) => {
    const name = stack.outputs['SendToIdentityFunction'];
    assert.ok(name, 'the stack outputs SendToIdentityFunction');
    return invokeFunction(stack.outputs, name, payload);
  };

  it('receives a CSMS call a backend sends to its identity, and its answer reaches $default', async () => {
    const client = chargePoint('CP001', 'demo-password-CP001', ['ocpp1.6']);
    const reset = new Promise<unknown>((resolve) => {
      client.handle('Reset', async ({ params }) => {
        resolve(params);
        return { status: 'Accepted' };
      });
    });
    await client.connect();
    const outcome = await sendFromBackend({ identity: 'CP001', data: [2, 'srv-1', 'Reset', { type: 'Soft' }] });
    assert.deepEqual(outcome, { kind: 'result', result: { identity: 'CP001', delivered: 1, removedStale: 0 } });
    assert.deepEqual(await reset, { type: 'Soft' });
    await client.close();
  });

  it('a backend sending to an identity whose connection is gone removes the stale record (410 from @connections)', async () => {
    const dynamodb = developerDynamoDb(stack);
    const stale = { connectionid: { S: 'GoneConnection0=' }, chargePointId: { S: 'CP404' } };
    try {
      // What a lost $disconnect leaves behind: a record whose connection no longer exists.
      await dynamodb.send(new PutItemCommand({ TableName: stack.outputs.Sessions, Item: stale }));
      assert.deepEqual(await sendFromBackend({ identity: 'CP404', data: 'hello' }), {
        kind: 'result',
        result: { identity: 'CP404', delivered: 0, removedStale: 1 },
      });
      const after = await dynamodb.send(
        new GetItemCommand({ TableName: stack.outputs.Sessions, Key: { connectionid: stale.connectionid } }),
      );
      assert.equal(after.Item, undefined, 'the stale record must be deleted');
      // A bad request is a function error naming what is wrong.
      const bad = await sendFromBackend({ data: 'hello' });
      assert.deepEqual(bad.kind === 'error' ? [bad.errorType, bad.errorMessage] : bad, [
        'BadSendRequest',
        '"identity" must be a non-empty string (got nothing)',
      ]);
    } finally {
      dynamodb.destroy();
    }
  });

  it("only principals allowed lambda:InvokeFunction may send: the CSMS function's own role is refused (IAM)", async () => {
    const { credentials } = roleCredentials('examples/ocpp/template.yaml', 'DefaultFunctionRole');
    await assert.rejects(
      invokeFunction(
        stack.outputs,
        stack.outputs['SendToIdentityFunction']!,
        { identity: 'CP001', data: 'x' },
        credentials,
      ),
      (error: Error) => error.name === 'AccessDeniedException' && /lambda:InvokeFunction/.test(error.message),
    );
  });

  it('a charge point cannot command another one (finding 2): there is no such route, and CP002 receives nothing', async () => {
    const target = chargePoint('CP002', 'demo-password-CP002', ['ocpp1.6']);
    const received: unknown[] = [];
    target.handle(async ({ method, params }) => {
      received.push([method, params]);
      return {};
    });
    await target.connect();
    const attacker = await connect(`${stack.outputs.Distribution}/ocpp/CP001`, STEP_MS, {
      headers: { Authorization: basic('CP001', 'demo-password-CP001') },
      protocols: ['ocpp1.6'],
    });
    try {
      attacker.socket.send(
        JSON.stringify({ action: 'sendToChargePoint', identity: 'CP002', data: [2, 'x', 'Reset', { type: 'Hard' }] }),
      );
      // It reaches the CSMS's $default, which answers that it is not an OCPP-J message.
      assert.deepEqual(await attacker.nextJson('the CSMS answer', STEP_MS), [
        4,
        '-1',
        'FormationViolation',
        'an OCPP-J message is a JSON array starting with its type',
        {},
      ]);
      // A round trip CP002 makes afterwards: had anything been sent to it, it would have arrived first.
      await target.call('Heartbeat', {});
      assert.deepEqual(received, []);
    } finally {
      await attacker.close();
      await target.close();
    }
  });

  it('refuses wrong credentials (403), no credentials (401) and unknown subprotocols (400)', async () => {
    const url = `${stack.outputs.Distribution}/ocpp/CP001`;
    const refusal = async (headers: Record<string, string>, protocols: string[]) =>
      (
        await expectRefused(url, STEP_MS, `CP001 with ${JSON.stringify({ headers, protocols })}`, {
          headers,
          protocols,
        })
      ).statusCode;
    assert.equal(await refusal({ Authorization: basic('CP001', 'wrong') }, ['ocpp1.6']), 403);
    assert.equal(await refusal({}, ['ocpp1.6']), 401);
    assert.equal(await refusal({ Authorization: basic('CP001', 'demo-password-CP001') }, ['mqtt']), 400);
    const rejected = chargePoint('CP001', 'wrong', ['ocpp1.6']);
    await assert.rejects(rejected.connect());
  });
});
