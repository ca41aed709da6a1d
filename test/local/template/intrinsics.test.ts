import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateError, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

const load = (body: string, source?: string) =>
  loadLocalTemplate(yamlTemplate(body), { ...STACK, ...(source ? { source } : {}) });
const propertiesOf = (body: string, logicalId = 'Table') => load(body).resources.get(logicalId)?.properties as any;

describe('intrinsics', () => {
  it('resolves pseudo parameters', () => {
    const props = propertiesOf(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Values: [!Ref AWS::Region, !Ref AWS::AccountId, !Ref AWS::StackName, !Ref AWS::Partition, !Ref AWS::URLSuffix, !Ref AWS::StackId]
`);
    const [region, account, stack, partition, suffix, stackId] = props.Values;
    assert.deepEqual(
      [region, account, stack, partition, suffix],
      [STACK.region, STACK.accountId, STACK.stackName, 'aws', 'amazonaws.com'],
    );
    assert.match(
      stackId,
      new RegExp(`^arn:aws:cloudformation:${STACK.region}:${STACK.accountId}:stack/${STACK.stackName}/[0-9a-f-]{36}$`),
    );
  });

  it('removes keys and list items whose value is AWS::NoValue', () => {
    const props = propertiesOf(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Gone: !Ref AWS::NoValue
      Kept: yes
      List: [a, !Ref AWS::NoValue, b]
`);
    assert.deepEqual(props, { Kept: 'yes', List: ['a', 'b'] });
  });

  it('handles Fn::Sub with variables, ${!Literal}, ${Res.Attr} and leaves VTL alone', () => {
    const props = propertiesOf(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: t1
      Plain: !Sub '#set($x = "$context.connectionId") \${!Literal} $!input.json(''$.a'') \${Table}'
      WithVars: !Sub
        - '\${Greeting}, \${AWS::Region} \${Table.Arn}'
        - Greeting: !Join ['', [hel, lo]]
`);
    assert.equal(props.Plain, `#set($x = "$context.connectionId") \${Literal} $!input.json('$.a') t1`);
    assert.equal(props.WithVars, `hello, ${STACK.region} arn:aws:dynamodb:${STACK.region}:${STACK.accountId}:table/t1`);
  });

  it('handles Fn::GetAtt in list and dotted forms, Join, Select and Split', () => {
    const props = propertiesOf(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: t2
      ListForm: { "Fn::GetAtt": [Table, Arn] }
      DottedForm: { "Fn::GetAtt": Table.Arn }
      Second: !Select [1, !Split [",", "a,b,c"]]
      Joined: !Join ["-", [!Ref Table, x, 3]]
`);
    const arn = `arn:aws:dynamodb:${STACK.region}:${STACK.accountId}:table/t2`;
    assert.deepEqual([props.ListForm, props.DottedForm, props.Second, props.Joined], [arn, arn, 'b', 't2-x-3']);
  });

  it('evaluates simple Conditions, Fn::If and resource Conditions', () => {
    const template = load(`
Parameters:
  Mode: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Mode, prod]
  IsDev: !Not [!Condition IsProd]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Billing: !If [IsProd, PAY_PER_REQUEST, !Ref AWS::NoValue]
      Other: !If [IsDev, dev, other]
  DevOnly:
    Type: AWS::Logs::LogGroup
    Condition: IsDev
`);
    assert.deepEqual(template.resources.get('Table')?.properties, { Billing: 'PAY_PER_REQUEST', Other: 'other' });
    assert.equal(template.resources.has('DevOnly'), false);
  });

  it('finds values in Mappings with Fn::FindInMap (keys from Ref and Sub too), and encodes Fn::Base64', () => {
    const table = load(`
Parameters:
  Stage: { Type: String, Default: prod }
Mappings:
  StageSettings:
    prod: { Capacity: 5, Regions: [eu-central-1, us-east-1], Enabled: true }
    "123": { Capacity: "1" }
  __proto__:
    constructor: { toString: hostile }
Conditions:
  Big: !Equals [!FindInMap [StageSettings, !Ref Stage, Capacity], "5"]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Capacity: !FindInMap [StageSettings, !Ref Stage, Capacity]
      Regions: !FindInMap [StageSettings, prod, Regions]
      Enabled: !FindInMap [StageSettings, prod, Enabled]
      NumericKey: !FindInMap [StageSettings, 123, Capacity]
      Nested: !FindInMap [StageSettings, !Sub "\${Stage}", Capacity]
      Chosen: !If [Big, big, small]
      Hostile: !FindInMap [__proto__, constructor, toString]
      Encoded: !Base64 "héllo \${AWS::Region}"
      EncodedSub: !Base64 { "Fn::Sub": "\${AWS::Region}" }
`).resources.get('Table')?.properties;
    assert.deepEqual(table, {
      Capacity: '5',
      Regions: ['eu-central-1', 'us-east-1'],
      Enabled: 'true',
      NumericKey: '1',
      Nested: '5',
      Chosen: 'big',
      Hostile: 'hostile',
      Encoded: Buffer.from('héllo ${AWS::Region}', 'utf8').toString('base64'),
      EncodedSub: Buffer.from(STACK.region, 'utf8').toString('base64'),
    });
    assert.equal(({} as Record<string, unknown>)['toString'], Object.prototype.toString, 'no prototype was changed');
  });

  it('refuses what CloudFormation refuses in Mappings and Fn::FindInMap, and Fn::ImportValue, naming path and rule', () => {
    const withMappings = (mappings: string, value: string) =>
      load(`
Mappings:
${mappings}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      X: ${value}
`);
    const cases: Array<[string, string, RegExp]> = [
      [
        '  M: { a: { b: c } }',
        '!FindInMap [N, a, b]',
        /Resources\.Table\.Properties\.X\.Fn::FindInMap: no mapping named N in Mappings \(known: M\)$/,
      ],
      [
        '  M: { a: { b: c } }',
        '!FindInMap [M, z, b]',
        /X\.Fn::FindInMap: Unable to get mapping for M::z::b \(Mappings\.M has no key z\)$/,
      ],
      [
        '  M: { a: { b: c } }',
        '!FindInMap [M, a, z]',
        /Unable to get mapping for M::a::z \(Mappings\.M has no a\.z\)$/,
      ],
      [
        '  M: { a: { b: c } }',
        '!FindInMap [M, a, b, { DefaultValue: d }]',
        /Fn::FindInMap with a default value needs the AWS::LanguageExtensions transform/,
      ],
      ['  M: { a: { b: c } }', '!FindInMap [M, a]', /Fn::FindInMap takes a list of 3 items, got \["M","a"\]/],
      [
        '  M: { a: { b: { deep: x } } }',
        'x',
        /Mappings\.M\.a\.b: must be a string or a list of strings, got \{"deep":"x"\}/,
      ],
      ['  M: { a: [b] }', 'x', /Mappings\.M\.a: must be a mapping of second-level keys, got \["b"\]/],
      ['  M: text', 'x', /Mappings\.M: must be a mapping of top-level keys, got "text"/],
      [
        '  M: { a: { b: c } }',
        '!ImportValue SharedTable',
        /X\.Fn::ImportValue: other stacks' exports do not exist locally; pass the value in a parameter instead$/,
      ],
    ];
    for (const [mappings, value, expected] of cases) {
      assert.throws(() => withMappings(mappings, value), expected, value);
    }
  });

  it('names each dynamic reference ({{resolve:…}}) it cannot resolve, by property, and keeps its text', () => {
    const template = load(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: "{{resolve:ssm:/app/table-name}}"
      Tags:
        - Key: token
          Value: !Sub "Bearer {{resolve:secretsmanager:app/token:SecretString:value}} and {{resolve:ssm-secure:/app/key:3}}"
        - Key: plain
          Value: "{{resolve:s3:not-a-service}} {{ text }}"
Outputs:
  Name: { Value: "{{resolve:ssm:/app/table-name:2}}" }
`);
    const table = template.resources.get('Table')?.properties as Record<string, unknown> | undefined;
    assert.equal(table?.['TableName'], '{{resolve:ssm:/app/table-name}}');
    assert.equal(template.outputs['Name'], '{{resolve:ssm:/app/table-name:2}}');
    const why =
      'is not resolved locally (there is no Parameter Store or Secrets Manager here): the property keeps its text as written';
    assert.deepEqual(template.warnings, [
      `Resources.Table.Properties.TableName: the dynamic reference {{resolve:ssm:/app/table-name}} ${why}`,
      `Resources.Table.Properties.Tags[0].Value: the dynamic reference {{resolve:secretsmanager:app/token:SecretString:value}} ${why}`,
      `Resources.Table.Properties.Tags[0].Value: the dynamic reference {{resolve:ssm-secure:/app/key:3}} ${why}`,
      `Outputs.Name.Value: the dynamic reference {{resolve:ssm:/app/table-name:2}} ${why}`,
    ]);
  });

  it('computes Fn::Cidr as CloudFormation does, IPv4 and IPv6, and gives Fn::GetAZs three zones of the region', () => {
    const props = propertiesOf(`
Parameters:
  Block: { Type: String, Default: 10.0.0.0/16 }
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Subnets: !Cidr [!Ref Block, 3, 8]
      Small: !Cidr ["192.168.0.0/24", 6, 5]
      Six: !Cidr ["2600:1f16:67b:ee00::/56", 3, 64]
      Zero: !Cidr ["::/0", 2, 127]
      First: !Select [0, !GetAZs '']
      Named: !GetAZs { Ref: AWS::Region }
      Other: !GetAZs eu-west-3
`);
    assert.deepEqual(props.Subnets, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    assert.deepEqual(props.Small, [
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
    assert.deepEqual(props.Six, ['2600:1f16:67b:ee00::/64', '2600:1f16:67b:ee01::/64', '2600:1f16:67b:ee02::/64']);
    assert.deepEqual(props.Zero, ['::/1', '8000::/1']);
    assert.equal(props.First, `${STACK.region}a`);
    assert.deepEqual(props.Named, [`${STACK.region}a`, `${STACK.region}b`, `${STACK.region}c`]);
    assert.deepEqual(props.Other, ['eu-west-3a', 'eu-west-3b', 'eu-west-3c']);
  });

  it('refuses an Fn::Cidr or Fn::GetAZs CloudFormation would refuse, naming the call, the value and the rule', () => {
    const refusal = (value: string, message: string) =>
      assert.throws(
        () =>
          load(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      V: ${value}
`),
        { name: 'TemplateError', message },
      );
    const at = 'template.yaml: Resources.Table.Properties.V';
    refusal(
      '!Cidr ["10.0.0.0/33", 2, 8]',
      `${at}.Fn::Cidr: Fn::Cidr ipBlock "10.0.0.0/33" is not an IPv4 or IPv6 CIDR block such as 10.0.0.0/16`,
    );
    refusal(
      '!Cidr ["10.0.0.256/16", 2, 8]',
      `${at}.Fn::Cidr: Fn::Cidr ipBlock "10.0.0.256/16" is not an IPv4 or IPv6 CIDR block such as 10.0.0.0/16`,
    );
    for (const block of ['1::2::3/64', ':::/64', '::ffff:1.2.3.4/96', '10.0.0.0', '010.0.0.0/8', '10.0.0.0/08'])
      refusal(
        `!Cidr ["${block}", 2, 8]`,
        `${at}.Fn::Cidr: Fn::Cidr ipBlock ${JSON.stringify(block)} is not an IPv4 or IPv6 CIDR block such as 10.0.0.0/16`,
      );
    refusal('!Cidr ["10.0.0.0/16", 0, 8]', `${at}.Fn::Cidr: Fn::Cidr count must be an integer from 1 to 256, got 0`);
    refusal(
      '!Cidr ["10.0.0.0/16", 257, 8]',
      `${at}.Fn::Cidr: Fn::Cidr count must be an integer from 1 to 256, got 257`,
    );
    refusal(
      '!Cidr ["10.0.0.0/16", 2, 17]',
      `${at}.Fn::Cidr: Fn::Cidr cidrBits must be an integer from 1 to 16 for 10.0.0.0/16 (a /16 holds no larger subnet), got 17`,
    );
    refusal(
      '!Cidr ["10.0.0.0/24", 9, 5]',
      `${at}.Fn::Cidr: Fn::Cidr count 9 is more than the 8 /27 subnets 10.0.0.0/24 holds`,
    );
    refusal('!Cidr ["10.0.0.0/16", "two", 8]', `${at}.Fn::Cidr: Fn::Cidr count must be a whole number, got "two"`);
    refusal('!Cidr ["10.0.0.0/16", 2]', `${at}.Fn::Cidr: Fn::Cidr takes a list of 3 items, got ["10.0.0.0/16",2]`);
    refusal(
      '!GetAZs not-a-region',
      `${at}.Fn::GetAZs: Fn::GetAZs region must be '' (the stack's) or a region name such as eu-west-1, got "not-a-region"`,
    );
  });

  it('rejects an unsupported intrinsic naming the resource and property path', () => {
    assert.throws(
      () =>
        load(
          `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Tags:
        - Key: k
          Value: { 'Fn::Transform': { Name: AWS::Include } }
`,
          'my.yaml',
        ),
      (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.equal(
          error.message,
          'my.yaml: unsupported intrinsic Fn::Transform in Resources.Table.Properties.Tags[0].Value',
        );
        return true;
      },
    );
  });

  it('rejects references to unknown names and attributes, and name cycles', () => {
    const table = (props: string) => `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${props}`;
    assert.throws(
      () => load(table('      X: !Ref Missing')),
      /Resources\.Table\.Properties\.X\.Ref: no parameter or resource named Missing/,
    );
    assert.throws(
      () => load(table('      X: !GetAtt Table.Nope')),
      /Table\.Nope: AWS::DynamoDB::Table has no attribute Nope locally \(available: Arn\)/,
    );
    assert.throws(
      () => load(table('      TableName: !Sub ${Table.Arn}-x')),
      /Resources\.Table: its name depends on itself \(Table -> Table\)/,
    );
    assert.throws(() => load(table('      X: !Sub ${AWS::Bogus}')), /unknown pseudo parameter AWS::Bogus/);
    // Names of Object.prototype's own keys are names like any other, not a way to reach the prototype.
    for (const name of ['__proto__', 'constructor', 'toString']) {
      assert.throws(
        () => load(table(`      X: !Ref ${name}`)),
        new RegExp(`Resources\\.Table\\.Properties\\.X\\.Ref: no parameter or resource named ${name}$`),
      );
    }
  });
});
