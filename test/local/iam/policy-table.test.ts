/**
 * Tricky policies, each answered by iam-simulate through the local evaluator and checked against the
 * result the AWS documentation gives. Sources (IAM User Guide unless named):
 *  [EVAL]  reference_policies_evaluation-logic.html: requests are implicitly denied by default; an Allow is
 *          needed; an explicit Deny in any policy overrides every Allow.
 *  [ACT]   reference_policies_elements_action.html: action names are case-insensitive; `*` in action names.
 *  [RES]   reference_policies_elements_resource.html: `*` (any run of characters, `/` included) and `?`
 *          (one character) in any ARN segment; resource ARNs are case-sensitive.
 *  [NA]    reference_policies_elements_notaction.html: Allow+NotAction allows every other action, only on
 *          the statement's Resource.
 *  [NR]    reference_policies_elements_notresource.html: the statement applies to every resource but those.
 *  [COND]  reference_policies_elements_condition_operators.html: a key absent from the request makes the
 *          condition false, except `...IfExists` operators, which are then true.
 *  [VAR]   reference_policies_variables.html: only `${...}` is a policy variable; `{connectionId}` is plain text.
 *  [DDB]   DynamoDB Developer Guide, "Using IAM policy conditions / API permissions": an index is its own
 *          resource, `table/T/index/I`; a grant on `table/T` alone does not cover Query on its index.
 *  [CONN]  execute-api ManageConnections is checked on `.../{stage}/{METHOD}/@connections/{connectionId}` with
 *          the literal `{connectionId}` (AWS AccessDenied messages quoted in aws/aws-cdk#18410 and
 *          aws-solutions/innovation-sandbox-on-aws#59); a POST grant does not cover DELETE (aws-cdk#18410).
 *  [LAMBDA] Lambda Developer Guide, "Granting function access to AWS services": the permission's SourceArn
 *          becomes an `ArnLike` condition on `aws:SourceArn`; API Gateway passes the route's ARN.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyDocument, PolicyStatement } from '../../../local/iam/index.ts';
import { API, FUNCTION, TABLE, document, evaluatorFor, ROLE_ARN } from './fixtures.ts';

type Expected = 'allowed' | 'implicit-deny' | 'explicit-deny';
interface Row {
  name: string;
  source: string;
  statements: PolicyStatement[];
  action: string;
  resource: string;
  context?: Record<string, string>;
  expected: Expected;
}

const allow = (
  Action: string | string[],
  Resource: string | string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: string | string[], Resource: string | string[]): PolicyStatement => ({
  Effect: 'Deny',
  Action,
  Resource,
});
const CONNECTIONS = (method: string, id = '{connectionId}') => `${API}/api/${method}/@connections/${id}`;
const OTHER_TABLE = TABLE.replace('Sessions', 'Secrets');

const ROWS: Row[] = [
  {
    name: 'nothing granted',
    source: 'EVAL',
    statements: [allow('dynamodb:GetItem', TABLE)],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'exact grant',
    source: 'EVAL',
    statements: [allow('dynamodb:PutItem', TABLE)],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'action wildcard matches',
    source: 'ACT',
    statements: [allow('dynamodb:Put*', TABLE)],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'action wildcard does not reach other actions',
    source: 'ACT',
    statements: [allow('dynamodb:Put*', TABLE)],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'action names ignore case',
    source: 'ACT',
    statements: [allow('DynamoDB:putitem', TABLE)],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'resource * spans segments',
    source: 'RES',
    statements: [allow('dynamodb:PutItem', 'arn:aws:dynamodb:*:*:table/Sess*')],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'resource ? is one character',
    source: 'RES',
    statements: [allow('dynamodb:PutItem', TABLE.replace('Sessions', '?essions'))],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'resource ? is not two characters',
    source: 'RES',
    statements: [allow('dynamodb:PutItem', TABLE.replace('Sessions', '?ssions'))],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'resource names are case-sensitive',
    source: 'RES',
    statements: [allow('dynamodb:PutItem', TABLE.replace('Sessions', 'sessions'))],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'a table grant does not cover its index',
    source: 'DDB',
    statements: [allow('dynamodb:Query', TABLE)],
    action: 'dynamodb:Query',
    resource: `${TABLE}/index/ByChargePoint`,
    expected: 'implicit-deny',
  },
  {
    name: 'an index grant covers the index',
    source: 'DDB',
    statements: [allow('dynamodb:Query', `${TABLE}/index/ByChargePoint`)],
    action: 'dynamodb:Query',
    resource: `${TABLE}/index/ByChargePoint`,
    expected: 'allowed',
  },
  {
    name: 'table/T* covers the index too',
    source: 'RES',
    statements: [allow('dynamodb:Query', `${TABLE}*`)],
    action: 'dynamodb:Query',
    resource: `${TABLE}/index/ByChargePoint`,
    expected: 'allowed',
  },
  {
    name: 'deny beats allow',
    source: 'EVAL',
    statements: [allow('dynamodb:*', '*'), deny('dynamodb:DeleteItem', TABLE)],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'a deny elsewhere leaves the allow',
    source: 'EVAL',
    statements: [allow('dynamodb:*', '*'), deny('dynamodb:DeleteItem', TABLE)],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'deny with a wildcard action',
    source: 'EVAL',
    statements: [allow('dynamodb:PutItem', TABLE), deny('dynamodb:*', '*')],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'Allow NotAction allows the others',
    source: 'NA',
    statements: [{ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: TABLE }],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'Allow NotAction does not allow the listed action',
    source: 'NA',
    statements: [{ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: TABLE }],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'Allow NotAction stays on its resources',
    source: 'NA',
    statements: [{ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: TABLE }],
    action: 'dynamodb:PutItem',
    resource: OTHER_TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'Deny NotAction denies everything else',
    source: 'NA',
    statements: [allow('*', '*'), { Effect: 'Deny', NotAction: 'dynamodb:GetItem', Resource: '*' }],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'Allow NotResource covers other resources',
    source: 'NR',
    statements: [{ Effect: 'Allow', Action: 'dynamodb:*', NotResource: OTHER_TABLE }],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'Allow NotResource excludes its resource',
    source: 'NR',
    statements: [{ Effect: 'Allow', Action: 'dynamodb:*', NotResource: OTHER_TABLE }],
    action: 'dynamodb:PutItem',
    resource: OTHER_TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'Deny NotResource fences every other resource',
    source: 'NR',
    statements: [allow('dynamodb:*', '*'), { Effect: 'Deny', Action: '*', NotResource: TABLE }],
    action: 'dynamodb:PutItem',
    resource: OTHER_TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'condition on a key the request lacks is false',
    source: 'COND',
    statements: [allow('dynamodb:PutItem', TABLE, { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: '...IfExists on a key the request lacks is true',
    source: 'COND',
    statements: [
      allow('dynamodb:PutItem', TABLE, { Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } }),
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'condition on a supplied key, matching',
    source: 'COND',
    statements: [
      allow('dynamodb:PutItem', TABLE, { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'condition on a supplied key, not matching',
    source: 'COND',
    statements: [
      allow('dynamodb:PutItem', TABLE, { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'implicit-deny',
  },
  {
    name: 'a Deny conditioned on a key the request lacks does not apply',
    source: 'COND, EVAL',
    statements: [
      allow('dynamodb:*', TABLE),
      { ...deny('dynamodb:PutItem', TABLE), Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'a Deny with ...IfExists on a key the request lacks applies',
    source: 'COND, EVAL',
    statements: [
      allow('dynamodb:*', TABLE),
      { ...deny('dynamodb:PutItem', TABLE), Condition: { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } },
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'action ? is one character',
    source: 'ACT',
    statements: [allow('dynamodb:?etItem', TABLE)],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'Deny NotAction with NotResource: only the listed action on the listed resource escapes',
    source: 'NA, NR',
    statements: [allow('dynamodb:*', '*'), { Effect: 'Deny', NotAction: 'dynamodb:GetItem', NotResource: TABLE }],
    action: 'dynamodb:GetItem',
    resource: OTHER_TABLE,
    expected: 'allowed',
  },
  {
    name: 'Deny NotAction with NotResource denies other actions elsewhere',
    source: 'NA, NR',
    statements: [allow('dynamodb:*', '*'), { Effect: 'Deny', NotAction: 'dynamodb:GetItem', NotResource: TABLE }],
    action: 'dynamodb:PutItem',
    resource: OTHER_TABLE,
    expected: 'explicit-deny',
  },
  {
    name: 'Deny NotAction with NotResource leaves its own resource alone',
    source: 'NA, NR',
    statements: [allow('dynamodb:*', '*'), { Effect: 'Deny', NotAction: 'dynamodb:GetItem', NotResource: TABLE }],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    expected: 'allowed',
  },
  {
    name: 'a {connectionId} grant with a * elsewhere matches the literal',
    source: 'CONN, VAR, RES',
    statements: [allow('execute-api:ManageConnections', `${API}/*/POST/@connections/{connectionId}`)],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'allowed',
  },
  {
    name: 'a ${aws:username}-style variable is no wildcard for the {connectionId} literal',
    source: 'CONN, VAR',
    statements: [allow('execute-api:ManageConnections', `${API}/api/POST/@connections/\${aws:userid}`)],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'implicit-deny',
  },
  {
    name: 'literal {connectionId} grant matches the checked resource',
    source: 'CONN, VAR',
    statements: [allow('execute-api:ManageConnections', CONNECTIONS('POST'))],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'allowed',
  },
  {
    name: '@connections/* matches too',
    source: 'CONN, RES',
    statements: [allow('execute-api:ManageConnections', `${API}/api/POST/@connections/*`)],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'allowed',
  },
  {
    name: 'a grant naming a real connection id never matches',
    source: 'CONN, RES',
    statements: [allow('execute-api:ManageConnections', CONNECTIONS('POST', 'L0SM9cOFvHcCIhw='))],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'implicit-deny',
  },
  {
    name: 'a POST grant does not cover DELETE',
    source: 'CONN',
    statements: [allow('execute-api:ManageConnections', CONNECTIONS('POST'))],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('DELETE'),
    expected: 'implicit-deny',
  },
  {
    name: "the docs' bare .../POST/@connections does not match",
    source: 'CONN, RES',
    statements: [allow('execute-api:ManageConnections', `${API}/api/POST/@connections`)],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'implicit-deny',
  },
  {
    name: 'a grant for another stage does not match',
    source: 'CONN',
    statements: [allow('execute-api:ManageConnections', CONNECTIONS('POST').replace('/api/', '/prod/'))],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('POST'),
    expected: 'implicit-deny',
  },
  {
    name: 'every method and stage',
    source: 'CONN, RES',
    statements: [allow('execute-api:ManageConnections', `${API}/*/*/@connections/*`)],
    action: 'execute-api:ManageConnections',
    resource: CONNECTIONS('GET'),
    expected: 'allowed',
  },
];

describe('IAM evaluation: tricky policies against the AWS documentation', () => {
  for (const row of ROWS) {
    it(`${row.name} [${row.source}] → ${row.expected}`, async () => {
      const { evaluator } = evaluatorFor(row.statements);
      const decision = await evaluator.authorize({
        principal: ROLE_ARN,
        action: row.action,
        resource: row.resource,
        ...(row.context ? { context: row.context } : {}),
      });
      const got = decision.allowed ? 'allowed' : decision.reason;
      assert.equal(got, row.expected, JSON.stringify(decision));
    });
  }
});

describe('IAM evaluation: condition keys the request did not carry are named in the log [COND]', () => {
  it('an Allow on aws:SourceIp (which the local stack never supplies): denied, and the denial names the key', async () => {
    const { evaluator, lines } = evaluatorFor([
      allow('dynamodb:PutItem', TABLE, { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    ]);
    const decision = await evaluator.authorize({ principal: ROLE_ARN, action: 'dynamodb:PutItem', resource: TABLE });
    assert.equal(decision.allowed, false);
    assert.deepEqual(decision.allowed ? [] : decision.missingConditionKeys, ['aws:SourceIp']);
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /: no statement allows it\. Conditions on keys the request did not carry \(the local stack does not supply them\): aws:SourceIp\. A statement that would allow it: /,
    );
  });
});

describe('IAM evaluation: Lambda resource policies for API Gateway [LAMBDA]', () => {
  const permission = (sourceArn: string, extra: Record<string, string> = {}): PolicyDocument =>
    document({
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION,
      Condition: {
        ArnLike: { 'AWS:SourceArn': sourceArn },
        ...(extra['account'] ? { StringEquals: { 'AWS:SourceAccount': extra['account'] } } : {}),
      },
    });
  const invoke = (policy: PolicyDocument | undefined, sourceArn: string) => {
    const { evaluator } = evaluatorFor([], { functionPolicies: new Map(policy ? [[FUNCTION, policy]] : []) });
    return evaluator.authorize({
      principal: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: FUNCTION,
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': '123456789012' },
    });
  };
  const cases: Array<[string, PolicyDocument | undefined, string, boolean]> = [
    ['the route the permission names', permission(`${API}/api/$default`), `${API}/api/$default`, true],
    ['another route', permission(`${API}/api/$default`), `${API}/api/sync_sfn`, false],
    ['a wildcard over stages and routes', permission(`${API}/*/*`), `${API}/api/sync_sfn`, true],
    ['the authorizer path', permission(`${API}/authorizers/*`), `${API}/authorizers/a1b2c3d`, true],
    [
      "another account's source",
      permission(`${API}/api/$default`, { account: '210987654321' }),
      `${API}/api/$default`,
      false,
    ],
    ['no permission at all', undefined, `${API}/api/$default`, false],
  ];
  for (const [name, policy, sourceArn, expected] of cases) {
    it(`${name} → ${expected ? 'allowed' : 'denied'}`, async () => {
      assert.equal((await invoke(policy, sourceArn)).allowed, expected);
    });
  }
});
