/** `access` on lambda routes and functions: exact config errors, and what the generator makes of it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject } from '../../cfn/types.ts';
import { applyAcceptances } from '../../checks/accepted.ts';
import { loadSpecDatabase, runStaticChecks } from '../../checks/index.ts';
import { parseConfig } from '../../generator/config/index.ts';
import { generateTemplate } from '../../generator/index.ts';
import { problemsOf } from '../support/config-problems.ts';

const route = (access: unknown, extra: Record<string, unknown> = {}) => ({
  routes: { send: { integration: 'lambda', handler: 'h.ts', access, ...extra } },
});
const handlers = new Map([['send', { codeUri: 'handlers/', entryPoint: 'h.ts', handler: 'h.handler' }]]);
const functionsPaths = new Map([['worker', { codeUri: 'handlers/', entryPoint: 'w.ts', handler: 'w.handler' }]]);

function generated(raw: Record<string, unknown>) {
  const template = generateTemplate(parseConfig(raw), { handlers, functions: functionsPaths });
  return template;
}
const propertiesOf = (template: ReturnType<typeof generated>, id: string) =>
  template.Resources[id]!.Properties as CfnObject;
const statementsOf = (template: ReturnType<typeof generated>, id: string) =>
  ((propertiesOf(template, id)['Policies'] as CfnObject[] | undefined)?.[0]?.['Statement'] as
    | CfnObject[]
    | undefined) ?? [];
const pairs = (statements: CfnObject[]) =>
  statements.map(
    (statement) =>
      `${(statement['Action'] as string[]).join()} ${JSON.stringify((statement['Resource'] as unknown[])[0])}`,
  );

describe('config: access', () => {
  it('defaults to nothing, on routes and functions alike', () => {
    const config = parseConfig({ ...route(undefined), functions: { worker: { handler: 'w.ts' } } });
    const none = { sessions: [], connections: [], tables: {}, queues: {}, statements: [] };
    assert.deepEqual((config.routes['send'] as { access: unknown }).access, none);
    assert.deepEqual(config.functions['worker']!.access, none);
    const template = generated({ ...route(undefined), functions: { worker: { handler: 'w.ts' } } });
    assert.equal(propertiesOf(template, 'SendFunction')['Policies'], undefined, 'no access, no policy');
    assert.equal(propertiesOf(template, 'WorkerFunction')['Policies'], undefined);
  });

  it('refuses unknown and repeated grants, wildcard or malformed actions, resources that are not ARNs, placeholders other than the pseudo parameters', () => {
    assert.deepEqual(
      problemsOf(route({ sessions: ['read', 'read', 'admin'], connections: ['post', 'post'], buckets: ['x'] })),
      [
        'routes.send.access.sessions.2: must be one of "read", "write" (got "admin")',
        'routes.send.access.connections: must not list a method twice (got ["post","post"])',
        'routes.send.access.buckets: unknown field (got ["x"])',
      ],
    );
    assert.deepEqual(problemsOf(route({ sessions: ['read', 'read'] })), [
      'routes.send.access.sessions: must not list an access twice (got ["read","read"])',
    ]);
    assert.deepEqual(
      problemsOf(
        route({
          statements: [
            { actions: ['*'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] },
            {
              actions: ['s3:Get*', 'sqs:SendMessage', 'SendMessage'],
              resources: ['queue-name', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${Queue}:q'],
            },
            { actions: [], resources: [] },
            { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:1:q'], effect: 'Deny' },
          ],
        }),
      ),
      [
        'routes.send.access.statements.0.actions.0: must be one IAM action, service:Action, without * or ? (least privilege: name each action) (got "*")',
        'routes.send.access.statements.1.actions.0: must be one IAM action, service:Action, without * or ? (least privilege: name each action) (got "s3:Get*")',
        'routes.send.access.statements.1.actions.2: must be one IAM action, service:Action, without * or ? (least privilege: name each action) (got "SendMessage")',
        'routes.send.access.statements.1.resources.0: must be an ARN (arn:…) or * (got "queue-name")',
        'routes.send.access.statements.1.resources.1: may hold only the placeholders ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}, ${AWS::URLSuffix} (got "arn:${AWS::Partition}:sqs:${AWS::Region}:${Queue}:q")',
        'routes.send.access.statements.2.actions: must list at least one action (got [])',
        'routes.send.access.statements.2.resources: must list at least one resource (got [])',
        'routes.send.access.statements.3.effect: unknown field (got "Deny")',
      ],
    );
  });

  it('a wildcard resource needs a reason; a reason without one is refused', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        functions: {
          worker: {
            handler: 'w.ts',
            access: {
              statements: [
                { actions: ['ses:SendEmail'], resources: ['*'] },
                { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:*:q'] },
                {
                  actions: ['sqs:SendMessage'],
                  resources: ['arn:aws:sqs:us-east-1:123456789012:q'],
                  reason: 'because',
                },
                { actions: ['ses:SendEmail'], resources: ['*'], reason: '' },
              ],
            },
          },
        },
      }),
      [
        'functions.worker.access.statements.0.reason: is required: a resource is a wildcard (bare \'*\'); scope it to one resource, or say why it cannot be (got ["*"])',
        'functions.worker.access.statements.1.reason: is required: a resource is a wildcard (\'*\' in the account field); scope it to one resource, or say why it cannot be (got ["arn:aws:sqs:us-east-1:*:q"])',
        'functions.worker.access.statements.2.reason: only a statement with a wildcard resource takes a reason; remove it (got "because")',
        'functions.worker.access.statements.3.reason: must not be empty (got "")',
      ],
    );
  });

  it('refuses a hand-set variable that the access sets, only when it does', () => {
    assert.deepEqual(
      problemsOf(
        route(
          { sessions: ['read'], connections: ['post'] },
          { environment: { PARTITION_KEY: 'x', CONNECTIONS_ENDPOINT: 'y' } },
        ),
      ),
      [
        'routes.send.environment.PARTITION_KEY: is set by the generator for access.sessions (handlers/lib/connections.ts reads it) (got "PARTITION_KEY")',
        'routes.send.environment.CONNECTIONS_ENDPOINT: is set by the generator for access.connections (handlers/lib/connections.ts reads it) (got "CONNECTIONS_ENDPOINT")',
      ],
    );
    assert.deepEqual(
      problemsOf({
        routes: {},
        functions: {
          worker: { handler: 'w.ts', environment: { CONNECTIONS_ENDPOINT: 'y' }, access: { connections: ['get'] } },
        },
      }),
      [
        'functions.worker.environment.CONNECTIONS_ENDPOINT: is set by the generator for access.connections (handlers/lib/connections.ts reads it) (got "CONNECTIONS_ENDPOINT")',
      ],
    );
    assert.doesNotThrow(() => parseConfig(route({}, { environment: { PARTITION_KEY: 'mine' } })));
  });
});

describe('generator: access', () => {
  it('one statement per action and resource: sessions read and write (Query on each index too), @connections per method', () => {
    const template = generated({
      ...route({ sessions: ['read', 'write'], connections: ['post', 'delete'] }),
      sessions: {
        partitionKey: 'id',
        indexes: [{ name: 'ByUser', attribute: 'user', source: { from: 'query', name: 'user' } }],
      },
    });
    const table = { 'Fn::GetAtt': ['SessionsTable', 'Arn'] };
    const connections = (method: string) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebSocketApi}/\${ApiStageName}/${method}/@connections/{connectionId}`,
    });
    assert.deepEqual(pairs(statementsOf(template, 'SendFunction')), [
      `dynamodb:GetItem ${JSON.stringify(table)}`,
      `dynamodb:Query ${JSON.stringify(table)}`,
      `dynamodb:Query ${JSON.stringify({ 'Fn::Join': ['/', [table, 'index', 'ByUser']] })}`,
      `dynamodb:Scan ${JSON.stringify(table)}`,
      `dynamodb:PutItem ${JSON.stringify(table)}`,
      `dynamodb:UpdateItem ${JSON.stringify(table)}`,
      `dynamodb:DeleteItem ${JSON.stringify(table)}`,
      `execute-api:ManageConnections ${JSON.stringify(connections('POST'))}`,
      `execute-api:ManageConnections ${JSON.stringify(connections('DELETE'))}`,
    ]);
    const variables = (propertiesOf(template, 'SendFunction')['Environment'] as { Variables: CfnObject }).Variables;
    assert.deepEqual(Object.keys(variables), ['SESSIONS_TABLE', 'PARTITION_KEY', 'CONNECTIONS_ENDPOINT']);
    assert.equal(variables['PARTITION_KEY'], 'id');
  });

  it('explicit statements split per action and resource; placeholders become Fn::Sub; a wildcard carries its reason as a reviewed acceptance', () => {
    const template = generated({
      routes: {},
      functions: {
        worker: {
          handler: 'w.ts',
          access: {
            connections: ['get'],
            statements: [
              {
                actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
                resources: [
                  'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders',
                  'arn:aws:sqs:us-east-1:123456789012:audit',
                ],
              },
              {
                actions: ['ses:SendEmail'],
                resources: ['*'],
                reason: 'the sending identities are verified outside this stack',
              },
            ],
          },
        },
      },
    });
    assert.deepEqual(pairs(statementsOf(template, 'WorkerFunction')).slice(1), [
      'sqs:SendMessage {"Fn::Sub":"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders"}',
      'sqs:SendMessage "arn:aws:sqs:us-east-1:123456789012:audit"',
      'sqs:GetQueueUrl {"Fn::Sub":"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders"}',
      'sqs:GetQueueUrl "arn:aws:sqs:us-east-1:123456789012:audit"',
      'ses:SendEmail "*"',
    ]);
    assert.deepEqual((template.Resources['WorkerFunction']!.Metadata as CfnObject)['checks'], {
      accept: [
        {
          check: 'iam/resource-wildcard',
          at: 'Properties.Policies[0].Statement[5]',
          reason: 'the sending identities are verified outside this stack',
        },
      ],
    });
    // The template checks see the wildcard, accept it with its reason, and find nothing else.
    const findings = applyAcceptances(template, runStaticChecks(template, loadSpecDatabase()));
    assert.deepEqual(
      findings.filter((finding) => finding.level === 'error'),
      [],
    );
    assert.deepEqual(
      findings
        .filter((finding) => finding.check === 'iam/resource-wildcard')
        .map((finding) => [finding.level, finding.path, finding.message.slice(0, 70)]),
      [
        [
          'warning',
          'Resources.WorkerFunction.Properties.Policies[0].Statement[5].Resource[0]',
          'accepted (the sending identities are verified outside this stack): Res',
        ],
      ],
    );
  });
});
