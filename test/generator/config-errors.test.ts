import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemsOf } from '../support/config-problems.ts';

const lambda = { integration: 'lambda', handler: 'handlers/default.ts' };

describe('bad configs: every problem, with its path, value and rule', () => {
  it('lists a wrong enum, a wrong type and an unknown field together', () => {
    assert.deepEqual(
      problemsOf({
        routes: { sync_sfn: { integration: 'stepFunctions', type: 'FAST', workflow: { template: 'wait' } } },
        sessions: { ttl: { seconds: 'one day' } },
        bogus: 1,
      }),
      [
        'sessions.ttl.seconds: must be a number (got "one day")',
        'routes.sync_sfn.type: must be one of "EXPRESS", "STANDARD" (got "FAST")',
        'bogus: unknown field (got 1)',
      ],
    );
  });

  it('names the allowed kinds of a discriminated field', () => {
    assert.deepEqual(
      problemsOf({
        routes: {
          x: { integration: 'sqs' },
          y: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'loop' } },
        },
      }),
      [
        'routes.x.integration: must be one of "dynamodb", "lambda", "stepFunctions", "sendToIdentity" (got "sqs")',
        'routes.y.workflow.template: must be one of "wait", "wait-then-notify" (got "loop")',
      ],
    );
  });

  it('applies cross-field rules: reserved keys, path without edge, unforwardable headers', () => {
    assert.deepEqual(
      problemsOf({ routes: { $foo: lambda }, edge: { enabled: false, forwardHeaders: ['Authorization'] } }),
      [
        'routes.$foo: route keys starting with $ are reserved; use $connect, $disconnect, $default or a key without $ (got "$foo")',
        'sessions.store.path: storing the path needs edge.enabled: only the edge can carry a URL path to the API (got true)',
        'edge.forwardHeaders.0: CloudFront cannot forward this header through an origin request policy (got "Authorization")',
      ],
    );
  });

  it('keeps dynamodb for $connect/$disconnect only, which may also be a lambda', () => {
    assert.deepEqual(
      problemsOf({
        routes: {
          $connect: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'wait' } },
          chat: { integration: 'dynamodb' },
        },
      }),
      [
        'routes.$connect.integration: $connect must use "dynamodb" or "lambda" (got "stepFunctions")',
        'routes.chat.integration: only $connect and $disconnect may use "dynamodb"; use "lambda", "stepFunctions" or "sendToIdentity" (got "dynamodb")',
      ],
    );
  });

  it('a Lambda $connect/$disconnect: not with subprotocols, and not setting the session record variables', () => {
    assert.deepEqual(
      problemsOf({
        routes: {
          $connect: { ...lambda, environment: { SESSION_RECORD: '{}', ORIGIN_SECRETS: 'x' } },
          $disconnect: { ...lambda, environment: { SESSION_RECORD: '{}' } },
        },
        connect: { subprotocols: ['ocpp1.6'] },
      }),
      [
        'routes.$connect.integration: a Lambda $connect cannot be combined with connect.subprotocols: the generated $connect negotiates them; remove one (got "lambda")',
        'routes.$connect.environment.SESSION_RECORD: is set by the generator on $connect (handlers/lib/sessions.ts reads it) (got "SESSION_RECORD")',
        'routes.$connect.environment.ORIGIN_SECRETS: is set by the generator on $connect (handlers/lib/sessions.ts reads it) (got "ORIGIN_SECRETS")',
        'routes.$disconnect.environment.SESSION_RECORD: is set by the generator on $disconnect (handlers/lib/sessions.ts reads it) (got "SESSION_RECORD")',
      ],
    );
  });

  it('checks the connect options: subprotocol tokens, authorizer kinds and identity sources', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        connect: {
          subprotocols: ['ocpp1.6', 'ocpp 2.0', 'ocpp1.6'],
          authorization: { type: 'REQUEST', handler: 'auth.ts', identitySources: [{ from: 'pathSegment', index: 1 }] },
        },
      }),
      [
        'connect.authorization.identitySources.0.from: must be one of "header", "query" (got "pathSegment")',
        'connect.subprotocols.1: must be an HTTP token (letters, digits and !#$%&\'*+.^_`|~-), 1-64 characters (got "ocpp 2.0")',
      ],
    );
    assert.deepEqual(problemsOf({ routes: {}, connect: { authorization: { type: 'JWT' } } }), [
      'connect.authorization.type: must be one of "NONE", "REQUEST", "AWS_IAM" (got "JWT")',
    ]);
  });

  it('applies the connect cross-field rules: IAM behind the edge, duplicate subprotocols, sendToIdentity without identity or authorizer', () => {
    assert.deepEqual(
      problemsOf({
        routes: { send: { integration: 'sendToIdentity', allowWhen: { contextKey: 'role', equals: 'operator' } } },
        connect: { subprotocols: ['ocpp1.6', 'ocpp1.6'], authorization: { type: 'AWS_IAM' } },
        edge: { authorizationHeader: 'ws-uri' },
      }),
      [
        'edge.authorizationHeader: must be a forwardable header other than edge.pathHeader and x-origin-verify (got "ws-uri")',
        'connect.authorization.type: AWS_IAM needs edge.enabled: false: CloudFront cannot forward the signed Authorization header, and it changes the host and path the signature covers (got "AWS_IAM")',
        'connect.subprotocols: must not list a subprotocol twice (got ["ocpp1.6","ocpp1.6"])',
        'routes.send.integration: sendToIdentity needs sessions.identity (the path pattern that names each connection) (got "sendToIdentity")',
        'routes.send.allowWhen: a sendToIdentity route needs connect.authorization of type REQUEST: only an authorizer\'s context can say which connections may address others (backends use the SendToIdentityFunction output instead) (got "AWS_IAM")',
      ],
    );
  });

  it('a sendToIdentity route is off unless allowWhen names the authorizer context that allows it, and needs an authorizer', () => {
    const identity = { pathPattern: '/ocpp/{chargePointId}' };
    assert.deepEqual(problemsOf({ routes: { send: { integration: 'sendToIdentity' } }, sessions: { identity } }), [
      'routes.send.allowWhen: must be an object (got nothing)',
    ]);
    assert.deepEqual(
      problemsOf({
        routes: { send: { integration: 'sendToIdentity', allowWhen: { contextKey: 'role', equals: 'operator' } } },
        sessions: { identity },
      }),
      [
        'routes.send.allowWhen: a sendToIdentity route needs connect.authorization of type REQUEST: only an authorizer\'s context can say which connections may address others (backends use the SendToIdentityFunction output instead) (got "NONE")',
      ],
    );
    assert.deepEqual(
      problemsOf({
        routes: { send: { integration: 'sendToIdentity', allowWhen: { contextKey: 'a b', equals: '' } } },
        sessions: { identity },
      }),
      [
        'routes.send.allowWhen.contextKey: must be a letter or _, then letters, digits or _ (got "a b")',
        'routes.send.allowWhen.equals: must not be empty (got "")',
        'routes.send.allowWhen: a sendToIdentity route needs connect.authorization of type REQUEST: only an authorizer\'s context can say which connections may address others (backends use the SendToIdentityFunction output instead) (got "NONE")',
      ],
    );
  });

  it('with an authorizer, the identity comes from its context: contextKeys must name the placeholder', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        sessions: { identity: { pathPattern: '/ocpp/{chargePointId}' } },
        connect: {
          authorization: {
            type: 'REQUEST',
            handler: 'auth.ts',
            contextKeys: ['role'],
            environment: { PATH_HEADER: 'x', IDENTITY_PATH_PATTERN: 'y' },
          },
        },
      }),
      [
        'connect.authorization.contextKeys: must include "chargePointId": with an authorizer, the session\'s identity is the one the authorizer verified, its context key named like the pattern\'s placeholder (got ["role"])',
        'connect.authorization.environment.PATH_HEADER: is set by the generator (PATH_HEADER, IDENTITY_PATH_PATTERN, ORIGIN_SECRET_HEADER): the authorizer helper reads it (got "PATH_HEADER")',
        'connect.authorization.environment.IDENTITY_PATH_PATTERN: is set by the generator (PATH_HEADER, IDENTITY_PATH_PATTERN, ORIGIN_SECRET_HEADER): the authorizer helper reads it (got "IDENTITY_PATH_PATTERN")',
      ],
    );
  });

  it("edge secret and origins: the secret header is the edge's own, origins are browser origins, direct access needs an edge", () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        edge: { enabled: false, allowDirectAccess: true, forwardHeaders: ['X-Origin-Verify'] },
        sessions: { store: { path: false } },
        connect: {
          allowedOrigins: [
            'https://a.example',
            'https://a.example',
            'https://B.example',
            'https://c.example/',
            'ftp://d.example',
            '*',
          ],
        },
      }),
      [
        'connect.allowedOrigins.2: must be a browser origin: http:// or https://, a lower-case host name, an optional :port, nothing after it (e.g. https://app.example.com) (got "https://B.example")',
        'connect.allowedOrigins.3: must be a browser origin: http:// or https://, a lower-case host name, an optional :port, nothing after it (e.g. https://app.example.com) (got "https://c.example/")',
        'connect.allowedOrigins.4: must be a browser origin: http:// or https://, a lower-case host name, an optional :port, nothing after it (e.g. https://app.example.com) (got "ftp://d.example")',
        'connect.allowedOrigins.5: must be a browser origin: http:// or https://, a lower-case host name, an optional :port, nothing after it (e.g. https://app.example.com) (got "*")',
        'connect.allowedOrigins: must not list an origin twice (got ["https://a.example","https://a.example","https://B.example","https://c.examp...)',
        'edge.allowDirectAccess: only means something with edge.enabled: without the edge every client connects directly (got true)',
        'edge.forwardHeaders.0: x-origin-verify is the edge\'s own secret header: a viewer\'s value is never forwarded (got "X-Origin-Verify")',
      ],
    );
  });

  it('checks the identity path pattern and that it needs the edge', () => {
    assert.deepEqual(problemsOf({ routes: {}, sessions: { identity: { pathPattern: '/ocpp/{a}/{b}' } } }), [
      'sessions.identity.pathPattern: must be /-separated literal segments (letters, digits, . _ ~ -) with exactly one {attributeName} segment, e.g. /ocpp/{chargePointId} (got "/ocpp/{a}/{b}")',
    ]);
    assert.deepEqual(problemsOf({ routes: {}, sessions: { identity: { pathPattern: '/ocpp/{a}x' } } }), [
      'sessions.identity.pathPattern: must be /-separated literal segments (letters, digits, . _ ~ -) with exactly one {attributeName} segment, e.g. /ocpp/{chargePointId} (got "/ocpp/{a}x")',
    ]);
    assert.deepEqual(
      problemsOf({
        routes: {},
        sessions: { store: { path: false }, identity: { pathPattern: '/ocpp/{ttl}' } },
        edge: { enabled: false },
      }),
      [
        'sessions.identity.pathPattern: an identity from the path needs edge.enabled: only the edge can carry a URL path to the API (got "/ocpp/{ttl}")',
      ],
    );
  });

  it('rejects duplicate index names, reused attributes and bad retention', () => {
    const index = { name: 'ByCustomer', attribute: 'ttl', source: { from: 'query', name: 'customer' } };
    assert.deepEqual(
      problemsOf({
        routes: {},
        sessions: { indexes: [index, { ...index, attribute: 'customerId' }] },
        observability: { accessLogs: { retentionDays: 31 } },
      }),
      [
        'observability.accessLogs.retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 31)',
        'sessions.indexes.0.attribute: must not reuse the key, the TTL, a stored field or another index attribute (got "ttl")',
        'sessions.indexes.1.name: index names must be unique (got "ByCustomer")',
      ],
    );
  });

  it('refuses a workflow message that DefinitionSubstitutions would read as a placeholder', () => {
    assert.deepEqual(
      problemsOf({
        routes: {
          a: {
            integration: 'stepFunctions',
            type: 'STANDARD',
            workflow: { template: 'wait-then-notify', message: 'hi ${Stage}' },
          },
        },
      }),
      [
        'routes.a.workflow.message: must not contain "${" (Step Functions would read it as a substitution) (got "hi ${Stage}")',
      ],
    );
  });
});
