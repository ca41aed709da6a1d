/** The gateway's `$connect` authorization with in-test Lambdas: event shape, timeout, VTL context, options. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiGatewayService, type RouteBinding } from '../../../local/api/index.ts';
import { createVtlEngine } from '../../../lang/vtl/index.ts';
import { connect, deferred, lambdaRoute, refusedHandshake, startGateway, waitFor } from './harness.ts';

const AUTHORIZER_ARN = 'arn:aws:lambda:us-east-1:210987654321:function:authorizer';
const CONNECT_ARN = 'arn:aws:lambda:us-east-1:210987654321:function:connect';
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:210987654321:local1/prod/$connect';
const allow = (context: Record<string, unknown> = {}) => ({
  principalId: 'user-7',
  context,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }],
  },
});
const HEADER_AND_QUERY = [
  { from: 'header' as const, name: 'Auth' },
  { from: 'querystring' as const, name: 'token' },
];
const customConnect = (
  integration: RouteBinding['integration'] = lambdaRoute('$connect', CONNECT_ARN).integration,
  identitySources = HEADER_AND_QUERY,
): RouteBinding => ({
  routeKey: '$connect',
  hasRouteResponse: false,
  integration,
  authorization: { type: 'CUSTOM', functionArn: AUTHORIZER_ARN, identitySources },
});
const serviceRoute = (routeKey: string, template: string): RouteBinding => ({
  routeKey,
  hasRouteResponse: false,
  integration: {
    type: 'AWS',
    target: { kind: 'aws-service', service: 'dynamodb', action: 'PutItem' },
    requestTemplates: { $default: template },
    integrationResponses: [{ key: '$default' }],
  },
});

describe('gateway: $connect Lambda authorizer', () => {
  it('sends the REQUEST event of the captured shape, sharing the request id with the $connect integration', async () => {
    const events: Record<string, any>[] = [];
    const gateway = await startGateway({
      accountId: '210987654321',
      routes: [customConnect()],
      lambdas: {
        [AUTHORIZER_ARN]: (event) => {
          events.push(event);
          return allow();
        },
        [CONNECT_ARN]: (event) => {
          events.push(event);
          return { statusCode: 200 };
        },
      },
    });
    try {
      const client = await connect(`${gateway.wsUrl}?token=t1&token=t2`, [], {
        headers: { aUtH: 'secret', 'User-Agent': 'test-agent' },
      });
      client.ws.close();
      await client.closed;
      const [authorizerEvent, connectEvent] = events;
      assert.deepEqual(Object.keys(authorizerEvent ?? {}), [
        'type',
        'methodArn',
        'headers',
        'multiValueHeaders',
        'queryStringParameters',
        'multiValueQueryStringParameters',
        'stageVariables',
        'requestContext',
      ]);
      assert.equal(authorizerEvent?.['type'], 'REQUEST');
      assert.equal(authorizerEvent?.['methodArn'], METHOD_ARN);
      assert.equal(authorizerEvent?.['headers']['aUtH'], 'secret');
      assert.equal(
        Object.keys(authorizerEvent?.['headers']).some((name) => name.toLowerCase() === 'sec-websocket-key'),
        false,
      );
      assert.equal(
        Object.keys(authorizerEvent?.['multiValueHeaders']).some((name) => name.toLowerCase() === 'sec-websocket-key'),
        true,
      );
      assert.deepEqual(
        [
          authorizerEvent?.['queryStringParameters'],
          authorizerEvent?.['multiValueQueryStringParameters'],
          authorizerEvent?.['stageVariables'],
        ],
        [{ token: 't2' }, { token: ['t1', 't2'] }, {}],
      );
      const context = authorizerEvent?.['requestContext'];
      assert.deepEqual(Object.keys(context), [
        'routeKey',
        'eventType',
        'extendedRequestId',
        'requestTime',
        'messageDirection',
        'stage',
        'connectedAt',
        'requestTimeEpoch',
        'identity',
        'requestId',
        'domainName',
        'connectionId',
        'apiId',
      ]);
      assert.deepEqual(
        [context.routeKey, context.eventType, context.stage, context.apiId, context.identity],
        ['$connect', 'CONNECT', 'prod', 'local1', { userAgent: 'test-agent', sourceIp: '127.0.0.1' }],
      );
      assert.equal(connectEvent?.['requestContext'].requestId, context.requestId);
      assert.equal(connectEvent?.['requestContext'].connectionId, context.connectionId);
    } finally {
      await gateway.service.stop();
    }
  });

  it('answers 401 without invoking the authorizer when a query identity source differs in case', async () => {
    let invoked = 0;
    const gateway = await startGateway({
      routes: [customConnect()],
      lambdas: {
        [AUTHORIZER_ARN]: () => {
          invoked++;
          return allow();
        },
        [CONNECT_ARN]: () => ({ statusCode: 200 }),
      },
    });
    try {
      assert.deepEqual(await refusedHandshake(`${gateway.wsUrl}?Token=t`), {
        status: 401,
        body: '{"message":"Unauthorized"}',
      });
      assert.equal(invoked, 0);
      assert.match(
        gateway.logs.join('\n'),
        /identity source missing or empty: route\.request\.header\.Auth, route\.request\.querystring\.token/,
      );
    } finally {
      await gateway.service.stop();
    }
  });

  it('answers 500 when the authorizer outlives the integration timeout', async () => {
    const release = deferred();
    const gateway = await startGateway({
      routes: [customConnect(undefined, [{ from: 'querystring', name: 'token' }])],
      limits: { integrationTimeoutMs: 50 },
      lambdas: {
        [AUTHORIZER_ARN]: async () => {
          await release.promise;
          return allow();
        },
        [CONNECT_ARN]: () => ({ statusCode: 200 }),
      },
    });
    try {
      const refused = refusedHandshake(`${gateway.wsUrl}?token=t`);
      assert.deepEqual(await refused, { status: 500, body: '{"message":"Internal server error"}' });
    } finally {
      release.resolve();
      await gateway.service.stop();
    }
  });

  it('gives mapping templates $context.authorizer on $connect, messages and $disconnect, values as strings', async () => {
    const template =
      '{"p":"$context.authorizer.principalId","level":"$context.authorizer.level","ok":"$context.authorizer.ok"}';
    const gateway = await startGateway({
      accountId: '210987654321',
      routes: [
        customConnect(serviceRoute('$connect', template).integration),
        serviceRoute('$default', template),
        serviceRoute('$disconnect', template),
      ],
      lambdas: { [AUTHORIZER_ARN]: () => allow({ level: 3, ok: false }) },
    });
    try {
      const client = await connect(`${gateway.wsUrl}?token=t`, [], { headers: { Auth: 'a' } });
      client.ws.send('hello');
      await waitFor(() => (gateway.serviceCalls.length >= 2 ? true : undefined), 'the $default service call');
      client.ws.close();
      await waitFor(() => (gateway.serviceCalls.length >= 3 ? true : undefined), 'the $disconnect service call');
      const expected = { p: 'user-7', level: '3', ok: 'false' };
      assert.deepEqual(
        gateway.serviceCalls.map((call) => JSON.parse(call.body)),
        [expected, expected, expected],
      );
    } finally {
      await gateway.service.stop();
    }
  });
});

describe('gateway options: authorization', () => {
  it('refuses authorization on a route other than $connect, naming the route', () => {
    const chat: RouteBinding = { ...lambdaRoute('chat', CONNECT_ARN), authorization: { type: 'AWS_IAM' } };
    const custom: RouteBinding = {
      ...customConnect(),
      authorization: { type: 'CUSTOM', functionArn: '', identitySources: [] },
    };
    assert.throws(
      () =>
        createApiGatewayService({
          stage: 'prod',
          apiId: 'a',
          region: 'us-east-1',
          routeSelectionExpression: '$request.body.action',
          routes: [chat, custom],
          vtl: createVtlEngine(),
          backends: {
            invokeLambda: async () => ({ kind: 'timeout' }),
            callAwsService: async () => ({ statusCode: 200, headers: {}, body: '' }),
            buildEvent: { connect: () => ({}), message: () => ({}), disconnect: () => ({}) },
          },
        }),
      {
        name: 'TypeError',
        message:
          'createApiGatewayService: invalid options:\n' +
          '  routes[0].authorization.type: "AWS_IAM" on route "chat": only $connect can have authorization\n' +
          '  routes[1].authorization.functionArn: "" must be a non-empty string\n' +
          '  routes[1].authorization.identitySources: [] must list at least one header or querystring source',
      },
    );
  });
});
