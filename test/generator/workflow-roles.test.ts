/**
 * A state machine's role is derived from its definition's Task states: one statement per action and resource
 * they call, nothing else (and X-Ray with tracing). Its DefinitionSubstitutions hold exactly the placeholders used.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { ConfigError, parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';

const handler: ResolvedHandler = { codeUri: 'fns/', entryPoint: 'x.ts', handler: 'x.handler' };
const task = (Resource: string, Parameters?: unknown, Next?: string) => ({
  Type: 'Task',
  Resource,
  ...(Parameters ? { Parameters } : {}),
  ...(Next ? { Next } : { End: true }),
});
const key = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const TABLE = key('SessionsTable');
const POST = {
  'Fn::Sub':
    'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebSocketApi}/${ApiStageName}/POST/@connections/{connectionId}',
};
const allow = (action: string, resource: unknown) => ({ Effect: 'Allow', Action: [action], Resource: [resource] });

function generate(definition: object, extra: Partial<WsConfigInput> = {}): CfnTemplate {
  const config = parseConfig({
    routes: { flow: { integration: 'stepFunctions', type: 'STANDARD', workflow: { definition: 'flow.asl.json' } } },
    functions: { compose: { handler: 'fns/compose.ts' }, audit: { handler: 'fns/audit.ts' } },
    observability: { tracing: false },
    ...extra,
  });
  const template = generateTemplate(config, {
    handlers: new Map(Object.keys(config.routes).map((route) => [route, handler])),
    functions: new Map(Object.keys(config.functions).map((name) => [name, handler])),
    workflows: new Map([['flow', { file: 'flow.asl.json', definition: definition as Record<string, unknown> }]]),
  });
  return JSON.parse(JSON.stringify(template)) as CfnTemplate;
}

const statements = (template: CfnTemplate) =>
  (
    (
      (template.Resources['FlowStateMachineRole']!.Properties as CfnObject)['Policies'] as CfnObject[] | undefined
    )?.[0]?.['PolicyDocument'] as CfnObject | undefined
  )?.['Statement'] ?? [];
const properties = (template: CfnTemplate) => template.Resources['FlowStateMachine']?.Properties as CfnObject;

describe('state machine roles derived from the definition', () => {
  it('holds one statement per Task action and resource, in the order the Tasks need them, each only once', () => {
    const template = generate(
      {
        StartAt: 'Get',
        States: {
          Get: task('arn:aws:states:::dynamodb:getItem', { TableName: '${SessionsTable}', Key: {} }, 'Fan'),
          Fan: {
            Type: 'Parallel',
            Next: 'Each',
            Branches: [
              {
                StartAt: 'Compose',
                States: { Compose: task('arn:aws:states:::lambda:invoke', { FunctionName: '${Function_compose}' }) },
              },
            ],
          },
          Each: {
            Type: 'Map',
            Next: 'Again',
            ItemProcessor: {
              StartAt: 'Put',
              States: {
                Put: task('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: '${SessionsTable}', Item: {} }),
              },
            },
          },
          Again: task('${Function_compose}', undefined, 'Query'),
          Query: task(
            'arn:aws:states:::aws-sdk:dynamodb:query',
            { TableName: '${SessionsTable}', IndexName: 'ByUser' },
            'Reply',
          ),
          Reply: task('arn:aws:states:::apigateway:invoke', {
            ApiEndpoint: '${ApiEndpoint}',
            Stage: '${Stage}',
            Method: 'POST',
            'Path.$': '$.path',
            AuthType: 'IAM_ROLE',
          }),
        },
      },
      { sessions: { indexes: [{ name: 'ByUser', attribute: 'userId', source: { from: 'query', name: 'user' } }] } },
    );
    assert.deepEqual(statements(template), [
      allow('dynamodb:GetItem', TABLE),
      allow('lambda:InvokeFunction', key('ComposeFunction')),
      allow('dynamodb:PutItem', TABLE),
      allow('dynamodb:Query', { 'Fn::Join': ['/', [TABLE, 'index', 'ByUser']] }),
      allow('execute-api:ManageConnections', POST),
    ]);
    assert.deepEqual(properties(template)['DefinitionSubstitutions'], {
      ApiEndpoint: { 'Fn::Sub': '${WebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}' },
      Stage: { Ref: 'ApiStageName' },
      SessionsTable: { Ref: 'SessionsTable' },
      Function_compose: key('ComposeFunction'),
    });
  });

  it('grants nothing a Task does not call: a function only passed as data, a declared function no Task names', () => {
    const template = generate({
      StartAt: 'Note',
      States: { Note: { Type: 'Pass', Result: { callback: '${Function_audit}' }, End: true } },
    });
    assert.equal(template.Resources['FlowStateMachineRole']?.Properties?.['Policies'], undefined);
    assert.deepEqual(properties(template)['DefinitionSubstitutions'], { Function_audit: key('AuditFunction') });
    // Both functions are deployed, each with SAM's role and nothing more (no route, no invoke permission).
    assert.equal(template.Resources['ComposeFunction']?.Type, 'AWS::Serverless::Function');
    assert.equal(template.Resources['AuditFunction']?.Properties?.['Policies'], undefined);
    assert.equal(
      Object.keys(template.Resources).some((id) => id.startsWith('ComposeFunctionPermission')),
      false,
    );
  });

  it('adds X-Ray after the Task statements with tracing, and the definition as written', () => {
    const definition = { Comment: 'c', StartAt: 'Call', States: { Call: task('${Function_compose}') } };
    const template = generate(definition, { observability: { tracing: true } });
    assert.deepEqual(
      (statements(template) as CfnObject[]).map((statement) => statement['Action']),
      [
        ['lambda:InvokeFunction'],
        ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      ],
    );
    assert.deepEqual(properties(template)['Definition'], definition);
  });

  it("throws the definition's problems as a ConfigError when the loader was bypassed", () => {
    assert.throws(
      () => generate({ StartAt: 'Call', States: { Call: task('${Function_nope}') } }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'routes.flow.workflow.definition: state "Call" Resource: ${Function_nope} is not a substitution the config provides; ' +
            'use one of ${ApiEndpoint}, ${Stage}, ${SessionsTable}, ${Function_compose}, ${Function_audit} (got "${Function_nope}")',
        ]);
        return true;
      },
    );
  });

  it('refuses a function whose resource name a route already has, instead of overwriting it', () => {
    assert.throws(
      () =>
        generate(
          { StartAt: 'Call', States: { Call: task('${Function_compose}') } },
          {
            routes: {
              flow: { integration: 'stepFunctions', type: 'STANDARD', workflow: { definition: 'flow.asl.json' } },
              compose: { integration: 'lambda', handler: 'fns/route.ts' },
            },
          },
        ),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'functions.compose: its resources would be named ComposeFunction and ComposeFunctionRole, and the template already has ComposeFunction ' +
            '(from a route key or a built-in resource); rename the function (got "compose")',
        ]);
        return true;
      },
    );
  });
});
