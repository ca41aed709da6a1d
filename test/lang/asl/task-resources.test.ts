/** Task Resources read into the one union the generator and the local service share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTaskResource } from '../../../lang/asl/task-resources.ts';

describe('parseTaskResource', () => {
  it('reads each supported form, in any partition', () => {
    assert.deepEqual(parseTaskResource('arn:aws:states:::lambda:invoke'), { kind: 'lambdaInvoke' });
    assert.deepEqual(parseTaskResource('arn:aws-cn:states:::apigateway:invoke'), { kind: 'apiGatewayInvoke' });
    assert.deepEqual(parseTaskResource('arn:aws:states:::dynamodb:updateItem'), {
      kind: 'dynamodb',
      integration: 'optimized',
      action: 'UpdateItem',
    });
    assert.deepEqual(parseTaskResource('arn:aws-us-gov:states:::aws-sdk:dynamodb:query'), {
      kind: 'dynamodb',
      integration: 'sdk',
      action: 'Query',
    });
    assert.deepEqual(parseTaskResource('arn:aws:lambda:eu-west-1:123456789012:function:my-fn_2'), {
      kind: 'lambdaFunction',
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn_2',
    });
  });

  it('refuses the rest with a reason: other services and actions, patterns, qualified ARNs, wrong case, non-strings', () => {
    const reason = (resource: unknown) => {
      const parsed = parseTaskResource(resource);
      assert.equal(parsed.kind, 'unsupported');
      return parsed.kind === 'unsupported' ? parsed.reason : '';
    };
    assert.match(reason('arn:aws:states:::aws-sdk:dynamodb:scan'), /is not a Task resource the project runs/);
    assert.match(
      reason('arn:aws:states:::dynamodb:query'),
      /the optimized DynamoDB integration has no Query; use arn:aws:states:::aws-sdk:dynamodb:query/,
    );
    assert.match(
      reason('arn:aws:states:::lambda:invoke.waitForTaskToken'),
      /uses the waitForTaskToken integration pattern/,
    );
    assert.match(reason('arn:aws:states:::apigateway:invoke.sync'), /uses the sync integration pattern/);
    assert.match(
      reason('arn:aws:lambda:eu-west-1:123456789012:function:fn:live'),
      /is not a service integration or function ARN/,
    );
    assert.match(reason('arn:aws:states:::dynamodb:GetItem'), /is not a Task resource the project runs/);
    assert.equal(reason(42), 'Resource must be a string (got 42)');
  });
});
