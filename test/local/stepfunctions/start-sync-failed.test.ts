/**
 * A synchronous Express execution that fails is still a successful StartSyncExecution call: HTTP 200, status FAILED,
 * the Fail state's error and cause, and no output (docs/aws-behaviour.md, StartSyncExecution).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStepFunctionsService, type StepFunctionsService } from '../../../local/stepfunctions/index.ts';
import { ACCOUNT, REGION } from './fixtures.ts';

const ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:FailingExpress`;

describe('StartSyncExecution of an execution that fails', () => {
  let service: StepFunctionsService;
  before(async () => {
    service = createStepFunctionsService({
      region: REGION,
      accountId: ACCOUNT,
      stateMachines: [
        {
          arn: ARN,
          name: 'FailingExpress',
          type: 'EXPRESS',
          definition: {
            StartAt: 'Check',
            States: { Check: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'quantity "0" must be positive' } },
          },
        },
      ],
      invokeApiGateway: async () => ({ statusCode: 200, headers: {}, body: '' }),
    });
    await service.start();
  });
  after(() => service.stop());

  it('answers 200 with status FAILED, the error and cause, and neither output nor outputDetails', async () => {
    const response = await service.startSyncExecution(
      JSON.stringify({ stateMachineArn: ARN, input: '{"quantity":0}' }),
    );

    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['x-amzn-ErrorType'], undefined, 'not an error response');
    const body = JSON.parse(response.body) as Record<string, unknown>;
    assert.equal(body['status'], 'FAILED');
    assert.equal(body['error'], 'Order.Invalid');
    assert.equal(body['cause'], 'quantity "0" must be positive');
    assert.equal(body['input'], '{"quantity":0}');
    assert.equal('output' in body, false);
    assert.equal('outputDetails' in body, false);
    assert.deepEqual(Object.keys(body), [...Object.keys(body)].sort(), 'keys are alphabetical, as AWS writes them');
  });
});
