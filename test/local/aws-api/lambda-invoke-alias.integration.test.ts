/**
 * Lambda Invoke of a function's aliases and versions on the local AWS endpoint: those the template creates (SAM's
 * AutoPublishAlias, a declared AWS::Lambda::Alias) are found and run the function's current code; any other qualifier
 * is not found, as on AWS. IAM evaluates the qualified ARN the request names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_STACK, roleCredentials } from '../../support/aws-credentials.ts';
import { sdkFailureOf } from '../../support/sdk-failure.ts';
import { type BackendStack, jsonPayload as json, payloadText as text, startBackendStack } from './backend-fixture.ts';

describe('local Lambda Invoke of aliases and versions', () => {
  let backend: BackendStack;
  let lambda: LambdaClient;
  let stack: BackendStack['stack'];
  let templateFile: string;
  let functionName: string;
  let functionArn: string;
  before(async () => {
    backend = await startBackendStack((template, fn) => {
      const resource = template.Resources[fn.logicalId];
      assert.equal(resource?.Type, 'AWS::Serverless::Function');
      (resource.Properties as Record<string, unknown>)['AutoPublishAlias'] = 'live';
      template.Resources['BetaAlias'] = {
        Type: 'AWS::Lambda::Alias',
        Properties: { FunctionName: { Ref: fn.logicalId }, FunctionVersion: '$LATEST', Name: 'beta' },
      };
      // A role allowed to invoke the function's unqualified ARN and its alias `beta`, not `live`.
      template.Resources['InvokerRole'] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          Policies: [
            {
              PolicyName: 'invoke',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'lambda:InvokeFunction',
                    Resource: [{ 'Fn::GetAtt': [fn.logicalId, 'Arn'] }, { Ref: 'BetaAlias' }],
                  },
                ],
              },
            },
          ],
        },
      };
    });
    ({ lambda, stack, templateFile } = backend);
    ({ functionName, arn: functionArn } = backend.fn);
  });
  after(() => backend.stop());

  it("runs the function's code for each alias and version the template creates, however it is named", async () => {
    const invocations = [
      { FunctionName: functionName, Qualifier: 'live' },
      { FunctionName: `${functionName}:live` },
      { FunctionName: `${functionArn}:live` },
      { FunctionName: `${LOCAL_STACK.accountId}:function:${functionName}:1` },
      { FunctionName: functionName, Qualifier: 'beta' },
    ];
    for (const invocation of invocations) {
      const answer = await lambda.send(new InvokeCommand({ ...invocation, Payload: json({ via: invocation }) }));
      assert.equal(answer.StatusCode, 200, JSON.stringify(invocation));
      assert.deepEqual(JSON.parse(text(answer.Payload)), { echoed: { via: invocation } });
    }
  });

  it('does not find a qualifier the template does not create (404, naming the qualified ARN)', async () => {
    for (const qualifier of ['nope', '2']) {
      assert.deepEqual(
        await sdkFailureOf(lambda.send(new InvokeCommand({ FunctionName: functionName, Qualifier: qualifier }))),
        { name: 'ResourceNotFoundException', status: 404, message: `Function not found: ${functionArn}:${qualifier}` },
      );
    }
  });

  it('evaluates IAM on the qualified ARN: a policy naming the function and alias beta does not cover alias live', async () => {
    const { credentials, role } = roleCredentials(templateFile, 'InvokerRole');
    const asRole = new LambdaClient({ endpoint: stack.outputs.LambdaEndpoint, region: 'us-east-1', credentials });
    try {
      for (const name of [functionName, `${functionName}:beta`]) {
        const answer = await asRole.send(new InvokeCommand({ FunctionName: name, Payload: json({}) }));
        assert.equal(answer.StatusCode, 200, name);
      }
      assert.deepEqual(
        await sdkFailureOf(asRole.send(new InvokeCommand({ FunctionName: `${functionName}:live`, Payload: json({}) }))),
        {
          name: 'AccessDeniedException',
          status: 403,
          message:
            `User: arn:aws:sts::${LOCAL_STACK.accountId}:assumed-role/${role.roleName}/local is not authorized to perform: lambda:InvokeFunction ` +
            `on resource: ${functionArn}:live because no identity-based policy allows the lambda:InvokeFunction action`,
        },
      );
    } finally {
      asRole.destroy();
    }
  });
});
