/**
 * Step Functions' `apigateway:invoke` Task signed as the state machine's role: the shipped role may POST to
 * `@connections`; narrowed, the Task fails with `ApiGateway.403` and the AccessDenied body as its cause (a
 * 403 is neither retried nor caught by the template), and the API is never called.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import { createStackIamGuard } from '../../../local/stack/iam-guard.ts';
import { createStepFunctionsService, type ApiGatewayInvokeParameters } from '../../../local/stepfunctions/index.ts';
import { loadLocalTemplate, stateMachinesFromTemplate } from '../../../local/template/index.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' };

/** Runs AsyncSfnStateMachine of the (edited) template once, its Task guarded by IAM; the API answers 200. */
async function runAsyncWorkflow(edit: (template: CfnTemplate) => void = () => {}) {
  const template = loadLocalTemplate(readFileSync(writeTemplateVariant(TEMPLATE, edit), 'utf8'), STACK);
  const lines: string[] = [];
  const guard = await createStackIamGuard(template, {
    ...STACK,
    apiId: template.physicalIds.get('WebSocketApi')?.ref ?? '',
    stage: 'api',
    log: (line, level) => lines.push(`${level ?? 'info'} ${line}`),
  });
  const calls: ApiGatewayInvokeParameters[] = [];
  const machines = stateMachinesFromTemplate(template);
  const service = createStepFunctionsService({
    region: STACK.region,
    accountId: STACK.accountId,
    waitTimeScale: 0,
    stateMachines: machines.map((m) => ({ arn: m.arn, name: m.name, type: m.type, definition: m.definition })),
    invokeApiGateway: async (parameters, caller) => {
      const denied = await guard.apiGatewayTask(caller.stateMachineArn, parameters);
      if (denied) return denied;
      calls.push(parameters);
      return { statusCode: 200, headers: {}, body: '' };
    },
  });
  await service.start();
  const machine = machines.find((m) => m.logicalId === 'AsyncSfnStateMachine');
  const started = await service.startExecution(
    JSON.stringify({
      stateMachineArn: machine?.arn,
      input: JSON.stringify({ data: 1, ConnectionID: 'L0SM9cOFvHcCIhw=' }),
    }),
  );
  await service.waitForIdle();
  const execution = service.describeExecution((JSON.parse(started.body) as { executionArn: string }).executionArn);
  await service.stop();
  return { execution, calls, lines, apiId: template.physicalIds.get('WebSocketApi')?.ref ?? '' };
}

const notifyStatement = (template: CfnTemplate) => {
  const policies = (template.Resources['AsyncSfnStateMachineRole']!.Properties as CfnObject)['Policies'] as CfnObject[];
  return ((policies[0]!['PolicyDocument'] as CfnObject)['Statement'] as CfnObject[])[0] as CfnObject;
};

describe('IAM for Step Functions Tasks', () => {
  it('the generated role may POST to @connections: the Task reaches the API', async () => {
    const { execution, calls, lines } = await runAsyncWorkflow();
    assert.equal(execution?.status, 'SUCCEEDED', JSON.stringify(execution));
    assert.equal(calls.length, 1);
    // No warning; the allowed decision is a debug line naming the statement that allowed it.
    assert.deepEqual(lines, [
      `debug allowed: role AsyncSfnStateMachineRole may execute-api:ManageConnections on ${calls[0] ? `arn:aws:execute-api:us-east-1:123456789012:${calls[0].ApiEndpoint.split('.')[0]}/api/POST/@connections/{connectionId}` : ''} (AsyncSfnStateMachineRole/AsyncSfnWorkflow Statement[0])`,
    ]);
  });

  it("without ManageConnections on POST: States fails the Task with ApiGateway.403 and AWS's AccessDenied body", async () => {
    const { execution, calls, apiId } = await runAsyncWorkflow((template) => {
      const statement = notifyStatement(template);
      statement['Resource'] = JSON.parse(
        JSON.stringify(statement['Resource']).replace('/POST/', '/GET/'),
      ) as CfnObject[];
    });
    const resource = `arn:aws:execute-api:us-east-1:123456789012:${apiId}/api/POST/@connections/{connectionId}`;
    assert.equal(execution?.status, 'FAILED');
    assert.equal(execution?.error, 'ApiGateway.403');
    assert.deepEqual(JSON.parse(execution?.cause ?? ''), {
      Message:
        `User: arn:aws:sts::123456789012:assumed-role/local-AsyncSfnStateMachineRole/states is not authorized to perform: ` +
        `execute-api:ManageConnections on resource: ${resource} because no identity-based policy allows the execute-api:ManageConnections action`,
    });
    assert.equal(calls.length, 0);
  });

  it('a Task without AuthType IAM_ROLE calls @connections unsigned: 403 Missing Authentication Token', async () => {
    const { execution, calls } = await runAsyncWorkflow((template) => {
      const definition = (template.Resources['AsyncSfnStateMachine']!.Properties as CfnObject)[
        'Definition'
      ] as CfnObject;
      delete (((definition['States'] as CfnObject)['Notify Client'] as CfnObject)['Parameters'] as CfnObject)[
        'AuthType'
      ];
    });
    assert.equal(execution?.error, 'ApiGateway.403');
    assert.deepEqual(JSON.parse(execution?.cause ?? ''), { message: 'Missing Authentication Token' });
    assert.equal(calls.length, 0);
  });
});
