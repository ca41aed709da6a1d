import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT, REGION, SYNC_ARN, startService } from './fixtures.ts';
import type { ServiceResponse, StepFunctionsService } from '../../../local/stepfunctions/index.ts';

function errorOf(response: ServiceResponse): { name: string | undefined; type: string; message: string } {
  const body = JSON.parse(response.body) as { __type: string; message: string };
  assert.equal(response.statusCode, 400);
  return { name: response.headers['x-amzn-ErrorType'], type: body.__type, message: body.message };
}

describe('StartExecution/StartSyncExecution request errors', () => {
  let service: StepFunctionsService;
  before(async () => {
    ({ service } = await startService());
  });
  after(() => service.stop());

  it('answers an unknown state machine with StateMachineDoesNotExist naming the ARN', async () => {
    const unknownArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Nope`;
    for (const call of [service.startExecution, service.startSyncExecution]) {
      const error = errorOf(await call(JSON.stringify({ input: '{}', stateMachineArn: unknownArn })));

      assert.equal(error.name, 'StateMachineDoesNotExist');
      assert.equal(error.type, 'com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist');
      assert.equal(error.message, `State Machine Does Not Exist: '${unknownArn}'`);
    }
  });

  it('answers a malformed ARN with InvalidArn', async () => {
    const error = errorOf(
      await service.startExecution(JSON.stringify({ input: '{}', stateMachineArn: 'SyncSfnStateMachine' })),
    );

    assert.equal(error.name, 'InvalidArn');
    assert.match(error.message, /^Invalid Arn: .*SyncSfnStateMachine/);
  });

  it('answers a missing stateMachineArn with ValidationException', async () => {
    const error = errorOf(await service.startExecution(JSON.stringify({ input: '{}' })));

    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers a body that is not JSON, or a field of the wrong type, with SerializationException', async () => {
    const notJson = errorOf(await service.startSyncExecution('{"input": '));
    const inputObject = errorOf(
      await service.startSyncExecution(JSON.stringify({ input: { a: 1 }, stateMachineArn: SYNC_ARN })),
    );

    assert.equal(notJson.name, 'SerializationException');
    assert.equal(notJson.type, 'com.amazon.coral.service#SerializationException');
    assert.equal(inputObject.name, 'SerializationException');
    assert.match(inputObject.message, /'input' must be a string, got object/);
  });

  it('answers an invalid execution name with InvalidName', async () => {
    const error = errorOf(
      await service.startSyncExecution(JSON.stringify({ stateMachineArn: SYNC_ARN, name: 'has space' })),
    );

    assert.equal(error.name, 'InvalidName');
    assert.equal(error.message, "Invalid Name: 'has space'");
  });
});
