/** Policies IAM would refuse on create (MalformedPolicyDocument) are named at start, with their role or function. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateTemplatePolicies, type PolicyDocument, type PolicyStatement } from '../../../local/iam/index.ts';
import { FUNCTION, TABLE, document, role } from './fixtures.ts';

const TRUST = document({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const validate = (
  statements: PolicyStatement[],
  trust: PolicyDocument | undefined = TRUST,
  functionPolicy?: PolicyDocument,
) =>
  validateTemplatePolicies({
    roles: [role(statements, trust)],
    executionRoles: new Map(),
    warnings: [],
    functionPolicies: new Map(functionPolicy ? [[FUNCTION, functionPolicy]] : []),
  });

describe('validateTemplatePolicies', () => {
  it('passes the documents a template normally has', async () => {
    assert.deepEqual(
      await validate(
        [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE }],
        TRUST,
        document({
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION,
        }),
      ),
      [],
    );
  });

  it('names each malformed statement with its role, policy and path', async () => {
    const problems = await validate([
      { Effect: 'Allowed' as 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE },
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: [{ 'Fn::Sub': 'x' }] as unknown as string[] },
    ]);
    assert.ok(problems.length >= 2, JSON.stringify(problems));
    assert.ok(
      problems.every((problem) => problem.startsWith('role TestRole: TestRole/Inline: Statement[')),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some((problem) => /Statement\[0\]\.Effect/.test(problem)),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some((problem) =>
        /Statement\[1\]\.Resource\[0\]: Resource must be a string or array of strings/.test(problem),
      ),
      JSON.stringify(problems),
    );
  });

  it("checks the trust policy and the functions' resource policies too", async () => {
    const trustProblems = await validate(
      [],
      document({
        Effect: 'Maybe' as 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    );
    assert.ok(
      trustProblems.length > 0 &&
        trustProblems.every((p) => p.startsWith('role TestRole: TestRole/AssumeRolePolicyDocument: ')),
      JSON.stringify(trustProblems),
    );
    const functionProblems = await validate(
      [],
      TRUST,
      document({
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: 7 as unknown as string,
      }),
    );
    assert.ok(
      functionProblems.length > 0 &&
        functionProblems.every((p) =>
          p.startsWith(`function ${FUNCTION}: resource-based policy (AWS::Lambda::Permission): `),
        ),
      JSON.stringify(functionProblems),
    );
  });
});
