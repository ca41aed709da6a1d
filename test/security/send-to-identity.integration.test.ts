/**
 * Issue 13, finding 2: any client could command any other (`sendToChargePoint` to CP002 from CP001). Now a
 * `sendToIdentity` route exists only with `allowWhen` on an authorizer's context: a charger's attempt is answered
 * Forbidden and the target receives nothing; an operator's message arrives; backends send through the IAM-invoked
 * `SendToIdentityFunction`. (On examples/ocpp, which has no such route any more, the attack is in
 * test/examples/ocpp-stack.integration.test.ts.) Before the fix the charger's message was delivered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import type { LocalStack } from '../../local/stack/index.ts';
import { startStackFromConfig } from '../support/generated-stack.ts';
import { invokeFunction } from '../support/invoke-function.ts';

const STEP_MS = 10_000;

describe("sendToIdentity: only connections the authorizer's context allows, and backends, address others", () => {
  let stack: LocalStack;
  const clients: SmokeClient[] = [];
  before(async () => {
    stack = await startStackFromConfig({
      routes: {
        $default: { integration: 'lambda', handler: 'handlers/default.ts' },
        sendToCp: { integration: 'sendToIdentity', allowWhen: { contextKey: 'role', equals: 'operator' } },
      },
      sessions: { identity: { pathPattern: '/cp/{chargePointId}' } },
      connect: {
        authorization: {
          type: 'REQUEST',
          handler: 'test/security/fixtures/role-authorizer.ts',
          contextKeys: ['chargePointId', 'role'],
        },
      },
    });
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await stack?.stop();
  });

  const open = async (identity: string, role: string) => {
    const client = await connect(`${stack.outputs.Distribution}/cp/${identity}`, STEP_MS, {
      headers: { Authorization: `Bearer ${role}` },
    });
    clients.push(client);
    return client;
  };

  it("a charger is answered Forbidden and the target receives nothing; an operator's message arrives; so does a backend's", async () => {
    const target = await open('CP002', 'charger');
    const attacker = await open('CP001', 'charger');
    const operator = await open('OP1', 'operator');

    attacker.socket.send(
      JSON.stringify({ action: 'sendToCp', identity: 'CP002', data: { command: 'Reset', from: 'attacker' } }),
    );
    assert.deepEqual(await attacker.nextJson('the refusal', STEP_MS), {
      message:
        'Forbidden: only connections whose authorizer context has role = "operator" may send to other connections',
    });

    operator.socket.send(
      JSON.stringify({ action: 'sendToCp', identity: 'CP002', data: { command: 'Reset', from: 'operator' } }),
    );
    // The target's first message is the operator's: the attacker's never came.
    assert.deepEqual(await target.nextJson("the operator's command", STEP_MS), { command: 'Reset', from: 'operator' });
    assert.deepEqual(await operator.nextJson('the delivery report', STEP_MS), {
      identity: 'CP002',
      delivered: 1,
      removedStale: 0,
    });

    const outcome = await invokeFunction(stack.outputs, stack.outputs['SendToIdentityFunction']!, {
      identity: 'CP002',
      data: 'from a backend',
    });
    assert.deepEqual(outcome, { kind: 'result', result: { identity: 'CP002', delivered: 1, removedStale: 0 } });
    assert.equal(await target.next("the backend's message", STEP_MS), 'from a backend');
  });
});
