/**
 * The example's greet workflow under IAM: its generated role holds exactly what its Task states call, so the
 * shipped template runs every Task, and a template with any one statement removed fails the Task that needed it
 * with the error and cause AWS gives, before that call reaches its service, and nothing after it runs. The
 * services are recording fakes; the IAM guard and the Task backends are the stack's own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import type { DynamoDbService } from '../../../local/dynamodb/index.ts';
import type { LambdaService } from '../../../local/lambda/index.ts';
import { createStackIamGuard } from '../../../local/stack/iam-guard.ts';
import { workflowTaskBackends } from '../../../local/stack/workflow-tasks.ts';
import { createStepFunctionsService, type ExecutionRecord } from '../../../local/stepfunctions/index.ts';
import {
  functionsFromTemplate,
  loadLocalTemplate,
  stateMachinesFromTemplate,
  tablesFromTemplate,
} from '../../../local/template/index.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const TEMPLATE = new URL('../../../examples/workflows/template.yaml', import.meta.url).pathname;
const STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' };
const CONNECTION = 'L0SM9cOFvHcCIhw=';

/** Runs GreetStateMachine of the (edited) example template once; every service call that got through is in `calls`. */
async function runGreet(
  edit: (template: CfnTemplate) => void = () => {},
): Promise<{ execution: ExecutionRecord; calls: string[]; table: string }> {
  const template = loadLocalTemplate(readFileSync(writeTemplateVariant(TEMPLATE, edit), 'utf8'), STACK);
  const guard = await createStackIamGuard(template, {
    ...STACK,
    apiId: template.physicalIds.get('WebSocketApi')?.ref ?? '',
    stage: 'flows',
    log: () => {},
  });
  const calls: string[] = [];
  const lambda = {
    invoke: async (name: string) => {
      calls.push(`lambda ${name}`);
      return { kind: 'result', result: { text: 'Hello!' } };
    },
  } as unknown as LambdaService;
  const dynamodb = {
    send: async (operation: string) => {
      calls.push(`dynamodb ${operation}`);
      const body =
        operation === 'GetItem' ? { Item: { connectedAt: { N: '1' } } } : { Attributes: { greetings: { N: '1' } } };
      return { statusCode: 200, headers: {}, body: JSON.stringify(body) };
    },
  } as unknown as DynamoDbService;
  const machines = stateMachinesFromTemplate(template);
  const service = createStepFunctionsService({
    region: STACK.region,
    accountId: STACK.accountId,
    waitTimeScale: 0,
    log: () => {},
    stateMachines: machines.map((m) => ({ arn: m.arn, name: m.name, type: m.type, definition: m.definition })),
    invokeApiGateway: async (parameters, caller) => {
      const denied = await guard.apiGatewayTask(caller.stateMachineArn, parameters);
      if (denied) return denied;
      calls.push(`@connections ${parameters.Method}`);
      return { statusCode: 200, headers: {}, body: '' };
    },
    ...workflowTaskBackends({
      lambda,
      dynamodb,
      iam: guard.tasks,
      region: STACK.region,
      accountId: STACK.accountId,
      partition: 'aws',
      functionNames: new Map(functionsFromTemplate(template).map((fn) => [fn.arn, fn.functionName])),
    }),
  });
  await service.start();
  const machine = machines.find((m) => m.logicalId === 'GreetStateMachine');
  const started = await service.startExecution(
    JSON.stringify({ stateMachineArn: machine?.arn, input: JSON.stringify({ data: {}, ConnectionID: CONNECTION }) }),
  );
  await service.waitForIdle();
  const execution = service.describeExecution((JSON.parse(started.body) as { executionArn: string }).executionArn)!;
  await service.stop();
  return { execution, calls, table: tablesFromTemplate(template)[0]?.tableName ?? '' };
}

/** Removes the role statement whose Action is `action`. */
const withoutStatement = (action: string) => (template: CfnTemplate) => {
  const policies = (template.Resources['GreetStateMachineRole']!.Properties as CfnObject)['Policies'] as CfnObject[];
  const document = policies[0]?.['PolicyDocument'] as CfnObject;
  const statements = document['Statement'] as CfnObject[];
  const kept = statements.filter((statement) => !(statement['Action'] as string[]).includes(action));
  assert.equal(kept.length, statements.length - 1, `the role has one ${action} statement`);
  document['Statement'] = kept;
};

const denial = (action: string, resource: string) =>
  'User: arn:aws:sts::123456789012:assumed-role/local-GreetStateMachineRole/states is not authorized to perform: ' +
  `${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe("the greet workflow's derived role, enforced locally", () => {
  it('the generated role lets every Task through', async () => {
    const { execution, calls } = await runGreet();
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    assert.deepEqual(calls, [
      'dynamodb GetItem',
      'lambda local-ComposeFunction',
      'dynamodb UpdateItem',
      '@connections POST',
    ]);
  });

  it("without dynamodb:GetItem: DynamoDB.AmazonDynamoDBException with AWS's AccessDenied cause; nothing runs", async () => {
    const { execution, calls, table } = await runGreet(withoutStatement('dynamodb:GetItem'));
    assert.equal(execution.error, 'DynamoDB.AmazonDynamoDBException');
    const resource = `arn:aws:dynamodb:us-east-1:123456789012:table/${table}`;
    assert.match(
      execution.cause ?? '',
      new RegExp(
        `^${escaped(denial('dynamodb:GetItem', resource))} \\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
    assert.deepEqual(calls, []);
  });

  it("without lambda:InvokeFunction: Lambda.AWSLambdaException with AWS's AccessDenied cause; the count is not written", async () => {
    const { execution, calls } = await runGreet(withoutStatement('lambda:InvokeFunction'));
    assert.equal(execution.error, 'Lambda.AWSLambdaException');
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:local-ComposeFunction';
    assert.match(
      execution.cause ?? '',
      new RegExp(
        `^${escaped(denial('lambda:InvokeFunction', resource))} \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
    assert.deepEqual(calls, ['dynamodb GetItem']);
  });

  it('without dynamodb:UpdateItem: the Task fails before the write, and no answer is sent', async () => {
    const { execution, calls } = await runGreet(withoutStatement('dynamodb:UpdateItem'));
    assert.equal(execution.error, 'DynamoDB.AmazonDynamoDBException');
    assert.match(
      execution.cause ?? '',
      /is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table\//,
    );
    assert.deepEqual(calls, ['dynamodb GetItem', 'lambda local-ComposeFunction']);
  });

  it('without execute-api:ManageConnections: ApiGateway.403 with the AccessDenied body, after the write it could not undo', async () => {
    const { execution, calls } = await runGreet(withoutStatement('execute-api:ManageConnections'));
    assert.equal(execution.error, 'ApiGateway.403');
    assert.match(
      JSON.parse(execution.cause ?? '{}').Message,
      /is not authorized to perform: execute-api:ManageConnections on resource: .*\/flows\/POST\/@connections\/\{connectionId\}/,
    );
    assert.deepEqual(calls, ['dynamodb GetItem', 'lambda local-ComposeFunction', 'dynamodb UpdateItem']);
  });
});
