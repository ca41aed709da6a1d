import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemsOf } from '../support/config-problems.ts';

const lambda = { integration: 'lambda', handler: 'handlers/default.ts' };

describe('bad configs: every problem, with its path, value and rule', () => {
  it('lists a wrong enum, a wrong type and an unknown field together', () => {
    assert.deepEqual(problemsOf({
      routes: { sync_sfn: { integration: 'stepFunctions', type: 'FAST', workflow: { template: 'wait' } } },
      sessions: { ttl: { seconds: 'one day' } },
      bogus: 1,
    }), [
      'sessions.ttl.seconds: must be a number (got "one day")',
      'routes.sync_sfn.type: must be one of "EXPRESS", "STANDARD" (got "FAST")',
      'bogus: unknown field (got 1)',
    ]);
  });

  it('names the allowed kinds of a discriminated field', () => {
    assert.deepEqual(problemsOf({ routes: { x: { integration: 'sqs' }, y: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'loop' } } } }), [
      'routes.x.integration: must be one of "dynamodb", "lambda", "stepFunctions", "sendToIdentity" (got "sqs")',
      'routes.y.workflow.template: must be one of "wait", "wait-then-notify" (got "loop")',
    ]);
  });

  it('applies cross-field rules: reserved keys, path without edge, unforwardable headers', () => {
    assert.deepEqual(problemsOf({ routes: { $foo: lambda }, edge: { enabled: false, forwardHeaders: ['Authorization'] } }), [
      'routes.$foo: route keys starting with $ are reserved; use $connect, $disconnect, $default or a key without $ (got "$foo")',
      'sessions.store.path: storing the path needs edge.enabled: only the edge can carry a URL path to the API (got true)',
      'edge.forwardHeaders.0: CloudFront cannot forward this header through an origin request policy (got "Authorization")',
    ]);
  });

  it('keeps dynamodb for $connect/$disconnect only', () => {
    assert.deepEqual(problemsOf({ routes: { $connect: lambda, chat: { integration: 'dynamodb' } } }), [
      'routes.$connect.integration: $connect must use the "dynamodb" session integration (got "lambda")',
      'routes.chat.integration: only $connect and $disconnect may use "dynamodb"; use "lambda", "stepFunctions" or "sendToIdentity" (got "dynamodb")',
    ]);
  });

  it('checks the connect options: subprotocol tokens, authorizer kinds and identity sources', () => {
    assert.deepEqual(problemsOf({
      routes: {},
      connect: {
        subprotocols: ['ocpp1.6', 'ocpp 2.0', 'ocpp1.6'],
        authorization: { type: 'REQUEST', handler: 'auth.ts', identitySources: [{ from: 'pathSegment', index: 1 }] },
      },
    }), [
      'connect.authorization.identitySources.0.from: must be one of "header", "query" (got "pathSegment")',
      'connect.subprotocols.1: must be an HTTP token (letters, digits and !#$%&\'*+.^_`|~-), 1-64 characters (got "ocpp 2.0")',
    ]);
    assert.deepEqual(problemsOf({ routes: {}, connect: { authorization: { type: 'JWT' } } }), [
      'connect.authorization.type: must be one of "NONE", "REQUEST", "AWS_IAM" (got "JWT")',
    ]);
  });

  it('applies the connect cross-field rules: IAM behind the edge, duplicate subprotocols, sendToIdentity without identity', () => {
    assert.deepEqual(problemsOf({
      routes: { send: { integration: 'sendToIdentity' } },
      connect: { subprotocols: ['ocpp1.6', 'ocpp1.6'], authorization: { type: 'AWS_IAM' } },
      edge: { authorizationHeader: 'ws-uri' },
    }), [
      'edge.authorizationHeader: must be a forwardable header other than edge.pathHeader (got "ws-uri")',
      'connect.authorization.type: AWS_IAM needs edge.enabled: false: CloudFront cannot forward the signed Authorization header, and it changes the host and path the signature covers (got "AWS_IAM")',
      'connect.subprotocols: must not list a subprotocol twice (got ["ocpp1.6","ocpp1.6"])',
      'routes.send.integration: sendToIdentity needs sessions.identity (the path pattern that names each connection) (got "sendToIdentity")',
    ]);
  });

  it('checks the identity path pattern and that it needs the edge', () => {
    assert.deepEqual(problemsOf({ routes: {}, sessions: { identity: { pathPattern: '/ocpp/{a}/{b}' } } }), [
      'sessions.identity.pathPattern: must be /-separated literal segments (letters, digits, . _ ~ -) with exactly one {attributeName} segment, e.g. /ocpp/{chargePointId} (got "/ocpp/{a}/{b}")',
    ]);
    assert.deepEqual(problemsOf({ routes: {}, sessions: { store: { path: false }, identity: { pathPattern: '/ocpp/{ttl}' } }, edge: { enabled: false } }), [
      'sessions.identity.pathPattern: an identity from the path needs edge.enabled: only the edge can carry a URL path to the API (got "/ocpp/{ttl}")',
    ]);
  });

  it('rejects duplicate index names, reused attributes and bad retention', () => {
    const index = { name: 'ByCustomer', attribute: 'ttl', source: { from: 'query', name: 'customer' } };
    assert.deepEqual(problemsOf({
      routes: {},
      sessions: { indexes: [index, { ...index, attribute: 'customerId' }] },
      observability: { accessLogs: { retentionDays: 31 } },
    }), [
      'observability.accessLogs.retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 31)',
      'sessions.indexes.0.attribute: must not reuse the key, the TTL, a stored field or another index attribute (got "ttl")',
      'sessions.indexes.1.name: index names must be unique (got "ByCustomer")',
    ]);
  });

  it('refuses a workflow message that DefinitionSubstitutions would read as a placeholder', () => {
    assert.deepEqual(problemsOf({ routes: { a: { integration: 'stepFunctions', type: 'STANDARD', workflow: { template: 'wait-then-notify', message: 'hi ${Stage}' } } } }), [
      'routes.a.workflow.message: must not contain "${" (Step Functions would read it as a substitution) (got "hi ${Stage}")',
    ]);
  });
});
