import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handler as csms } from '../../examples/ocpp/handlers/csms.ts';

const call = async (body: string) => csms({ body, requestContext: { connectionId: 'c1' } });

describe('OCPP example CSMS ($default)', () => {
  it('answers BootNotification with a CALLRESULT carrying its unique id', async () => {
    const result = await call(
      JSON.stringify([2, 'm-1', 'BootNotification', { chargePointVendor: 'v', chargePointModel: 'm' }]),
    );
    const [type, id, payload] = JSON.parse(result.body ?? '') as [number, string, Record<string, unknown>];
    assert.deepEqual([type, id, payload['status'], payload['interval']], [3, 'm-1', 'Accepted', 300]);
    assert.ok(!Number.isNaN(Date.parse(String(payload['currentTime']))));
  });

  it('answers unknown actions and malformed messages with CALLERRORs', async () => {
    assert.deepEqual(JSON.parse((await call('[2,"m-2","DataTransferX",{}]')).body ?? ''), [
      4,
      'm-2',
      'NotImplemented',
      'DataTransferX is not implemented by this CSMS',
      {},
    ]);
    assert.deepEqual(JSON.parse((await call('not json')).body ?? '')[2], 'FormationViolation');
    assert.deepEqual(JSON.parse((await call('{"action":"x"}')).body ?? '')[2], 'FormationViolation');
  });

  it('sends nothing back for CALLRESULTs and CALLERRORs from the charge point', async () => {
    assert.equal((await call('[3,"srv-1",{"status":"Accepted"}]')).body, undefined);
    assert.equal((await call('[4,"srv-2","InternalError","",{}]')).body, undefined);
  });
});
