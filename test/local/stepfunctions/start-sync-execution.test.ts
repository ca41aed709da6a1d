import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT, ASYNC_ARN, REGION, SYNC_ARN, startService } from './fixtures.ts';
import type { StepFunctionsService } from '../../../local/stepfunctions/index.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const JAVA_EPOCH_SECONDS = /^\d\.\d+E9$/;

describe("StartSyncExecution on the template's SyncSfnStateMachine", () => {
  let service: StepFunctionsService;
  before(async () => {
    ({ service } = await startService());
  });
  after(() => service.stop());

  it('runs to completion and answers with the full body, timestamps as Java doubles', async () => {
    const input = '{"greeting":"hi \\"there\\"","n":[1,2]}';

    const response = await service.startSyncExecution(JSON.stringify({ input, stateMachineArn: SYNC_ARN }));

    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/x-amz-json-1.0');
    const body = JSON.parse(response.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), [...Object.keys(body)].sort(), 'keys are alphabetical, as AWS writes them');
    assert.match(
      String(body['executionArn']),
      new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:SyncSfnStateMachine:${UUID}:${UUID}$`),
    );
    assert.equal(String(body['executionArn']).split(':')[7], body['name']);
    assert.equal(body['stateMachineArn'], SYNC_ARN);
    assert.equal(body['status'], 'SUCCEEDED');
    assert.equal(body['input'], input);
    assert.equal(body['output'], '{"greeting":"hi \\"there\\"","n":[1,2]}', 'the Wait state passes its input through');
    assert.equal(body['error'], undefined);
    const startText = /"startDate":([^,}]+)/.exec(response.body)?.[1] ?? '';
    const stopText = /"stopDate":([^,}]+)/.exec(response.body)?.[1] ?? '';
    assert.match(startText, JAVA_EPOCH_SECONDS);
    assert.match(stopText, JAVA_EPOCH_SECONDS);
    assert.ok(Number(stopText) >= Number(startText));
    assert.deepEqual(body['inputDetails'], {
      __type: 'com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails',
      included: true,
    });
    assert.deepEqual(body['outputDetails'], body['inputDetails']);
    const billing = body['billingDetails'] as Record<string, number>;
    assert.equal(billing['billedMemoryUsedInMB'], 64);
    assert.ok(
      Number.isInteger(billing['billedDurationInMilliseconds']) && billing['billedDurationInMilliseconds']! % 100 === 0,
    );
  });

  it('uses the requested name in the execution ARN and starts with {} when there is no input', async () => {
    const response = await service.startSyncExecution(JSON.stringify({ stateMachineArn: SYNC_ARN, name: 'my-run_1' }));

    const body = JSON.parse(response.body) as Record<string, unknown>;
    assert.equal(body['name'], 'my-run_1');
    assert.match(String(body['executionArn']), new RegExp(`:express:SyncSfnStateMachine:my-run_1:${UUID}$`));
    assert.equal(body['input'], '{}');
    assert.equal(body['output'], '{}');
  });

  it('refuses input that is not JSON text with 400 InvalidExecutionInput', async () => {
    const response = await service.startSyncExecution(JSON.stringify({ input: 'not json', stateMachineArn: SYNC_ARN }));

    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['x-amzn-ErrorType'], 'InvalidExecutionInput');
    const body = JSON.parse(response.body) as { __type: string; message: string };
    assert.equal(body.__type, 'com.amazonaws.swf.service.v2.model#InvalidExecutionInput');
    assert.match(body.message, /^Invalid State Machine Execution Input: '.+'$/);
  });

  it('refuses a STANDARD state machine with StateMachineTypeNotSupported', async () => {
    const response = await service.startSyncExecution(JSON.stringify({ input: '{}', stateMachineArn: ASYNC_ARN }));

    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['x-amzn-ErrorType'], 'StateMachineTypeNotSupported');
  });
});
