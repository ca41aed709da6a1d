/**
 * The AWS::LanguageExtensions transform as the local loader applies it: Fn::ForEach expanded before anything reads
 * the template, and Fn::Length, Fn::ToJsonString and Fn::FindInMap with a default value; each refused, naming the
 * place and the rule, where CloudFormation would refuse it, and refused without the transform.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrationsFromTemplate, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK } from './fixtures.ts';

const TRANSFORMS = 'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n';
const load = (body: string, overrides: Record<string, string> = {}, transform = TRANSFORMS) =>
  loadLocalTemplate(`${transform}${body}`, { ...STACK, parameterOverrides: overrides });
const refusal = (body: string, message: string, transform = TRANSFORMS) =>
  assert.throws(() => load(body, {}, transform), { name: 'TemplateError', message: `template.yaml: ${message}` });

describe('Fn::ForEach', () => {
  it('expands resources, conditions and outputs per item: keys, Ref and Fn::Sub; &{} drops what is not alphanumeric', () => {
    const template = load(`
Parameters:
  Envs: { Type: CommaDelimitedList, Default: "dev,prod" }
Conditions:
  Fn::ForEach::Checks:
    - Env
    - !Ref Envs
    - Is\${Env}: !Equals [!Ref Env, prod]
Resources:
  Fn::ForEach::Tables:
    - Name
    - [orders, user-events]
    - Table&{Name}:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Sub \${AWS::StackName}-\${Name}
          Tags: [{ Key: kind, Value: !Ref Name }, { Key: literal, Value: !Sub "\${!Name}" }]
          KeySchema: [{ AttributeName: id, KeyType: HASH }]
          AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
          BillingMode: PAY_PER_REQUEST
Outputs:
  Fn::ForEach::Names:
    - Name
    - [orders, user-events]
    - Out&{Name}:
        Value: !Sub \${AWS::StackName}-\${Name}
`);
    assert.deepEqual([...template.resources.keys()], ['Tableorders', 'Tableuserevents']);
    const props = template.resources.get('Tableuserevents')?.properties as Record<string, unknown>;
    assert.equal(props['TableName'], `${STACK.stackName}-user-events`);
    assert.deepEqual(props['Tags'], [
      { Key: 'kind', Value: 'user-events' },
      { Key: 'literal', Value: '${Name}' },
    ]);
    assert.deepEqual(Object.keys(template.outputs), ['Outorders', 'Outuserevents']);
    assert.equal(template.outputs['Outuserevents'], `${STACK.stackName}-user-events`);
  });

  it('lets a copy name another by Ref or Fn::GetAtt of a Fn::Sub, which is its text once no variable is left', () => {
    const template = load(`
Resources:
  Fn::ForEach::Groups:
    - N
    - [a, b]
    - Group\${N}:
        Type: AWS::Logs::LogGroup
      Named\${N}:
        Type: AWS::Logs::LogGroup
        Properties:
          LogGroupName:
            Ref: !Sub Group\${N}
          Tags:
            - Key: arn
              Value: !GetAtt [!Sub "Group\${N}", Arn]
            - Key: region
              Value: !Sub "\${AWS::Region}-\${N}"
`);
    const named = template.resources.get('Namedb')?.properties as Record<string, unknown>;
    assert.equal(named['LogGroupName'], template.physicalIds.get('Groupb')?.ref);
    assert.deepEqual(named['Tags'], [
      { Key: 'arn', Value: template.physicalIds.get('Groupb')?.attributes['Arn'] },
      { Key: 'region', Value: `${STACK.region}-b` },
    ]);
  });

  it("runs the User Guide's shape for outputs: a loop of loops naming attributes by Ref and resources by Fn::Sub", () => {
    const template = load(`
Resources:
  'Fn::ForEach::Queues':
    - Identifier
    - [A, B]
    - 'Queue\${Identifier}':
        Type: AWS::SQS::Queue
        Properties: { QueueName: !Sub 'queue-\${Identifier}' }
Outputs:
  'Fn::ForEach::QueueOutputs':
    - Identifier
    - [A, B]
    - 'Fn::ForEach::GetAttLoop':
        - Property
        - [Arn, QueueName]
        - 'Queue\${Identifier}\${Property}':
            Value: !GetAtt [!Sub 'Queue\${Identifier}', !Ref Property]
`);
    assert.deepEqual(template.outputs, {
      QueueAArn: template.physicalIds.get('QueueA')?.attributes['Arn'],
      QueueAQueueName: 'queue-A',
      QueueBArn: template.physicalIds.get('QueueB')?.attributes['Arn'],
      QueueBQueueName: 'queue-B',
    });
  });

  it('nests loops, the outer first, and takes its collection from a list parameter or Fn::FindInMap', () => {
    const template = load(
      `
Parameters:
  Routes: { Type: CommaDelimitedList, Default: "a,b" }
Mappings:
  Stages: { All: { Names: [blue, green] } }
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: api, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Mock:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: MOCK }
  Fn::ForEach::Stages:
    - Stage
    - !FindInMap [Stages, All, Names]
    - Fn::ForEach::Routes:
        - Route
        - !Ref Routes
        - \${Stage}\${Route}:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: !Sub \${Stage}-\${Route}
              Target: !Sub integrations/\${Mock}
`,
      { Routes: 'x,y,z' },
    );
    const routes = integrationsFromTemplate(template).map((route) => route.routeKey);
    assert.deepEqual(routes, ['blue-x', 'blue-y', 'blue-z', 'green-x', 'green-y', 'green-z']);
  });

  it('refuses what CloudFormation refuses, naming the loop and the rule', () => {
    const resources = (loop: string) => `Resources:\n  Fn::ForEach::L:\n${loop}`;
    refusal(
      resources('    - N\n    - [a]\n'),
      'Resources.Fn::ForEach::L: Fn::ForEach takes [Identifier, Collection, {OutputKey: OutputValue}], got ["N",["a"]]',
    );
    refusal(
      resources("    - N-1\n    - [a]\n    - { 'T${N-1}': { Type: AWS::Logs::LogGroup } }\n"),
      'Resources.Fn::ForEach::L: Fn::ForEach identifier must be letters and digits, got "N-1"',
    );
    refusal(
      resources('    - N\n    - [a, b]\n    - { Group: { Type: AWS::Logs::LogGroup } }\n'),
      'Resources.Fn::ForEach::L: the OutputKey "Group" must contain ${N} or &{N}, or every copy would have the same name',
    );
    refusal(
      resources("    - N\n    - [a, a]\n    - { 'G${N}': { Type: AWS::Logs::LogGroup } }\n"),
      'Resources.Fn::ForEach::L: Fn::ForEach produces the key "Ga", which is already there',
    );
    refusal(
      resources("    - N\n    - { a: b }\n    - { 'G${N}': { Type: AWS::Logs::LogGroup } }\n"),
      'Resources.Fn::ForEach::L: Fn::ForEach collection must be a list of strings, a Ref to a list parameter or an Fn::FindInMap of literal keys, got {"a":"b"}',
    );
    refusal(
      `Parameters:\n  N: { Type: String, Default: x }\n${resources("    - N\n    - [a]\n    - { 'G${N}': { Type: AWS::Logs::LogGroup } }\n")}`,
      'Resources.Fn::ForEach::L: Fn::ForEach identifier N is also the name of a parameter',
    );
    refusal(
      `Parameters:\n  P: { Type: String, Default: x }\n${resources("    - N\n    - !Ref P\n    - { 'G${N}': { Type: AWS::Logs::LogGroup } }\n")}`,
      'Resources.Fn::ForEach::L: Fn::ForEach collection Ref P is not a list parameter',
    );
    refusal(
      resources("    - N\n    - [user-events]\n    - { 'G${N}': { Type: AWS::Logs::LogGroup } }\n"),
      'Resources.Guser-events: a logical ID must be 1-255 letters and digits (A-Z, a-z, 0-9), as CloudFormation requires',
    );
    // Six nested loops: CloudFormation allows five.
    let body = "{ 'G${A}${B}${C}${D}${E}${F}': { Type: AWS::Logs::LogGroup } }";
    for (const id of ['F', 'E', 'D', 'C', 'B']) body = `{ Fn::ForEach::${id}: [${id}, [x], ${body}] }`;
    refusal(
      `Resources:\n  Fn::ForEach::A: [A, [x], ${body}]\n`,
      'Resources.Fn::ForEach::A.Fn::ForEach::B.Fn::ForEach::C.Fn::ForEach::D.Fn::ForEach::E.Fn::ForEach::F: Fn::ForEach loops nest at most 5 deep',
    );
  });

  it('is refused without the transform, as CloudFormation reads no loop then', () => {
    refusal(
      "Resources:\n  Fn::ForEach::L: [N, [a], { 'G${N}': { Type: AWS::Logs::LogGroup } }]\n",
      'Resources.Fn::ForEach::L: Fn::ForEach needs the AWS::LanguageExtensions transform, which the template does not declare',
      'Transform: AWS::Serverless-2016-10-31\n',
    );
  });
});

describe('Fn::Length, Fn::ToJsonString and Fn::FindInMap with a default value', () => {
  const group = (value: string) => `
Mappings:
  Sizes: { prod: { Capacity: "5" } }
Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      V: ${value}
`;
  const resolved = (value: string): unknown => {
    const properties = load(group(value)).resources.get('Group')?.properties as Record<string, unknown> | undefined;
    return properties?.['V'];
  };

  it('computes them', () => {
    assert.equal(resolved('!Length [a, b, !Ref AWS::Region]'), 3);
    assert.equal(
      resolved('{ Fn::ToJsonString: { region: !Ref AWS::Region, list: [1, "two"] } }'),
      `{"region":"${STACK.region}","list":[1,"two"]}`,
    );
    assert.equal(resolved('!FindInMap [Sizes, prod, Capacity, { DefaultValue: "1" }]'), '5');
    assert.equal(resolved('!FindInMap [Sizes, dev, Capacity, { DefaultValue: !Ref AWS::Region }]'), STACK.region);
  });

  it('refuses a bad argument, and each of them without the transform', () => {
    const at = 'Resources.Group.Properties.V';
    refusal(
      group('{ Fn::ToJsonString: plain }'),
      `${at}.Fn::ToJsonString: Fn::ToJsonString takes a mapping or a list, got "plain"`,
    );
    refusal(
      group('!FindInMap [Sizes, dev, Capacity, { Default: "1" }]'),
      `${at}.Fn::FindInMap: Fn::FindInMap's fourth item must be {DefaultValue: value}, got {"Default":"1"}`,
    );
    const sam = 'Transform: AWS::Serverless-2016-10-31\n';
    refusal(
      group('!Length [a]'),
      `${at}.Fn::Length: Fn::Length needs the AWS::LanguageExtensions transform, which the template does not declare`,
      sam,
    );
    refusal(
      group('!FindInMap [Sizes, dev, Capacity, { DefaultValue: "1" }]'),
      `${at}.Fn::FindInMap: Fn::FindInMap with a default value needs the AWS::LanguageExtensions transform, which the template does not declare`,
      sam,
    );
  });
});
