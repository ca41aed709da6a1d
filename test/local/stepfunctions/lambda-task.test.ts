/**
 * Lambda Tasks on the local Step Functions service: `arn:aws:states:::lambda:invoke` answers with the Invoke
 * response (Payload parsed, StatusCode, the SDK's metadata), a function ARN with the function's result; function
 * errors carry the function's errorType, Invoke's own errors are `Lambda.<Exception>` with the SDK's cause text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  UnsupportedTaskResourceError,
  createStepFunctionsService,
  type LambdaTaskResult,
} from '../../../local/stepfunctions/index.ts';
import { ACCOUNT, REGION } from './fixtures.ts';
import { MACHINE_ARN, oneTask, runDefinition } from './run-definition.ts';

const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:local-ComposeFunction`;
const invokeTask = (Parameters: object, extra: object = {}) =>
  oneTask({ Resource: 'arn:aws:states:::lambda:invoke', Parameters, ...extra });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A backend answering every Invoke with `result`, recording what it was asked. */
function lambdaBackend(result: LambdaTaskResult | ((payload: unknown) => LambdaTaskResult)) {
  const calls: Array<{ functionName: string; payload: unknown }> = [];
  return {
    calls,
    invokeLambda: async (functionName: string, payload: unknown) => {
      calls.push({ functionName, payload });
      return typeof result === 'function' ? result(payload) : result;
    },
  };
}

describe('Lambda Tasks on the local Step Functions service', () => {
  it('lambda:invoke: the Invoke response with Payload parsed, StatusCode 200 and the SDK metadata, as the state machine', async () => {
    const backend = lambdaBackend((payload) => ({ kind: 'result', payload: { echoed: payload } }));
    const { record, output, callers } = await runDefinition(
      invokeTask({ FunctionName: FUNCTION_ARN, 'Payload.$': '$' }),
      { name: 'Ada' },
      backend,
    );

    assert.equal(record.status, 'SUCCEEDED');
    assert.deepEqual(backend.calls, [{ functionName: FUNCTION_ARN, payload: { name: 'Ada' } }]);
    assert.deepEqual(callers, [{ stateMachineArn: MACHINE_ARN }]);
    const response = output as Record<string, any>;
    assert.deepEqual(Object.keys(response), [
      'ExecutedVersion',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
    assert.equal(response['ExecutedVersion'], '$LATEST');
    assert.deepEqual(response['Payload'], { echoed: { name: 'Ada' } });
    assert.equal(response['StatusCode'], 200);
    const metadata = response['SdkHttpMetadata'];
    assert.equal(metadata.HttpStatusCode, 200);
    assert.deepEqual(Object.keys(metadata.HttpHeaders), [
      'Connection',
      'Content-Length',
      'Content-Type',
      'Date',
      'X-Amz-Executed-Version',
      'x-amzn-Remapped-Content-Length',
      'x-amzn-RequestId',
      'X-Amzn-Trace-Id',
    ]);
    assert.equal(
      metadata.HttpHeaders['Content-Length'],
      String(Buffer.byteLength(JSON.stringify({ echoed: { name: 'Ada' } }))),
    );
    assert.deepEqual(metadata.AllHttpHeaders['Content-Type'], ['application/json']);
    assert.match(response['SdkResponseMetadata'].RequestId, UUID);
    assert.equal(metadata.HttpHeaders['x-amzn-RequestId'], response['SdkResponseMetadata'].RequestId);
  });

  it('lambda:invoke payloads: none or null is {}, JSON text is its value, other text itself; undefined results are null', async () => {
    const backend = lambdaBackend({ kind: 'result', payload: undefined });
    const definition = {
      StartAt: 'None',
      States: Object.fromEntries(
        [
          ['None', {}],
          ['Null', { Payload: null }],
          ['Json', { Payload: '{"a":[1]}' }],
          ['Text', { Payload: 'plain' }],
          ['Number', { Payload: 3 }],
        ].map(([name, payload], index, all) => [
          name,
          {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: FUNCTION_ARN, ...(payload as object) },
            ResultPath: `$.${name as string}`,
            ...(index + 1 < all.length ? { Next: all[index + 1]![0] } : { End: true }),
          },
        ]),
      ),
    };
    const { output } = await runDefinition(definition, {}, backend);
    assert.deepEqual(
      backend.calls.map((call) => call.payload),
      [{}, {}, { a: [1] }, 'plain', 3],
    );
    assert.equal((output as Record<string, any>)['None'].Payload, null);
  });

  it('a function ARN as the Resource: the state input is the event, the result the output (after Parameters)', async () => {
    const backend = lambdaBackend((payload) => ({ kind: 'result', payload: { got: payload } }));
    const { output } = await runDefinition(
      oneTask({ Resource: FUNCTION_ARN, Parameters: { 'text.$': 'States.Format(\'{} "x"\', $.t)' } }),
      { t: 'a\\b' },
      backend,
    );
    assert.deepEqual(backend.calls, [{ functionName: FUNCTION_ARN, payload: { text: 'a\\b "x"' } }]);
    assert.deepEqual(output, { got: { text: 'a\\b "x"' } });
  });

  it('a function error fails the Task with its errorType, the error object as cause; Retry and Catch match it', async () => {
    const error = {
      errorType: 'RangeError',
      errorMessage: 'too long',
      trace: ['RangeError: too long', '    at handler (compose.ts:3:9)'],
    };
    const failed = await runDefinition(
      invokeTask({ FunctionName: FUNCTION_ARN }),
      {},
      lambdaBackend({ kind: 'function-error', payload: error }),
    );
    assert.equal(failed.record.status, 'FAILED');
    assert.equal(failed.record.error, 'RangeError');
    assert.equal(failed.record.cause, JSON.stringify(error));

    const backend = lambdaBackend({ kind: 'function-error', payload: error });
    const caught = await runDefinition(
      {
        StartAt: 'Task',
        States: {
          Task: {
            Type: 'Task',
            Resource: FUNCTION_ARN,
            Retry: [{ ErrorEquals: ['RangeError'], MaxAttempts: 2, IntervalSeconds: 1 }],
            Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      },
      {},
      backend,
    );
    assert.equal(backend.calls.length, 3, 'one call and two retries');
    assert.deepEqual((caught.output as Record<string, unknown>)['error'], {
      Error: 'RangeError',
      Cause: JSON.stringify(error),
    });
  });

  it("a function error without an errorType is Lambda.Unknown, with Step Functions' words and the payload", async () => {
    const { record } = await runDefinition(
      invokeTask({ FunctionName: FUNCTION_ARN }),
      {},
      lambdaBackend({ kind: 'function-error', payload: { errorMessage: 'gone' } }),
    );
    assert.equal(record.error, 'Lambda.Unknown');
    assert.equal(
      record.cause,
      'The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"gone"}',
    );
  });

  it("Invoke's own errors: AccessDenied is Lambda.AWSLambdaException, modeled ones their own name, with the Java SDK's cause", async () => {
    const denied =
      'User: arn:aws:sts::123456789012:assumed-role/local-FlowRole/states is not authorized to perform: lambda:InvokeFunction on resource: ' +
      `${FUNCTION_ARN} because no identity-based policy allows the lambda:InvokeFunction action`;
    const { record } = await runDefinition(
      invokeTask({ FunctionName: FUNCTION_ARN }),
      {},
      lambdaBackend({ kind: 'service-error', statusCode: 403, errorCode: 'AccessDeniedException', message: denied }),
    );
    assert.equal(record.error, 'Lambda.AWSLambdaException');
    assert.match(
      record.cause ?? '',
      new RegExp(
        `^${denied.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );

    const throttled = await runDefinition(
      oneTask({ Resource: FUNCTION_ARN }),
      {},
      lambdaBackend({
        kind: 'service-error',
        statusCode: 429,
        errorCode: 'TooManyRequestsException',
        message: 'Rate Exceeded.',
      }),
    );
    assert.equal(throttled.record.error, 'Lambda.TooManyRequestsException');
    assert.match(
      throttled.record.cause ?? '',
      /^Rate Exceeded\. \(Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; /,
    );
  });

  it('lambda:invoke Parameters the local service does not run fail the Task with States.Runtime, naming the field', async () => {
    const backend = lambdaBackend({ kind: 'result', payload: null });
    const { record } = await runDefinition(
      invokeTask({ FunctionName: FUNCTION_ARN, InvocationType: 'Event' }),
      {},
      backend,
    );
    assert.equal(record.error, 'States.Runtime');
    assert.equal(
      record.cause,
      'State "Task" (lambda:invoke): Parameters.InvocationType is not run locally (supported: FunctionName, Payload)',
    );
    assert.equal(backend.calls.length, 0);
  });

  it('refuses a Lambda Task at construction when the service was given no invokeLambda', () => {
    assert.throws(
      () =>
        createStepFunctionsService({
          region: REGION,
          accountId: ACCOUNT,
          invokeApiGateway: async () => ({ statusCode: 200, headers: {}, body: '' }),
          stateMachines: [
            { arn: MACHINE_ARN, name: 'Flow', type: 'EXPRESS', definition: invokeTask({ FunctionName: FUNCTION_ARN }) },
          ],
        }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedTaskResourceError);
        assert.match(
          error.message,
          /^State machine "Flow", state "Task": Task Resource "arn:aws:states:::lambda:invoke" cannot be run locally \(the service was given no invokeLambda\)/,
        );
        return true;
      },
    );
  });
});
