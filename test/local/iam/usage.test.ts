/**
 * `npm run iam`'s computation: a run's decision records matched to the template's statements by role logical ID,
 * policy name and statement index; unused and not-local statements told apart; hostile record files read safely.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decisionRecord,
  parseDecisionRecords,
  type DecisionRecord,
  type LocalRole,
  type TemplatePolicies,
} from '../../../local/iam/index.ts';
import { usageReport } from '../../../local/iam/usage.ts';
import { describeStatement, formatUsageReport } from '../../../local/iam/usage-text.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/local-Sessions';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:local-DefaultFunction';
const role: LocalRole = {
  logicalId: 'SendRole',
  roleName: 'local-SendRole',
  arn: 'arn:aws:iam::123456789012:role/local-SendRole',
  trustPolicy: undefined,
  policies: [
    {
      name: 'SendRole/Inline',
      document: {
        Statement: [
          { Effect: 'Allow', Action: 'dynamodb:Query', Resource: `${TABLE}/index/ByIdentity` },
          { Effect: 'Allow', Action: ['dynamodb:DeleteItem'], Resource: [TABLE] },
          { Effect: 'Deny', NotAction: 'dynamodb:*', NotResource: TABLE },
        ],
      },
    },
    {
      name: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      document: { Statement: { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' } },
    },
  ],
};
const policies: TemplatePolicies = {
  roles: [role],
  executionRoles: new Map(),
  functionPolicies: new Map(),
  warnings: [],
};
const allowed = (action: string, resource: string, statement: number): DecisionRecord => ({
  role: 'SendRole',
  principal: role.arn,
  action,
  resource,
  allowed: true,
  policy: 'SendRole/Inline',
  statement,
});

describe('IAM usage of a run', () => {
  it('marks each statement used (with its distinct calls), UNUSED, or not usable locally, and lists denials', () => {
    const records: DecisionRecord[] = [
      allowed('dynamodb:Query', `${TABLE}/index/ByIdentity`, 0),
      allowed('dynamodb:Query', `${TABLE}/index/ByIdentity`, 0), // the cache was cleared: the same decision again
      {
        role: 'SendRole',
        principal: role.arn,
        action: 'execute-api:ManageConnections',
        resource: 'arn:x/POST/@connections/{connectionId}',
        allowed: false,
      },
      {
        role: undefined,
        principal: 'apigateway.amazonaws.com',
        action: 'lambda:InvokeFunction',
        resource: FN,
        allowed: true,
        policy: 'resource-based policy',
        statement: 0,
      },
      {
        role: 'GoneRole',
        principal: 'arn:aws:iam::123456789012:role/local-GoneRole',
        action: 'dynamodb:GetItem',
        resource: TABLE,
        allowed: true,
      },
    ];
    const report = usageReport(policies, records);
    const [usage] = report.roles;
    assert.deepEqual(
      usage?.statements.map((s) => [s.policy, s.index, s.status, s.used]),
      [
        ['SendRole/Inline', 0, 'used', [{ action: 'dynamodb:Query', resource: `${TABLE}/index/ByIdentity` }]],
        ['SendRole/Inline', 1, 'unused', []],
        ['SendRole/Inline', 2, 'unused', []], // NotAction: "everything but dynamodb" includes services that run locally
        ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 0, 'not-local', []],
      ],
    );
    assert.deepEqual(usage?.denied, [
      { action: 'execute-api:ManageConnections', resource: 'arn:x/POST/@connections/{connectionId}' },
    ]);
    assert.deepEqual(report.functionPolicies, [
      {
        functionArn: FN,
        callers: [{ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', allowed: true }],
      },
    ]);
    assert.deepEqual(report.unknownRoles, ['GoneRole']);

    const text = formatUsageReport(report, { source: '.local/logs/iam-decisions.jsonl', decisions: records.length });
    assert.equal(
      text,
      [
        `role SendRole (${role.arn})`,
        `  SendRole/Inline Statement[0]: Allow dynamodb:Query on ${TABLE}/index/ByIdentity`,
        '    used:',
        `      dynamodb:Query on ${TABLE}/index/ByIdentity`,
        `  SendRole/Inline Statement[1]: Allow dynamodb:DeleteItem on ${TABLE}`,
        '    UNUSED in this run',
        `  SendRole/Inline Statement[2]: Deny all actions but dynamodb:* on all resources but ${TABLE}`,
        '    UNUSED in this run',
        '  arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole Statement[0]: Allow logs:PutLogEvents on *',
        '    not used locally (a service the local stack does not run)',
        '  DENIED in this run:',
        '    execute-api:ManageConnections on arn:x/POST/@connections/{connectionId}',
        'function resource policies (AWS::Lambda::Permission)',
        `  ${FN}`,
        '    allowed: apigateway.amazonaws.com lambda:InvokeFunction',
        "the run's log names role GoneRole, which this template does not have (was it changed since the run?)",
        '5 decision(s) in .local/logs/iam-decisions.jsonl: 1 statement(s) used, 2 UNUSED (their calls never happened in this run)',
      ].join('\n'),
    );
  });

  it("without a run lists only the template's grants and says how to get a run", () => {
    const text = formatUsageReport(usageReport(policies, []), undefined);
    assert.doesNotMatch(text, /UNUSED|used:/);
    assert.match(text, /^no run to compare with: start the stack \(npm start\)/m);
  });

  it('describes conditions and statements without a resource', () => {
    assert.equal(
      describeStatement({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': '1' } },
      }),
      'Allow s3:GetObject on * if {"StringEquals":{"aws:SourceAccount":"1"}}',
    );
    assert.equal(describeStatement({ Effect: 'Deny', Action: '*' }), 'Deny * on (no resource)');
  });
});

describe('decision records', () => {
  it('round-trip what the stack writes', () => {
    const record = decisionRecord(
      { principal: role.arn, action: 'dynamodb:Query', resource: TABLE, sessionName: 'fn' },
      role,
      { allowed: true, statement: { policy: 'SendRole/Inline', index: 0, sid: undefined } },
    );
    assert.deepEqual(parseDecisionRecords(`${JSON.stringify(record)}\n`), {
      records: [allowed('dynamodb:Query', TABLE, 0)],
      badLines: [],
    });
  });

  it('skips, by line number, whatever is not a record (a hand-edited or foreign file)', () => {
    const good = JSON.stringify(allowed('dynamodb:Query', TABLE, 0));
    const text = [
      good,
      '',
      'not json',
      '[1,2]',
      'null',
      '"text"',
      '{"principal":"p","action":"a","resource":"r"}',
      '{"principal":1,"action":"a","resource":"r","allowed":true}',
      '{"principal":"p","action":"a","resource":"r","allowed":true,"role":7}',
      '{"principal":"p","action":"a","resource":"r","allowed":"yes"}',
      '{"__proto__":{"allowed":true},"principal":"p","action":"a","resource":"r"}',
      // A statement index that is not one is dropped, not trusted: the record still counts, attributed to no statement.
      '{"principal":"p","action":"a","resource":"r","allowed":true,"policy":"P","statement":-1}',
    ].join('\n');
    const { records, badLines } = parseDecisionRecords(text);
    assert.deepEqual(badLines, [3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.deepEqual(records, [
      allowed('dynamodb:Query', TABLE, 0),
      { role: undefined, principal: 'p', action: 'a', resource: 'r', allowed: true },
    ]);
  });
});
