import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePolicy, iamPatternMatches } from '../../../local/api/authorizer-policy.ts';
import { readAuthorizerResult } from '../../../local/api/authorizer-result.ts';

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect';
const statement = (Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({
  Effect,
  Action,
  Resource,
});
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const verdict = (document: unknown) => evaluatePolicy(document, METHOD_ARN).kind;

describe('authorizer policy evaluation', () => {
  it('allows a statement whose resource matches the method ARN exactly or through * and ? wildcards', () => {
    for (const resource of [
      METHOD_ARN,
      '*',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/*',
      'arn:aws:execute-api:*:*:abc123/prod/$connect',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/pro?/$connec?',
      ['arn:aws:execute-api:us-east-1:123456789012:other/*', METHOD_ARN],
    ]) {
      assert.equal(verdict(policy(statement('Allow', resource))), 'allow', JSON.stringify(resource));
    }
  });

  it('denies when no Allow matches: another stage, API or route, a ? that needs two characters, a dot that is not a wildcard', () => {
    for (const resource of [
      'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/$connect',
      'arn:aws:execute-api:us-east-1:123456789012:xyz789/prod/$connect',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$conne?',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/.connect',
      'ARN:AWS:EXECUTE-API:us-east-1:123456789012:abc123/prod/$connect',
    ]) {
      assert.deepEqual(
        evaluatePolicy(policy(statement('Allow', resource)), METHOD_ARN),
        { kind: 'deny', reason: `no statement allows execute-api:Invoke on ${METHOD_ARN}` },
        resource,
      );
    }
    assert.equal(verdict(policy()), 'deny');
  });

  it('lets a matching explicit Deny win over any Allow, in either order', () => {
    assert.equal(verdict(policy(statement('Allow', '*'), statement('Deny', METHOD_ARN))), 'deny');
    assert.equal(
      verdict(policy(statement('Deny', 'arn:aws:execute-api:*:*:abc123/*'), statement('Allow', METHOD_ARN))),
      'deny',
    );
    assert.equal(
      verdict(policy(statement('Deny', 'arn:aws:execute-api:*:*:other/*'), statement('Allow', METHOD_ARN))),
      'allow',
    );
  });

  it('matches actions case-insensitively with wildcards, and ignores statements about other actions', () => {
    assert.equal(verdict(policy(statement('Allow', METHOD_ARN, 'execute-api:*'))), 'allow');
    assert.equal(verdict(policy(statement('Allow', METHOD_ARN, ['s3:GetObject', 'EXECUTE-API:invoke']))), 'allow');
    assert.equal(verdict(policy(statement('Allow', METHOD_ARN, 'execute-api:ManageConnections'))), 'deny');
    assert.equal(
      verdict(policy(statement('Allow', METHOD_ARN), statement('Deny', METHOD_ARN, 'execute-api:ManageConnections'))),
      'allow',
    );
  });

  it('accepts a single Statement object, and calls malformed documents malformed with the reason', () => {
    assert.equal(verdict({ Version: '2012-10-17', Statement: statement('Allow', METHOD_ARN) }), 'allow');
    assert.deepEqual(evaluatePolicy(policy(statement('allow', METHOD_ARN)), METHOD_ARN), {
      kind: 'malformed',
      reason: 'policyDocument.Statement[0]: Effect: "allow" must be Allow or Deny',
    });
    assert.deepEqual(evaluatePolicy(policy(statement('Allow', 42)), METHOD_ARN), {
      kind: 'malformed',
      reason: 'policyDocument.Statement[0]: Resource: 42 must be a string or a list of strings',
    });
    assert.deepEqual(evaluatePolicy('Allow', METHOD_ARN), {
      kind: 'malformed',
      reason: 'policyDocument must be an object, got "Allow"',
    });
  });

  it('iamPatternMatches anchors the whole value', () => {
    assert.equal(iamPatternMatches('abc', 'xabcx', false), false);
    assert.equal(iamPatternMatches('a*c', 'a/b/c', false), true);
    assert.equal(iamPatternMatches('A?C', 'abc', true), true);
    assert.equal(iamPatternMatches('A?C', 'abc', false), false);
  });
});

describe('authorizer result', () => {
  const allow = policy(statement('Allow', METHOD_ARN));

  it('keeps principalId and turns context numbers and booleans into strings', () => {
    const result = readAuthorizerResult(
      {
        principalId: 'user-1',
        policyDocument: allow,
        context: { name: 'ann', level: 1, ratio: 0.5, admin: true, off: false },
      },
      METHOD_ARN,
    );
    assert.deepEqual(result, {
      kind: 'allow',
      values: { principalId: 'user-1', name: 'ann', level: '1', ratio: '0.5', admin: 'true', off: 'false' },
    });
    assert.deepEqual(readAuthorizerResult({ principalId: 'user-1', policyDocument: allow }, METHOD_ARN), {
      kind: 'allow',
      values: { principalId: 'user-1' },
    });
  });

  it('calls results without principalId or policyDocument, or with object/array context values, malformed', () => {
    const reasons = [
      [{ policyDocument: allow }, 'principalId: undefined must be a non-empty string'],
      [{ principalId: '', policyDocument: allow }, 'principalId: "" must be a non-empty string'],
      [{ principalId: 'u' }, 'policyDocument is missing'],
      [
        { principalId: 'u', policyDocument: allow, context: { nested: { a: 1 } } },
        'context.nested: {"a":1} must be a string, number or boolean',
      ],
      [
        { principalId: 'u', policyDocument: allow, context: { list: [1] } },
        'context.list: [1] must be a string, number or boolean',
      ],
      [{ principalId: 'u', policyDocument: allow, context: ['x'] }, 'context: ["x"] must be an object'],
      ['Allow', 'the authorizer returned "Allow", not an object'],
    ] as const;
    for (const [result, reason] of reasons)
      assert.deepEqual(readAuthorizerResult(result, METHOD_ARN), { kind: 'malformed', reason });
  });

  it('passes a Deny through with its reason', () => {
    const result = readAuthorizerResult(
      { principalId: 'u', policyDocument: policy(statement('Deny', METHOD_ARN)) },
      METHOD_ARN,
    );
    assert.deepEqual(result, {
      kind: 'deny',
      reason: `policyDocument.Statement[0] denies execute-api:Invoke on ${METHOD_ARN}`,
    });
  });
});
