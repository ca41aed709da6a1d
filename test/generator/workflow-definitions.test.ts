/**
 * A workflow definition against the config it belongs to: every `${...}` a placeholder the config provides, every
 * Task resource one the project runs on something the config declares. Exact messages: the config field, the
 * state and where in it, the rule, the value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../generator/config/index.ts';
import { analyzeWorkflow } from '../../generator/workflows/analyze.ts';

const FIELD = 'routes.flow.workflow.definition';
const config = parseConfig({
  routes: { flow: { integration: 'stepFunctions', type: 'STANDARD', workflow: { definition: 'flow.asl.json' } } },
  functions: { compose: { handler: 'compose.ts' } },
  sessions: { indexes: [{ name: 'ByUser', attribute: 'userId', source: { from: 'query', name: 'user' } }] },
});
const KNOWN = '${ApiEndpoint}, ${Stage}, ${SessionsTable}, ${Function_compose}';

/** A definition of the given states, the first one starting it. */
const machine = (states: Record<string, unknown>) => ({ StartAt: Object.keys(states)[0], States: states });
const task = (Resource: string, Parameters?: unknown) => ({
  Type: 'Task',
  Resource,
  ...(Parameters === undefined ? {} : { Parameters }),
  End: true,
});
const problems = (states: Record<string, unknown>) => analyzeWorkflow(machine(states), config, FIELD).problems;

const connections = {
  ApiEndpoint: '${ApiEndpoint}',
  Stage: '${Stage}',
  Method: 'POST',
  'Path.$': "States.Format('/@connections/{}', $.ConnectionID)",
  AuthType: 'IAM_ROLE',
};

describe('workflow definitions against the config', () => {
  it('accepts every supported Task: Lambda both ways, DynamoDB optimized and SDK, @connections', () => {
    assert.deepEqual(
      problems({
        Invoke: task('arn:aws:states:::lambda:invoke', { FunctionName: '${Function_compose}', 'Payload.$': '$' }),
        Arn: task('${Function_compose}'),
        Get: task('arn:aws:states:::dynamodb:getItem', {
          TableName: '${SessionsTable}',
          Key: { connectionid: { 'S.$': '$.ConnectionID' } },
        }),
        Query: task('arn:aws:states:::aws-sdk:dynamodb:query', {
          TableName: '${SessionsTable}',
          IndexName: 'ByUser',
          KeyConditionExpression: 'userId = :u',
        }),
        Post: task('arn:aws:states:::apigateway:invoke', connections),
      }),
      [],
    );
  });

  it('names an unknown placeholder with the state, the place and every placeholder the config provides', () => {
    assert.deepEqual(
      problems({
        Get: task('arn:aws:states:::dynamodb:getItem', { TableName: '${Table_orders}', Key: {} }),
        Invoke: task('arn:aws:states:::lambda:invoke', { FunctionName: '${Function_nope}' }),
        Pass: { Type: 'Pass', Result: { note: 'at ${AWS::Region}' }, End: true },
      }),
      [
        `${FIELD}: state "Get" Parameters.TableName: \${Table_orders} is not a substitution the config provides; use one of ${KNOWN} (got "\${Table_orders}")`,
        `${FIELD}: state "Invoke" Parameters.FunctionName: \${Function_nope} is not a substitution the config provides; use one of ${KNOWN} (got "\${Function_nope}")`,
        `${FIELD}: state "Pass" Result.note: \${AWS::Region} is not a substitution the config provides; use one of ${KNOWN} (got "\${AWS::Region}")`,
      ],
    );
  });

  it('refuses a Task resource the project does not run, and integration patterns other than request-response', () => {
    assert.deepEqual(
      problems({
        Publish: task('arn:aws:states:::sns:publish', { TopicArn: 'x' }),
        Wait: task('arn:aws:states:::lambda:invoke.waitForTaskToken', { FunctionName: '${Function_compose}' }),
        Scan: task('arn:aws:states:::dynamodb:query', { TableName: '${SessionsTable}' }),
      }),
      [
        `${FIELD}: state "Publish" Resource: "arn:aws:states:::sns:publish" is not a Task resource the project runs (supported: arn:aws:states:::lambda:invoke, a function ARN, ` +
          'arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, arn:aws:states:::aws-sdk:dynamodb:getItem|putItem|updateItem|deleteItem|query, ' +
          'arn:aws:states:::apigateway:invoke) (got "arn:aws:states:::sns:publish")',
        `${FIELD}: state "Wait" Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken" uses the waitForTaskToken integration pattern; only request-response (no suffix) is supported (got "arn:aws:states:::lambda:invoke.waitForTaskToken")`,
        `${FIELD}: state "Scan" Resource: "arn:aws:states:::dynamodb:query": the optimized DynamoDB integration has no Query; use arn:aws:states:::aws-sdk:dynamodb:query (got "arn:aws:states:::dynamodb:query")`,
      ],
    );
  });

  it('refuses names a role could not be scoped to: paths, literal ARNs, other placeholders', () => {
    assert.deepEqual(
      problems({
        ByPath: task('arn:aws:states:::lambda:invoke', { 'FunctionName.$': '$.fn' }),
        Literal: task('arn:aws:lambda:us-east-1:123456789012:function:other'),
        Table: task('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: '${Function_compose}', Item: {} }),
        Index: task('arn:aws:states:::aws-sdk:dynamodb:query', {
          TableName: '${SessionsTable}',
          'IndexName.$': '$.index',
        }),
        Other: task('arn:aws:states:::aws-sdk:dynamodb:query', { TableName: '${SessionsTable}', IndexName: 'ByOrder' }),
      }),
      [
        `${FIELD}: state "ByPath" Parameters.FunctionName.$: must be the \${Function_<name>} of a function in functions, written as is (a path could name anything at run time; the role could not be scoped to it) (got "$.fn")`,
        `${FIELD}: state "Literal" Resource: a function ARN must be a function in functions, written \${Function_<name>} (the role is scoped to it) (got "arn:aws:lambda:us-east-1:123456789012:function:other")`,
        `${FIELD}: state "Table" Parameters.TableName: must be \${SessionsTable} or the \${Table_<name>} of a table in tables, written as is (got "\${Function_compose}")`,
        `${FIELD}: state "Index" Parameters.IndexName.$: must be written as is (ByUser): the role is scoped to the index (got "$.index")`,
        `${FIELD}: state "Other" Parameters.IndexName: must be an index of the sessions table (ByUser) (got "ByOrder")`,
      ],
    );
  });

  it('checks Parameters against what each integration takes', () => {
    assert.deepEqual(
      problems({
        Get: task('arn:aws:states:::dynamodb:getItem', { TableName: '${SessionsTable}', Key: {}, 'Limit.$': '$.n' }),
        Invoke: task('arn:aws:states:::lambda:invoke', { FunctionName: '${Function_compose}', Qualifier: 'live' }),
        NoParameters: task('arn:aws:states:::aws-sdk:dynamodb:getItem'),
      }),
      [
        `${FIELD}: state "Get" Parameters.Limit.$: is not a field the optimized dynamodb:GetItem takes here (Key, TableName, AttributesToGet, ConsistentRead, ExpressionAttributeNames, ProjectionExpression, ReturnConsumedCapacity) (got "Limit.$")`,
        `${FIELD}: state "Invoke" Parameters.Qualifier: is not a field arn:aws:states:::lambda:invoke takes here (FunctionName, Payload) (got "Qualifier")`,
        `${FIELD}: state "NoParameters" Parameters: must be an object (got nothing)`,
        `${FIELD}: state "NoParameters" Parameters.TableName: must be \${SessionsTable} or the \${Table_<name>} of a table in tables, written as is (got nothing)`,
      ],
    );
  });

  it('holds @connections calls to this API, signed, one literal method', () => {
    const { ApiEndpoint: _endpoint, ...rest } = connections;
    assert.deepEqual(
      problems({
        Elsewhere: task('arn:aws:states:::apigateway:invoke', {
          ...connections,
          ApiEndpoint: 'abc.execute-api.us-east-1.amazonaws.com',
          Path: '/orders',
        }),
        Unsigned: task('arn:aws:states:::apigateway:invoke', {
          ...connections,
          AuthType: 'NO_AUTH',
          'Method.$': '$.method',
          Method: undefined,
        }),
        NoEndpoint: task('arn:aws:states:::apigateway:invoke', rest),
      }),
      [
        `${FIELD}: state "Elsewhere" Parameters.ApiEndpoint: must be \${ApiEndpoint} (this API's @connections), written as is (got "abc.execute-api.us-east-1.amazonaws.com")`,
        `${FIELD}: state "Elsewhere" Parameters.Path: must start with /@connections/ (the only API the role may call) (got "/orders")`,
        `${FIELD}: state "Unsigned" Parameters.AuthType: must be "IAM_ROLE": @connections takes signed requests only (got "NO_AUTH")`,
        `${FIELD}: state "Unsigned" Parameters.Method: must be "GET", "POST" or "DELETE" as written (the @connections operations; the role is scoped per method) (got "$.method")`,
        `${FIELD}: state "NoEndpoint" Parameters.ApiEndpoint: must be \${ApiEndpoint} (this API's @connections), written as is (got nothing)`,
      ],
    );
  });

  it('walks Parallel branches and Map processors (both ItemProcessor and the older Iterator)', () => {
    const inner = (name: string) => ({
      StartAt: name,
      States: { [name]: task('arn:aws:states:::sqs:sendMessage', {}) },
    });
    assert.deepEqual(
      problems({
        Fan: { Type: 'Parallel', Branches: [inner('In Branch')], Next: 'Each' },
        Each: { Type: 'Map', ItemProcessor: { ...inner('In Map'), ProcessorConfig: { Mode: 'INLINE' } }, Next: 'Old' },
        Old: { Type: 'Map', Iterator: inner('In Iterator'), End: true },
      }).map((line) => line.split(' Resource:')[0]),
      [`${FIELD}: state "In Branch"`, `${FIELD}: state "In Map"`, `${FIELD}: state "In Iterator"`],
    );
  });

  it('refuses JSONata, Task credentials, CloudFormation intrinsics and unclosed placeholders', () => {
    const definition = {
      ...machine({
        Get: {
          ...task('arn:aws:states:::dynamodb:getItem', {
            TableName: '${SessionsTable}',
            Key: { id: { Ref: 'Secret' } },
          }),
          Credentials: { RoleArn: 'arn:aws:iam::1:role/x' },
        },
        Note: { Type: 'Pass', Result: 'cost ${5', QueryLanguage: 'JSONata', End: true },
      }),
      QueryLanguage: 'JSONata',
    };
    assert.deepEqual(analyzeWorkflow(definition, config, FIELD).problems, [
      `${FIELD}: state "Get" Parameters.Key.id: {"Ref": ...} would be read by CloudFormation as an intrinsic function; use \${...} placeholders (got "Ref")`,
      `${FIELD}: state "Get" Credentials: is not supported: the Task runs as the state machine's role (got {"RoleArn":"arn:aws:iam::1:role/x"})`,
      `${FIELD}: state "Note" Result: has a "\${" no "}" closes (CloudFormation reads \${...} as a substitution) (got "cost \${5")`,
      `${FIELD}: state "Note": QueryLanguage must be JSONPath (JSONata is not supported) (got "JSONata")`,
      `${FIELD}: the definition: QueryLanguage must be JSONPath (JSONata is not supported) (got "JSONata")`,
    ]);
  });

  it('refuses text a template cannot carry: a lone UTF-16 surrogate', () => {
    assert.deepEqual(problems({ Note: { Type: 'Pass', Result: 'a\ud800', End: true } }), [
      `${FIELD}: state "Note" Result: must be valid Unicode text (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode) (got "a\\ud800")`,
    ]);
  });

  it('shows hostile state names escaped, on one line', () => {
    const [line] = problems({ 'a\u202eb\nc': task('arn:aws:states:::sns:publish') });
    assert.ok(line?.startsWith(`${FIELD}: state "a\\u202eb\\nc" Resource:`), line);
    assert.equal(line?.includes('\n'), false);
  });
});
