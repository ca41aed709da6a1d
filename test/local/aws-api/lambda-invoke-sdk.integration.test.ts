/** Lambda Invoke on the local AWS endpoint through @aws-sdk/client-lambda: results, function errors, types, IAM. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_STACK, roleCredentials } from '../../support/aws-credentials.ts';
import { sdkFailureOf } from '../../support/sdk-failure.ts';
import { type BackendStack, jsonPayload as json, payloadText as text, startBackendStack } from './backend-fixture.ts';

describe('local Lambda Invoke through @aws-sdk/client-lambda', () => {
  let backend: BackendStack;
  let lambda: LambdaClient;
  let stack: BackendStack['stack'];
  let templateFile: string;
  let functionName: string;
  let functionArn: string;
  before(async () => {
    backend = await startBackendStack();
    ({ lambda, stack, templateFile } = backend);
    ({ functionName, arn: functionArn } = backend.fn);
  });
  after(() => backend.stop());

  it('invokes by name, partial ARN or full ARN and answers the result, as RequestResponse', async () => {
    for (const name of [
      functionName,
      `${LOCAL_STACK.accountId}:function:${functionName}`,
      functionArn,
      `${functionArn}:$LATEST`,
    ]) {
      const answer = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: json({ hello: 'world' }) }));
      assert.deepEqual(
        { status: answer.StatusCode, error: answer.FunctionError, version: answer.ExecutedVersion },
        { status: 200, error: undefined, version: '$LATEST' },
      );
      assert.deepEqual(JSON.parse(text(answer.Payload)), { echoed: { hello: 'world' } }, name);
    }
  });

  it('gives a handler the local endpoint, so its SDK reaches Step Functions with no endpoint in its code', async () => {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: json({ do: 'list-state-machines' }) }),
    );
    assert.equal(answer.FunctionError, undefined, text(answer.Payload));
    const result = JSON.parse(text(answer.Payload)) as { names: string[]; endpoint: string };
    assert.equal(result.endpoint, stack.outputs.StepFunctionsEndpoint);
    assert.equal(result.names.length, 1);
    assert.match(result.names[0] ?? '', /^local-/);
  });

  it('answers a function error as 200 with X-Amz-Function-Error: Unhandled and the error object', async () => {
    const thrown = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: json({ do: 'throw' }) }));
    assert.deepEqual({ status: thrown.StatusCode, error: thrown.FunctionError }, { status: 200, error: 'Unhandled' });
    const body = JSON.parse(text(thrown.Payload)) as { errorType: string; errorMessage: string; trace: string[] };
    assert.deepEqual(
      { errorType: body.errorType, errorMessage: body.errorMessage },
      { errorType: 'TypeError', errorMessage: 'backend threw on purpose' },
    );
    assert.ok(Array.isArray(body.trace) && body.trace[0]?.startsWith('TypeError: backend threw on purpose'));
    const timedOut = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: json({ do: 'hang' }) }),
    );
    assert.equal(timedOut.FunctionError, 'Unhandled');
    assert.deepEqual(JSON.parse(text(timedOut.Payload)), {
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
  });

  it('answers Event with 202 at once and DryRun with 204', async () => {
    const event = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: json({}) }),
    );
    assert.equal(event.StatusCode, 202);
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'DryRun' }));
    assert.equal(dryRun.StatusCode, 204);
  });

  it('refuses what Lambda refuses: an unknown function or qualifier (404), a payload that is not JSON', async () => {
    assert.deepEqual(await sdkFailureOf(lambda.send(new InvokeCommand({ FunctionName: 'no-such-function' }))), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `Function not found: arn:aws:lambda:us-east-1:${LOCAL_STACK.accountId}:function:no-such-function`,
    });
    assert.equal(
      (await sdkFailureOf(lambda.send(new InvokeCommand({ FunctionName: functionName, Qualifier: 'live' })))).message,
      `Function not found: ${functionArn}:live`,
    );
    assert.equal(
      (
        await sdkFailureOf(
          lambda.send(
            new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode('{not json') }),
          ),
        )
      ).name,
      'InvalidRequestContentException',
    );
  });

  it('denies a role without lambda:InvokeFunction, as AWS does (403 AccessDeniedException)', async () => {
    const { credentials, role } = roleCredentials(templateFile, 'BackendFunctionRole');
    const asRole = new LambdaClient({ endpoint: stack.outputs.LambdaEndpoint, region: 'us-east-1', credentials });
    try {
      assert.deepEqual(
        await sdkFailureOf(asRole.send(new InvokeCommand({ FunctionName: functionName, Payload: json({}) }))),
        {
          name: 'AccessDeniedException',
          status: 403,
          message:
            `User: arn:aws:sts::${LOCAL_STACK.accountId}:assumed-role/${role.roleName}/local is not authorized to perform: lambda:InvokeFunction ` +
            `on resource: ${functionArn} because no identity-based policy allows the lambda:InvokeFunction action`,
        },
      );
    } finally {
      asRole.destroy();
    }
  });
});
