/** The stack's IAM guard on integration calls: credentials, trust, mapping, and a start refused for a malformed policy. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import { IamTemplateError } from '../../../local/iam/index.ts';
import { createStackIamGuard } from '../../../local/stack/iam-guard.ts';
import { loadLocalTemplate } from '../../../local/template/index.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' };
const ROLE = (name: string) => `arn:aws:iam::${STACK.accountId}:role/local-${name}`;
const PUT = JSON.stringify({ TableName: 'local-Sessions', Item: { connectionid: { S: 'a' } } });

async function guardFor(edit: (template: CfnTemplate) => void = () => {}) {
  const template = loadLocalTemplate(readFileSync(writeTemplateVariant(TEMPLATE, edit), 'utf8'), STACK);
  const lines: string[] = [];
  const guard = await createStackIamGuard(template, { ...STACK, apiId: 'abc123defg', stage: 'api', log: (line) => lines.push(line) });
  return { guard, lines };
}

describe('stack IAM guard: API Gateway service integrations', () => {
  it('lets the generated role through, and answers DynamoDB\'s AccessDeniedException for another action', async () => {
    const { guard } = await guardFor();
    assert.equal(await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'PutItem', PUT), undefined);
    const denied = await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'DeleteItem', PUT);
    assert.equal(denied?.statusCode, 400);
    assert.equal(denied?.headers['x-amzn-ErrorType'], 'AccessDeniedException');
    assert.deepEqual(JSON.parse(denied?.body ?? ''), {
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: `User: arn:aws:sts::${STACK.accountId}:assumed-role/local-ConnectIntegrationRole/apigateway is not authorized to perform: `
        + `dynamodb:DeleteItem on resource: arn:aws:dynamodb:us-east-1:${STACK.accountId}:table/local-Sessions because no identity-based policy allows the dynamodb:DeleteItem action`,
    });
  });

  it('fails the integration without CredentialsArn, or with a role API Gateway may not assume', async () => {
    const { guard } = await guardFor();
    await assert.rejects(guard.serviceCall(undefined, 'dynamodb', 'PutItem', PUT), /the integration has no CredentialsArn, so API Gateway has no role to call dynamodb with/);
    await assert.rejects(guard.serviceCall(ROLE('SyncSfnStateMachineRole'), 'states', 'StartSyncExecution', '{}'), /API Gateway cannot assume .*SyncSfnStateMachineRole/);
  });

  it('lets a body it cannot map reach the service (which answers it), naming the reason once', async () => {
    const { guard, lines } = await guardFor();
    for (const body of ['not json', '{"Item":{}}', 'not json']) {
      assert.equal(await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'PutItem', body), undefined);
    }
    assert.deepEqual(lines, ['not evaluated: PutItem without a TableName']);
    assert.equal(await guard.serviceCall(undefined, 'sqs', 'SendMessage', '{}'), undefined, 'services the stack does not run answer UnknownOperation themselves');
  });

  it('refuses to start on a policy IAM would refuse, naming the role, policy and statement', async () => {
    await assert.rejects(guardFor((template) => {
      const policies = (template.Resources['ConnectIntegrationRole']!.Properties as CfnObject)['Policies'] as CfnObject[];
      ((policies[0]!['PolicyDocument'] as CfnObject)['Statement'] as CfnObject[])[0]!['Effect'] = 'Permit';
    }), (error: unknown) => {
      assert.ok(error instanceof IamTemplateError);
      assert.match(error.message, /role ConnectIntegrationRole: ConnectIntegrationRole\/SessionsPutItem: Statement\[0\]\.Effect: /);
      assert.match(error.message, /start with --iam off/);
      return true;
    });
  });
});
