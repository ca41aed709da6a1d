import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, ASYNC_ARN, LOCAL_SUBSTITUTIONS, REGION, startService } from './fixtures.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The body the template's VTL renders for a message {"data":{"x":1}} from connection L0SM9cOFvHcCIhw=. */
const REQUEST = JSON.stringify({
  input: '{"data":{"x":1},"ConnectionID":"L0SM9cOFvHcCIhw="}',
  stateMachineArn: ASYNC_ARN,
});

describe("StartExecution on the template's AsyncSfnStateMachine", () => {
  it('returns the execution ARN at once, then the workflow POSTs to @connections', async () => {
    const { service, calls } = await startService(() => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
    }));
    try {
      const response = await service.startExecution(REQUEST);

      assert.equal(response.statusCode, 200);
      assert.match(
        response.body,
        new RegExp(
          `^\\{"executionArn":"arn:aws:states:${REGION}:${ACCOUNT}:execution:AsyncSfnStateMachine:${UUID}","startDate":\\d\\.\\d+E9\\}$`,
        ),
      );
      const { executionArn } = JSON.parse(response.body) as { executionArn: string };
      assert.equal(service.describeExecution(executionArn)?.status, 'RUNNING', 'still in the Wait state');
      assert.equal(calls.length, 0);

      await service.waitForIdle();

      assert.deepEqual(calls, [
        {
          ApiEndpoint: LOCAL_SUBSTITUTIONS['ApiEndpoint'],
          Method: 'POST',
          Stage: LOCAL_SUBSTITUTIONS['Stage'],
          Path: '/@connections/L0SM9cOFvHcCIhw=',
          RequestBody: { Message: 'Hello from asynchronous workflow execution!' },
          AuthType: 'IAM_ROLE',
        },
      ]);
      const record = service.describeExecution(executionArn);
      assert.equal(record?.status, 'SUCCEEDED');
      assert.deepEqual(JSON.parse(record.output ?? ''), {
        ResponseBody: { ok: true },
        Headers: { 'content-type': ['application/json'] },
        StatusCode: 200,
        StatusText: 'OK',
      });
      assert.ok(record.stopDate instanceof Date);
    } finally {
      await service.stop();
    }
  });

  it('catches ApiGateway.410 (client gone) and ends in the Client Gone state', async () => {
    const gone = '{"message":"Gone"}';
    const { service, calls } = await startService(() => ({ statusCode: 410, headers: {}, body: gone }));
    try {
      const { executionArn } = JSON.parse((await service.startExecution(REQUEST)).body) as { executionArn: string };

      await service.waitForIdle();

      const record = service.describeExecution(executionArn);
      assert.equal(record?.status, 'SUCCEEDED');
      assert.equal(calls.length, 1, 'a 410 is not retried');
      assert.deepEqual(JSON.parse(record.output ?? '').notifyError, { Error: 'ApiGateway.410', Cause: gone });
    } finally {
      await service.stop();
    }
  });

  it('retries ApiGateway.500 three times, then fails the execution with it', async () => {
    const { service, calls } = await startService(() => ({
      statusCode: 500,
      headers: {},
      body: '{"message":"Internal server error"}',
    }));
    try {
      const { executionArn } = JSON.parse((await service.startExecution(REQUEST)).body) as { executionArn: string };

      await service.waitForIdle();

      assert.equal(calls.length, 4, 'first attempt + MaxAttempts 3');
      const record = service.describeExecution(executionArn);
      assert.equal(record?.status, 'FAILED');
      assert.equal(record.error, 'ApiGateway.500');
      assert.equal(record.cause, '{"message":"Internal server error"}');
      assert.equal(record.output, undefined);
    } finally {
      await service.stop();
    }
  });

  it('answers a repeated name: same running request again, otherwise ExecutionAlreadyExists', async () => {
    const { service } = await startService();
    try {
      const named = JSON.stringify({ ...(JSON.parse(REQUEST) as object), name: 'order-42' });
      const first = await service.startExecution(named);
      const again = await service.startExecution(named);
      const otherInput = await service.startExecution(
        JSON.stringify({ input: '{}', stateMachineArn: ASYNC_ARN, name: 'order-42' }),
      );

      assert.equal(first.statusCode, 200);
      assert.equal(again.body, first.body);
      assert.equal(otherInput.statusCode, 400);
      assert.equal(otherInput.headers['x-amzn-ErrorType'], 'ExecutionAlreadyExists');
      await service.waitForIdle();
    } finally {
      await service.stop();
    }
  });

  it('stop() aborts a running execution before it calls @connections', async () => {
    const { service, calls } = await startService(undefined, 1); // the real 5 s Wait: only stop() can end it soon
    const { executionArn } = JSON.parse((await service.startExecution(REQUEST)).body) as { executionArn: string };

    await service.stop();

    assert.equal(service.describeExecution(executionArn)?.status, 'ABORTED');
    assert.equal(calls.length, 0);
    await assert.rejects(service.startExecution(REQUEST), /StartExecution called while the service is not started/);
  });
});
