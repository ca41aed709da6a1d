/** Requests → the IAM actions and resources AWS authorizes them on; hostile bodies never widen a check. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiGatewaySourceArn,
  connectionsAuthorizations,
  connectionsResource,
  dynamodbAuthorizations,
  lambdaInvokeAuthorizations,
  statesAuthorizations,
} from '../../../local/iam/index.ts';

const SCOPE = { partition: 'aws', region: 'eu-west-1', accountId: '210987654321' };
const TABLE = 'arn:aws:dynamodb:eu-west-1:210987654321:table/Sessions';
const checks = (...pairs: Array<[string, string]>) => ({
  kind: 'checks',
  checks: pairs.map(([action, resource]) => ({ action, resource })),
});

describe('DynamoDB requests', () => {
  it('item operations and table operations act on the table', () => {
    for (const operation of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'DescribeTable', 'DescribeTimeToLive']) {
      assert.deepEqual(
        dynamodbAuthorizations(operation, { TableName: 'Sessions' }, SCOPE),
        checks([`dynamodb:${operation}`, TABLE]),
      );
    }
    assert.deepEqual(
      dynamodbAuthorizations('PutItem', { TableName: TABLE }, SCOPE),
      checks(['dynamodb:PutItem', TABLE]),
      'TableName may be the ARN',
    );
  });

  it('Query and Scan on an index act on the index ARN', () => {
    assert.deepEqual(
      dynamodbAuthorizations('Query', { TableName: 'Sessions', IndexName: 'ByChargePoint' }, SCOPE),
      checks(['dynamodb:Query', `${TABLE}/index/ByChargePoint`]),
    );
    assert.deepEqual(
      dynamodbAuthorizations('Scan', { TableName: 'Sessions', IndexName: 'ByChargePoint' }, SCOPE),
      checks(['dynamodb:Scan', `${TABLE}/index/ByChargePoint`]),
    );
    assert.deepEqual(
      dynamodbAuthorizations('GetItem', { TableName: 'Sessions', IndexName: 'ByChargePoint' }, SCOPE),
      checks(['dynamodb:GetItem', TABLE]),
    );
  });

  it("batches check each table; transactions check each item's own action", () => {
    assert.deepEqual(
      dynamodbAuthorizations('BatchWriteItem', { RequestItems: { Sessions: [], Other: [] } }, SCOPE),
      checks(['dynamodb:BatchWriteItem', TABLE], ['dynamodb:BatchWriteItem', TABLE.replace('Sessions', 'Other')]),
    );
    assert.deepEqual(
      dynamodbAuthorizations(
        'TransactWriteItems',
        {
          TransactItems: [
            { Put: { TableName: 'Sessions' } },
            { ConditionCheck: { TableName: 'Sessions' } },
            { Delete: { TableName: 'Other' } },
            { Put: { TableName: 'Sessions' } },
          ],
        },
        SCOPE,
      ),
      checks(
        ['dynamodb:PutItem', TABLE],
        ['dynamodb:ConditionCheckItem', TABLE],
        ['dynamodb:DeleteItem', TABLE.replace('Sessions', 'Other')],
      ),
    );
    assert.deepEqual(
      dynamodbAuthorizations('TransactGetItems', { TransactItems: [{ Get: { TableName: 'Sessions' } }] }, SCOPE),
      checks(['dynamodb:GetItem', TABLE]),
    );
    assert.deepEqual(dynamodbAuthorizations('ListTables', {}, SCOPE), checks(['dynamodb:ListTables', '*']));
  });

  it('bodies without a table, and operations it cannot map, are left to the service, by name', () => {
    for (const body of [undefined, null, 'text', [], {}, { TableName: '' }, { TableName: 7 }]) {
      assert.deepEqual(dynamodbAuthorizations('PutItem', body, SCOPE), {
        kind: 'unmapped',
        reason: 'PutItem without a TableName',
      });
    }
    assert.deepEqual(dynamodbAuthorizations('BatchGetItem', { RequestItems: 'x' }, SCOPE), {
      kind: 'unmapped',
      reason: 'BatchGetItem without RequestItems',
    });
    assert.deepEqual(dynamodbAuthorizations('TransactWriteItems', { TransactItems: [{ Put: {} }, 'x'] }, SCOPE), {
      kind: 'unmapped',
      reason: 'TransactWriteItems without TransactItems naming tables',
    });
    assert.deepEqual(dynamodbAuthorizations('ExecuteStatement', { Statement: 'SELECT * FROM Sessions' }, SCOPE), {
      kind: 'unmapped',
      reason: 'DynamoDB operation ExecuteStatement is not mapped to IAM actions locally',
    });
    assert.deepEqual(dynamodbAuthorizations('__proto__', {}, SCOPE).kind, 'unmapped');
  });

  it('a hostile table name stays one resource (the evaluator refuses a pattern)', () => {
    assert.deepEqual(
      dynamodbAuthorizations('DeleteItem', { TableName: '*' }, SCOPE),
      checks(['dynamodb:DeleteItem', 'arn:aws:dynamodb:eu-west-1:210987654321:table/*']),
    );
  });
});

describe('Step Functions, @connections and Lambda requests', () => {
  it('StartExecution and StartSyncExecution act on the state machine the body names', () => {
    const arn = 'arn:aws:states:eu-west-1:210987654321:stateMachine:local-Async';
    assert.deepEqual(
      statesAuthorizations('StartExecution', { stateMachineArn: arn, input: '{}' }),
      checks(['states:StartExecution', arn]),
    );
    assert.deepEqual(
      statesAuthorizations('StartSyncExecution', { stateMachineArn: arn }),
      checks(['states:StartSyncExecution', arn]),
    );
    assert.deepEqual(statesAuthorizations('StartExecution', { input: '{}' }), {
      kind: 'unmapped',
      reason: 'StartExecution without a stateMachineArn',
    });
    assert.equal(statesAuthorizations('DescribeExecution', {}).kind, 'unmapped');
    const execution = `${arn.replace(':stateMachine:', ':execution:')}:run-1`;
    for (const operation of ['DescribeExecution', 'GetExecutionHistory', 'StopExecution']) {
      assert.deepEqual(
        statesAuthorizations(operation, { executionArn: execution }),
        checks([`states:${operation}`, execution]),
      );
    }
    assert.deepEqual(
      statesAuthorizations('ListExecutions', { stateMachineArn: arn }),
      checks(['states:ListExecutions', arn]),
    );
    assert.deepEqual(statesAuthorizations('ListStateMachines', {}), checks(['states:ListStateMachines', '*']));
    assert.equal(statesAuthorizations('CreateStateMachine', { name: 'x' }).kind, 'unmapped');
  });

  it("@connections acts on the method's ARN with the literal {connectionId}", () => {
    const scope = { ...SCOPE, apiId: 'abc123defg', stage: 'api' };
    assert.equal(
      connectionsResource(scope, 'DELETE'),
      'arn:aws:execute-api:eu-west-1:210987654321:abc123defg/api/DELETE/@connections/{connectionId}',
    );
    assert.deepEqual(
      connectionsAuthorizations(scope, 'POST'),
      checks([
        'execute-api:ManageConnections',
        'arn:aws:execute-api:eu-west-1:210987654321:abc123defg/api/POST/@connections/{connectionId}',
      ]),
    );
    assert.deepEqual(connectionsAuthorizations(scope, 'PATCH'), {
      kind: 'unmapped',
      reason: '@connections has no PATCH operation',
    });
  });

  it("Lambda invoke acts on the function; API Gateway's source is the route or the authorizer", () => {
    const fn = 'arn:aws:lambda:eu-west-1:210987654321:function:f';
    assert.deepEqual(lambdaInvokeAuthorizations(fn), checks(['lambda:InvokeFunction', fn]));
    const scope = { ...SCOPE, apiId: 'abc123defg' };
    assert.equal(
      apiGatewaySourceArn(scope, { stage: 'api', routeKey: '$default' }),
      'arn:aws:execute-api:eu-west-1:210987654321:abc123defg/api/$default',
    );
    assert.equal(
      apiGatewaySourceArn(scope, { authorizerId: 'a1b2c3d' }),
      'arn:aws:execute-api:eu-west-1:210987654321:abc123defg/authorizers/a1b2c3d',
    );
  });
});
