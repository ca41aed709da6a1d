/** What a decision says and logs: AWS's wording, the statement that decided or would allow, the keys it lacked. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, TABLE, document, evaluatorFor, ROLE_ARN } from './fixtures.ts';

const put = { principal: ROLE_ARN, action: 'dynamodb:PutItem', resource: TABLE, sessionName: 'apigateway' };

describe('IamEvaluator decisions', () => {
  it('allows with the statement that allowed, and logs nothing', async () => {
    const { evaluator, lines } = evaluatorFor([
      { Sid: 'Put', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE },
    ]);
    assert.deepEqual(await evaluator.authorize(put), {
      allowed: true,
      statement: { policy: 'TestRole/Inline', index: 0, sid: 'Put' },
    });
    assert.deepEqual(lines, []);
  });

  it("an implicit denial carries AWS's message and the statement that would allow it, and logs both", async () => {
    const { evaluator, lines } = evaluatorFor([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }]);
    const decision = await evaluator.authorize(put);
    assert.deepEqual(decision, {
      allowed: false,
      reason: 'implicit-deny',
      message:
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/local-TestRole/apigateway is not authorized to perform: dynamodb:PutItem ` +
        `on resource: ${TABLE} because no identity-based policy allows the dynamodb:PutItem action`,
      wouldAllow: { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE },
      missingConditionKeys: [],
    });
    assert.deepEqual(lines, [
      `AccessDenied: role TestRole (${ROLE_ARN}) may not dynamodb:PutItem on ${TABLE}: no statement allows it. ` +
        `A statement that would allow it: {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"${TABLE}"}`,
    ]);
  });

  it('an explicit denial names the Deny statement', async () => {
    const { evaluator, lines } = evaluatorFor([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'NoWrites', Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: TABLE },
    ]);
    const decision = await evaluator.authorize(put);
    assert.equal(decision.allowed, false);
    assert.ok(!decision.allowed && decision.reason === 'explicit-deny');
    assert.match(decision.message, / on resource: \S+ with an explicit deny in an identity-based policy$/);
    assert.deepEqual(decision.statement, { policy: 'TestRole/Inline', index: 1, sid: 'NoWrites' });
    assert.match(lines[0] ?? '', /explicitly denied by TestRole\/Inline Statement\[1\] \(Sid NoWrites\)/);
  });

  it('names the condition keys the request did not carry, on a denial and on an IfExists allow', async () => {
    const { evaluator, lines } = evaluatorFor([
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: TABLE,
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: TABLE,
        Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } },
      },
    ]);
    const denied = await evaluator.authorize(put);
    assert.ok(!denied.allowed);
    assert.deepEqual(denied.missingConditionKeys, ['aws:SourceIp']);
    assert.match(
      lines[0] ?? '',
      /Conditions on keys the request did not carry \(the local stack does not supply them\): aws:SourceIp\./,
    );
    assert.equal((await evaluator.authorize({ ...put, action: 'dynamodb:GetItem' })).allowed, true);
  });

  it('answers a repeated request from its cache, logging each denial again', async () => {
    const { evaluator, lines } = evaluatorFor([]);
    const first = await evaluator.authorize(put);
    const second = await evaluator.authorize(put);
    assert.deepEqual(second, first);
    assert.equal(lines.length, 2);
  });

  it('refuses a request resource that is a pattern, and an action IAM does not know', async () => {
    const { evaluator } = evaluatorFor([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    for (const resource of [`${TABLE}*`, TABLE.replace('Sessions', 'Sess?ons')]) {
      const decision = await evaluator.authorize({ ...put, resource });
      assert.ok(!decision.allowed && decision.reason === 'invalid-request', JSON.stringify(decision));
      assert.match(decision.message, /contains an IAM wildcard/);
    }
    const newline = await evaluator.authorize({ ...put, resource: `${TABLE}\napigateway` });
    assert.ok(
      !newline.allowed && newline.reason === 'invalid-request' && /control characters/.test(newline.message),
      JSON.stringify(newline),
    );
    const unknown = await evaluator.authorize({ ...put, action: 'dynamodb:PutItme' });
    assert.ok(!unknown.allowed && unknown.reason === 'invalid-request');
    assert.match(unknown.message, /invalid\.action/);
    // A wildcard-only action is asked about `*` itself.
    assert.equal((await evaluator.authorize({ ...put, action: 'dynamodb:ListTables', resource: '*' })).allowed, true);
  });

  it('lets a role outside the template through, named once in the log', async () => {
    const { evaluator, lines } = evaluatorFor([]);
    const outsider = { ...put, principal: `arn:aws:iam::${ACCOUNT}:role/made-elsewhere` };
    const decision = await evaluator.authorize(outsider);
    await evaluator.authorize(outsider);
    assert.deepEqual(decision, {
      allowed: true,
      statement: undefined,
      unevaluated: `role ${outsider.principal} is not defined in this template`,
    });
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] ?? '',
      /^not evaluated: dynamodb:PutItem on .*made-elsewhere is not defined in this template; the call goes ahead$/,
    );
  });

  it('checks who may assume a role against its trust policy', async () => {
    const trust = document({
      Effect: 'Allow',
      Principal: { Service: ['apigateway.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
    });
    const { evaluator, lines } = evaluatorFor([], { trust });
    assert.equal(await evaluator.canAssume(ROLE_ARN, 'apigateway.amazonaws.com'), true);
    assert.equal(await evaluator.canAssume(ROLE_ARN, 'states.amazonaws.com'), false);
    assert.match(lines[0] ?? '', /states\.amazonaws\.com cannot assume role TestRole/);
    const { evaluator: untrusting } = evaluatorFor([]);
    assert.equal(await untrusting.canAssume(ROLE_ARN, 'apigateway.amazonaws.com'), false);
  });
});
