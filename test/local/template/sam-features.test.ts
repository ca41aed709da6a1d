/** The SAM transform's parts the local stack applies itself, and plain CloudFormation functions and state machines. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  functionsFromTemplate,
  layersFromTemplate,
  loadLocalTemplate,
  stateMachinesFromTemplate,
  tablesFromTemplate,
} from '../../../local/template/index.ts';
import { mergeGlobal } from '../../../local/template/sam-globals.ts';
import { checkProperties } from '../../../local/template/check-properties.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

const load = (body: string, baseDir = '/apps/chat') => loadLocalTemplate(yamlTemplate(body), { ...STACK, baseDir });

describe('SAM Globals', () => {
  it('merges as the transform documents: local scalars win, mappings merge, lists concatenate, intrinsics count as scalars', () => {
    assert.deepEqual(mergeGlobal({ Variables: { A: '1', B: '2' } }, { Variables: { B: 'local', C: '3' } }), {
      Variables: { A: '1', B: 'local', C: '3' },
    });
    assert.deepEqual(mergeGlobal(['global-layer'], ['own-layer']), ['global-layer', 'own-layer']);
    assert.equal(mergeGlobal(10, 30), 30);
    assert.deepEqual(mergeGlobal({ Variables: { A: '1' } }, { 'Fn::If': ['C', { Variables: {} }, {}] }), {
      'Fn::If': ['C', { Variables: {} }, {}],
    });
    assert.equal(mergeGlobal('nodejs20.x', undefined), 'nodejs20.x');
    // Hostile keys stay keys: no prototype is changed, and an inherited name is not taken for a global value.
    const merged = mergeGlobal(
      { Variables: { A: '1' } },
      JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "local"}'),
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(merged), ['Variables', '__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    assert.equal(merged['constructor'], 'local');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('applies Globals.Function and Globals.SimpleTable to each resource of the type before intrinsics are resolved', () => {
    const template = load(`
Globals:
  Function:
    Runtime: python3.12
    Timeout: 20
    Handler: app.handler
    Layers: [!Ref Shared]
    Environment:
      Variables:
        TABLE: !Ref Items
  SimpleTable:
    PrimaryKey: { Name: pk, Type: Number }
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layers/shared }
  Items:
    Type: AWS::Serverless::SimpleTable
  One:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: one/
      Timeout: 5
      Layers: [arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:68]
      Environment: { Variables: { OWN: yes } }
  Two:
    Type: AWS::Lambda::Function
    Properties: { Code: two/, Handler: x.y, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/r }
`);
    const [one, two] = functionsFromTemplate(template);
    const items = template.physicalIds.get('Items')!.ref;
    assert.deepEqual(
      {
        runtime: one?.runtime,
        handler: one?.handler,
        timeout: one?.timeoutSeconds,
        environment: one?.environment,
        code: one?.code,
      },
      {
        runtime: 'python3.12',
        handler: 'app.handler',
        timeout: 5,
        environment: { TABLE: items, OWN: 'yes' },
        code: { kind: 'directory', path: '/apps/chat/one' },
      },
    );
    assert.deepEqual(one?.layers, [
      template.physicalIds.get('Shared')!.ref,
      'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:68',
    ]);
    assert.equal(two?.timeoutSeconds, 3, 'Globals.Function is for AWS::Serverless::Function only');
    assert.deepEqual(tablesFromTemplate(template)[0], {
      logicalId: 'Items',
      tableName: items,
      arn: `arn:aws:dynamodb:${STACK.region}:${STACK.accountId}:table/${items}`,
      billingMode: 'PAY_PER_REQUEST',
      attributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
      keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      globalSecondaryIndexes: [],
      localSecondaryIndexes: [],
      provisionedThroughput: undefined,
      timeToLiveAttribute: undefined,
    });
    assert.deepEqual(layersFromTemplate(template), [
      {
        logicalId: 'Shared',
        arn: `arn:aws:lambda:${STACK.region}:${STACK.accountId}:layer:Shared:1`,
        content: { kind: 'directory', path: '/apps/chat/layers/shared' },
      },
    ]);
  });

  it('refuses what SAM refuses in Globals, naming the key, and warns that Api/HttpApi globals are not WebSocket', () => {
    assert.throws(
      () => load('Globals:\n  Functions:\n    Timeout: 3\nResources:\n  L:\n    Type: AWS::Logs::LogGroup\n'),
      /Globals\.Functions: not a section SAM supports \(supported: Function, SimpleTable, StateMachine, Api, HttpApi\)/,
    );
    assert.throws(
      () =>
        load(
          'Globals:\n  Function:\n    Policies: [AWSLambdaExecute]\nResources:\n  L:\n    Type: AWS::Logs::LogGroup\n',
        ),
      /Globals\.Function\.Policies: SAM does not accept Policies in Globals; set it on each resource/,
    );
    assert.throws(
      () => load('Globals: [1]\nResources:\n  L:\n    Type: AWS::Logs::LogGroup\n'),
      /Globals: must be a mapping, got \[1\]/,
    );
    const api = load('Globals:\n  Api:\n    Cors: "*"\nResources:\n  L:\n    Type: AWS::Logs::LogGroup\n');
    assert.deepEqual(api.warnings, [
      'Globals.Api: applies to AWS::Serverless::Api (REST/HTTP APIs), which are not WebSocket APIs and are not emulated',
    ]);
  });
});

describe('SAM implicit resources and function code', () => {
  it('gives <Function>Role and <StateMachine>Role their Ref and Arn, and none when the resource sets Role', () => {
    const template = load(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: "exports.handler = async () => 1", Handler: index.handler, Runtime: nodejs22.x, RolePath: /service/ }
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties: { Definition: { StartAt: A, States: { A: { Type: Succeed } } } }
  WithRole:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: s3://bucket/key.zip, Handler: a.b, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/mine }
Outputs:
  FnRole: { Value: !GetAtt FnRole.Arn }
  MachineRole: { Value: !Ref MachineRole }
`);
    assert.equal(template.outputs['FnRole'], `arn:aws:iam::${STACK.accountId}:role/service/${STACK.stackName}-FnRole`);
    assert.equal(template.outputs['MachineRole'], `${STACK.stackName}-MachineRole`);
    assert.throws(
      () =>
        load(`
Resources:
  WithRole:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: x/, Handler: a.b, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/mine }
Outputs:
  Role: { Value: !GetAtt WithRoleRole.Arn }
`),
      /Outputs\.Role\.Value\.Fn::GetAtt: no parameter or resource named WithRoleRole/,
    );
    const [fn, withRole] = functionsFromTemplate(template);
    assert.deepEqual(fn?.code, { kind: 'inline', source: 'exports.handler = async () => 1' });
    assert.deepEqual(withRole?.code, {
      kind: 'unavailable',
      reason: 'Resources.WithRole.Properties.CodeUri is in S3 (s3://bucket/key.zip)',
    });
    assert.equal(withRole?.role, 'arn:aws:iam::123456789012:role/mine');
  });

  it('knows the implicit REST and HTTP APIs of Api/HttpApi events as not emulated, so outputs naming them are listed', () => {
    const template = load(`
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        Get: { Type: Api, Properties: { Path: /hello, Method: get } }
        Http: { Type: HttpApi }
Outputs:
  HelloApi: { Value: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/hello/" }
  HelloHttpApi: { Value: !GetAtt ServerlessHttpApi.ApiEndpoint }
`);
    assert.deepEqual(template.unresolvedOutputs, [
      { name: 'HelloApi', reason: 'refers to ServerlessRestApi (AWS::ApiGateway::RestApi), not emulated' },
      { name: 'HelloHttpApi', reason: 'refers to ServerlessHttpApi (AWS::ApiGatewayV2::Api), not emulated' },
    ]);
    assert.deepEqual(checkProperties(template).warned, [
      'Resources.Hello.Properties.Events (AWS::Serverless::Function): not emulated locally: event sources are not emulated: nothing invokes the function for them',
    ]);
  });

  it('reads AWS::Lambda::Function code from a local path, ZipFile, S3 or an image, and keeps SAM Policies as written', () => {
    const template = load(`
Resources:
  Local: { Type: AWS::Lambda::Function, Properties: { Code: ./src, Handler: a.b, Runtime: nodejs22.x, Role: r } }
  Inline: { Type: AWS::Lambda::Function, Properties: { Code: { ZipFile: "def handler(e, c): return 1" }, Handler: index.handler, Runtime: python3.12, Role: r } }
  InS3: { Type: AWS::Lambda::Function, Properties: { Code: { S3Bucket: b, S3Key: k.zip }, Handler: a.b, Runtime: nodejs22.x, Role: r } }
  Image: { Type: AWS::Lambda::Function, Properties: { Code: { ImageUri: repo/image:1 }, PackageType: Image, Role: r } }
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: sam/
      Handler: a.b
      Runtime: nodejs22.x
      Policies: [{ DynamoDBCrudPolicy: { TableName: t } }, AWSLambdaExecute]
`);
    const byId = new Map(functionsFromTemplate(template).map((fn) => [fn.logicalId, fn]));
    assert.deepEqual(byId.get('Local')?.code, { kind: 'directory', path: '/apps/chat/src' });
    assert.match(byId.get('Local')?.functionName ?? '', new RegExp(`^${STACK.stackName}-Local-[A-Z0-9]{12}$`));
    assert.deepEqual(byId.get('Inline')?.code, { kind: 'inline', source: 'def handler(e, c): return 1' });
    assert.deepEqual(byId.get('InS3')?.code, {
      kind: 'unavailable',
      reason: 'Resources.InS3.Properties.Code is in S3 (s3://b/k.zip)',
    });
    assert.deepEqual(byId.get('Image')?.code, {
      kind: 'unavailable',
      reason: 'Resources.Image.Properties.Code.ImageUri is a container image',
    });
    assert.equal(byId.get('Image')?.runtime, undefined);
    assert.deepEqual(byId.get('Sam')?.policies, [{ DynamoDBCrudPolicy: { TableName: 't' } }, 'AWSLambdaExecute']);
  });
});

describe('versions and aliases: AutoPublishAlias and AWS::Lambda::Alias/Version', () => {
  const FN_ARN = `arn:aws:lambda:${STACK.region}:${STACK.accountId}:function:ws-local-test-Echo`;
  const echo = (extra: string) => `
  Echo:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: "exports.handler = async () => 1", Handler: index.handler, Runtime: nodejs22.x${extra} }`;

  it("resolves SAM's Fn.Alias and Fn.Version in Ref, GetAtt (both spellings) and Sub, as the transform rewrites them", () => {
    const template = load(`
Parameters:
  AliasName: { Type: String, Default: live }
Resources:${echo(', AutoPublishAlias: !Ref AliasName')}
Outputs:
  AliasRef: { Value: !Ref Echo.Alias }
  VersionRef: { Value: !Ref Echo.Version }
  AliasArnShort: { Value: !GetAtt Echo.Alias.AliasArn }
  AliasArnList: { Value: !GetAtt [Echo.Alias, AliasArn] }
  VersionNumber: { Value: !GetAtt Echo.Version.Version }
  InUri: { Value: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Echo.Alias}/invocations" }
  SubAttribute: { Value: !Sub "\${Echo.Version.FunctionArn}" }
  ByLogicalId: { Value: !Ref EchoAliaslive }
`);
    assert.deepEqual(template.outputs, {
      AliasRef: `${FN_ARN}:live`,
      VersionRef: `${FN_ARN}:1`,
      AliasArnShort: `${FN_ARN}:live`,
      AliasArnList: `${FN_ARN}:live`,
      VersionNumber: '1',
      InUri: `arn:aws:apigateway:${STACK.region}:lambda:path/2015-03-31/functions/${FN_ARN}:live/invocations`,
      SubAttribute: `${FN_ARN}:1`,
      ByLogicalId: `${FN_ARN}:live`,
    });
    assert.deepEqual(checkProperties(template).warned, [
      "Resources.Echo.Properties.AutoPublishAlias (AWS::Serverless::Function): not emulated locally: the alias and version exist to refer to (Fn.Alias, Fn.Version), but versions are not emulated: every alias and version runs the function's current code",
    ]);
  });

  it('refuses what SAM or CloudFormation refuses, naming the property and the rule', () => {
    assert.throws(
      () =>
        load(`Resources:${echo('')}
Outputs:
  A: { Value: !Ref Echo.Alias }
`),
      /Outputs\.A\.Value\.Ref: no parameter or resource named Echo\.Alias \(SAM creates Alias only for a function with AutoPublishAlias\)/,
    );
    assert.throws(
      () =>
        load(`Resources:${echo(', AutoPublishAlias: live')}
Outputs:
  A: { Value: !GetAtt Echo.Alias }
`),
      /Outputs\.A\.Value\.Fn::GetAtt: Fn::GetAtt Echo\.Alias names EchoAliaslive but no attribute of it \(Ref it instead\)/,
    );
    assert.throws(
      () =>
        load(`Resources:${echo(', AutoPublishAlias: !Sub "${AWS::StackName}"')}
`),
      /Resources\.Echo\.Properties\.AutoPublishAlias: must be a string or a Ref to a template parameter, got \{"Fn::Sub":"\$\{AWS::StackName\}"\}/,
    );
    assert.throws(
      () =>
        load(
          `Conditions:
  Never: !Equals [a, b]
Resources:${echo(', AutoPublishAlias: live')}
    Condition: Never
Outputs:
  A: { Value: !Ref Echo.Alias }
`,
        ),
      /resource EchoAliaslive is not created \(its Condition Never is false\)/,
    );
    assert.throws(
      () => load(`Resources:${echo(', AutoPublishAlias: li-ve')}\n`),
      /Resources\.Echo\.Properties\.AutoPublishAlias: "li-ve" would name the alias EchoAliasli-ve, which CloudFormation refuses \(logical IDs are alphanumeric\)/,
    );
    // A hostile function name is no logical ID CloudFormation accepts: refused before anything reads it.
    assert.throws(
      () =>
        load(
          `Resources:\n  __proto__:\n    Type: AWS::Serverless::Function\n    Properties: { InlineCode: x, Handler: index.handler, Runtime: nodejs22.x, AutoPublishAlias: live }\nOutputs:\n  A: { Value: !Ref __proto__.Alias }\n`,
        ),
      /Resources\.__proto__: a logical ID must be 1-255 letters and digits \(A-Z, a-z, 0-9\), as CloudFormation requires/,
    );
    // An empty name creates nothing, as the transform's truthiness test does.
    assert.throws(
      () =>
        load(`Resources:${echo(", AutoPublishAlias: ''")}
Outputs:
  A: { Value: !Ref Echo.Alias }
`),
      /no parameter or resource named Echo\.Alias/,
    );
  });

  it('gives declared AWS::Lambda::Alias and Version resources their ARNs from a name, partial ARN or ARN, and warns of what runs', () => {
    const template = load(`
Resources:${echo('')}
  ByName: { Type: AWS::Lambda::Alias, Properties: { FunctionName: !Ref Echo, FunctionVersion: !GetAtt Version.Version, Name: prod } }
  Partial: { Type: AWS::Lambda::Alias, Properties: { FunctionName: "${STACK.accountId}:function:other", FunctionVersion: $LATEST, Name: dev } }
  Split:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !GetAtt Echo.Arn
      FunctionVersion: "1"
      Name: canary
      RoutingConfig: { AdditionalVersionWeights: [{ FunctionVersion: "2", FunctionWeight: 0.1 }] }
  Version: { Type: AWS::Lambda::Version, Properties: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:remote:7" } }
Outputs:
  ByName: { Value: !Ref ByName }
  Partial: { Value: !GetAtt Partial.AliasArn }
  Split: { Value: !Ref Split }
  Version: { Value: !Ref Version }
`);
    assert.deepEqual(template.outputs, {
      ByName: `${FN_ARN}:prod`,
      Partial: `arn:aws:lambda:${STACK.region}:${STACK.accountId}:function:other:dev`,
      Split: `${FN_ARN}:canary`,
      Version: 'arn:aws:lambda:us-east-1:123456789012:function:remote:1',
    });
    assert.deepEqual(checkProperties(template).warned, [
      "Resources.ByName.Properties.FunctionVersion (AWS::Lambda::Alias): not emulated locally: versions are not emulated: every alias and version runs the function's current code",
      "Resources.Split.Properties.FunctionVersion (AWS::Lambda::Alias): not emulated locally: versions are not emulated: every alias and version runs the function's current code",
      "Resources.Split.Properties.RoutingConfig (AWS::Lambda::Alias): not emulated locally: weighted routing between versions is not emulated: every alias and version runs the function's current code",
    ]);
  });
});

describe('state machine definitions from files and text', () => {
  const folder = mkdtempSync(join(tmpdir(), 'definitions-'));
  writeFileSync(
    join(folder, 'machine.asl.json'),
    '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": ${Seconds}, "End": true}}}',
  );
  writeFileSync(
    join(folder, 'machine.asl.yaml'),
    'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: ${Value}\n    End: true\n',
  );

  it('reads DefinitionUri (JSON or YAML), DefinitionString and DefinitionS3Location as text, substituted before parsing', () => {
    const template = load(
      `
Resources:
  Json:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: machine.asl.json, DefinitionSubstitutions: { Seconds: 7 } }
  Yaml:
    Type: AWS::Serverless::StateMachine
    Properties: { Type: EXPRESS, DefinitionUri: machine.asl.yaml, DefinitionSubstitutions: { Value: done } }
  Plain:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "\${Value}", "End": true}}}'
      DefinitionSubstitutions: { Value: plain }
  Packaged:
    Type: AWS::StepFunctions::StateMachine
    Properties: { DefinitionS3Location: machine.asl.json, DefinitionSubstitutions: { Seconds: 1 }, RoleArn: r }
`,
      folder,
    );
    const machines = new Map(stateMachinesFromTemplate(template).map((machine) => [machine.logicalId, machine]));
    assert.deepEqual(machines.get('Json')?.definition, {
      StartAt: 'A',
      States: { A: { Type: 'Wait', Seconds: 7, End: true } },
    });
    assert.deepEqual(machines.get('Yaml')?.definition, {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: 'done', End: true } },
    });
    assert.deepEqual(
      [
        machines.get('Plain')?.type,
        machines.get('Plain')?.roleArn,
        (machines.get('Plain')!.definition as any).States.A.Result,
      ],
      ['EXPRESS', 'arn:aws:iam::123456789012:role/sfn', 'plain'],
    );
    assert.match(machines.get('Plain')?.name ?? '', /^Plain-[A-Z0-9]{12}$/);
    assert.equal((machines.get('Packaged')!.definition as any).States.A.Seconds, 1);
  });

  it('names the file, the placeholder and the parse error', () => {
    const machine = (properties: string) =>
      stateMachinesFromTemplate(
        load(
          `
Resources:
  M:
    Type: AWS::Serverless::StateMachine
    Properties: ${properties}
`,
          folder,
        ),
      );
    assert.throws(
      () => machine('{ DefinitionUri: nope.json }'),
      /Resources\.M\.Properties\.DefinitionUri: cannot read .*nope\.json \(ENOENT\)/,
    );
    assert.throws(
      () => machine('{ DefinitionUri: machine.asl.json }'),
      /Resources\.M\.Properties\.DefinitionUri \(.*machine\.asl\.json\): \$\{Seconds\} has no entry in DefinitionSubstitutions \(defined: none\)/,
    );
    assert.throws(
      () => machine('{ DefinitionUri: machine.asl.json, DefinitionSubstitutions: { Seconds: "}" } }'),
      /machine\.asl\.json\): not valid JSON after substitution/,
    );
    assert.throws(
      () => machine('{ DefinitionUri: { Bucket: b, Key: k } }'),
      /Resources\.M\.Properties\.DefinitionUri: \{"Bucket":"b","Key":"k"\} is in S3, which the local stack cannot read; use a local file/,
    );
    assert.throws(() => machine('{ Type: STANDARD }'), /Resources\.M\.Properties: needs Definition or DefinitionUri/);
  });
});

describe('CloudFront distributions', () => {
  it('emulates a distribution in front of the WebSocket API, and lists one in front of anything else as not emulated', () => {
    const template = load(`
Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: a, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Bucket: { Type: AWS::S3::Bucket }
  Website:
    Type: AWS::CloudFront::Distribution
    Properties: { DistributionConfig: { Origins: [{ Id: s3, DomainName: !GetAtt Bucket.RegionalDomainName }] } }
  Edge:
    Type: AWS::CloudFront::Distribution
    Properties: { DistributionConfig: { Origins: [{ Id: api, DomainName: !Sub "\${Api}.execute-api.\${AWS::Region}.amazonaws.com" }] } }
`);
    assert.deepEqual(template.notEmulated, [
      { logicalId: 'Bucket', type: 'AWS::S3::Bucket' },
      { logicalId: 'Website', type: 'AWS::CloudFront::Distribution' },
    ]);
    assert.ok(template.resources.has('Edge'));
  });
});
