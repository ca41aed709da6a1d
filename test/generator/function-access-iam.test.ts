/**
 * The chat example's function role under IAM evaluation (local/iam, iam-simulate): every call the handler's helper
 * makes (handlers/lib/connections.ts: Scan the sessions table, DeleteItem a stale record, PostToConnection) is
 * allowed, and the role without any one of its needed statements is refused that call, as AWS would. The local
 * stack does not yet check a function's own SDK calls against IAM (local/FEATURES.md), so the template shows it here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { collectTemplatePolicies, connectionsResource, createIamEvaluator, tableArn } from '../../local/iam/index.ts';
import { loadLocalTemplate, tablesFromTemplate } from '../../local/template/index.ts';
import { writeTemplateVariant } from '../support/template-variant.ts';

const TEMPLATE = new URL('../../examples/chat/template.yaml', import.meta.url).pathname;
const STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' };
const SCOPE = { partition: 'aws', region: STACK.region, accountId: STACK.accountId };

/** Whether the role of `functionId` may make each of the helper's calls, in the (edited) chat template. */
async function helperCalls(templateFile: string, roleId: string): Promise<Record<string, boolean>> {
  const template = loadLocalTemplate(readFileSync(templateFile, 'utf8'), STACK);
  const policies = collectTemplatePolicies(template);
  const evaluator = createIamEvaluator({ policies, accountId: STACK.accountId, region: STACK.region, log: () => {} });
  const role = policies.roles.find((candidate) => candidate.logicalId === roleId);
  assert.ok(role, `the template has ${roleId}`);
  const table = tableArn(tablesFromTemplate(template)[0]!.tableName, SCOPE);
  const apiId = template.physicalIds.get('WebSocketApi')!.ref;
  const calls = {
    'dynamodb:Scan': table,
    'dynamodb:DeleteItem': table,
    'execute-api:ManageConnections': connectionsResource({ ...SCOPE, apiId, stage: 'chat' }, 'POST'),
  };
  const decisions: Record<string, boolean> = {};
  for (const [action, resource] of Object.entries(calls)) {
    decisions[action] = (await evaluator.authorize({ principal: role.arn, action, resource })).allowed;
  }
  return decisions;
}

const withoutStatement = (action: string) => (template: CfnTemplate) => {
  const properties = template.Resources['SendmessageFunction']!.Properties as CfnObject;
  const document = (properties['Policies'] as CfnObject[])[0]!;
  const statements = document['Statement'] as CfnObject[];
  // The sessions table's and @connections' statements: the chat's messages table has its own (MessagesTable).
  const needed = (statement: CfnObject) =>
    (statement['Action'] as string[]).includes(action) &&
    !JSON.stringify(statement['Resource']).includes('MessagesTable');
  document['Statement'] = statements.filter((statement) => !needed(statement));
  assert.equal((document['Statement'] as CfnObject[]).length, statements.length - 1, `one ${action} statement`);
};

describe("the chat function's role", () => {
  it('allows every call the helper makes', async () => {
    assert.deepEqual(await helperCalls(TEMPLATE, 'SendmessageFunctionRole'), {
      'dynamodb:Scan': true,
      'dynamodb:DeleteItem': true,
      'execute-api:ManageConnections': true,
    });
  });

  it('without any one needed statement, refuses exactly that call', async () => {
    for (const action of ['dynamodb:Scan', 'dynamodb:DeleteItem', 'execute-api:ManageConnections']) {
      const decisions = await helperCalls(
        writeTemplateVariant(TEMPLATE, withoutStatement(action)),
        'SendmessageFunctionRole',
      );
      assert.deepEqual(
        decisions,
        { 'dynamodb:Scan': true, 'dynamodb:DeleteItem': true, 'execute-api:ManageConnections': true, [action]: false },
        action,
      );
    }
  });

  it("is the only role that may: the $disconnect integration's role may delete records, nothing more", async () => {
    assert.deepEqual(await helperCalls(TEMPLATE, 'DisconnectIntegrationRole'), {
      'dynamodb:Scan': false,
      'dynamodb:DeleteItem': true,
      'execute-api:ManageConnections': false,
    });
  });
});

describe('the chat example roles on the declared messages table', () => {
  async function decisions(roleId: string): Promise<Record<string, boolean>> {
    const template = loadLocalTemplate(readFileSync(TEMPLATE, 'utf8'), STACK);
    const policies = collectTemplatePolicies(template);
    const evaluator = createIamEvaluator({ policies, accountId: STACK.accountId, region: STACK.region, log: () => {} });
    const role = policies.roles.find((candidate) => candidate.logicalId === roleId);
    assert.ok(role, `the template has ${roleId}`);
    const messages = tablesFromTemplate(template).find((table) => table.logicalId === 'MessagesTable');
    assert.ok(messages, 'the template declares MessagesTable');
    const table = tableArn(messages.tableName, SCOPE);
    const result: Record<string, boolean> = {};
    for (const action of ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:Scan'])
      result[action] = (await evaluator.authorize({ principal: role.arn, action, resource: table })).allowed;
    return result;
  }

  it('history may only read it; sendmessage may only write it', async () => {
    assert.deepEqual(await decisions('HistoryFunctionRole'), {
      'dynamodb:PutItem': false,
      'dynamodb:Query': true,
      'dynamodb:DeleteItem': false,
      'dynamodb:Scan': true,
    });
    assert.deepEqual(await decisions('SendmessageFunctionRole'), {
      'dynamodb:PutItem': true,
      'dynamodb:Query': false,
      'dynamodb:DeleteItem': true,
      'dynamodb:Scan': false,
    });
  });
});
