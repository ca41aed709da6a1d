/**
 * RequestParameters end to end (docs/aws-behaviour.md#apigw-request-parameters) on the fixture app
 * test/fixtures/templates/request-parameters: a real WebSocket client, the local stack, and an HTTP backend on a free
 * port that records what each HTTP_PROXY integration sent it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, expectRefused, type SmokeClient } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0, services: 0 };
const WAIT = 15_000;

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('RequestParameters: $connect required parameters and HTTP_PROXY mappings', () => {
  let stack: LocalStack;
  let backend: Server;
  const seen: Seen[] = [];
  const calls = (path: string) => seen.filter((call) => new URL(call.url, 'http://backend').pathname === path);
  let url: string;

  before(async () => {
    backend = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`backend saw ${request.url}`);
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    stack = await startLocalStack({
      templateFile: copyFixtureApp('request-parameters'),
      ports: FREE_PORTS,
      log: () => {},
      parameterOverrides: { BackendUrl: `http://127.0.0.1:${port}/` },
    });
    url = stack.outputs.APIEndpoint as string;
  });
  after(async () => {
    await stack?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  it('refuses a handshake without a required parameter with 400, before its integration runs', async () => {
    const before = calls('/connect').length;
    const refused = await expectRefused(url, WAIT, 'a $connect without ?token=');
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(JSON.parse(refused.body), { message: 'Missing required request parameters: [token]' });
    assert.equal(calls('/connect').length, before, 'the backend was not called');
  });

  describe('a connection that carries them', () => {
    let client: SmokeClient;
    let connectionId: string;
    before(async () => {
      client = await connect(`${url}?token=t-123&other=x`, WAIT, { headers: { 'X-Client': 'cli 1' } });
      const call = calls('/connect').at(-1);
      assert.ok(call, 'the $connect integration called the backend');
      connectionId = String(call.headers['connectionid']);
    });
    after(async () => {
      await client?.close();
    });

    it('maps the context, the declared parameters, a stage variable and a static value into the $connect call', () => {
      const call = calls('/connect').at(-1) as Seen;
      assert.match(connectionId, /^[A-Za-z0-9_=-]{8,}$/, 'a connection ID');
      assert.equal(call.headers['x-token'], 't-123');
      assert.equal(call.headers['x-client'], 'cli 1', 'a header parameter is found whatever its case');
      assert.equal(call.headers['x-fixed'], 'from the template');
      assert.equal(call.url, '/connect?env=local-test');
    });

    it('maps body fields and $context into a message route call, leaving out what the message lacks', async () => {
      client.socket.send(JSON.stringify({ action: 'relay', item: 'book', count: 3 }));
      assert.equal(
        await client.next('the relayed answer', WAIT),
        'backend saw /relay?fixed=kept&item=book&__proto__=live',
      );
      const call = calls('/relay').at(-1) as Seen;
      assert.equal(call.headers['connectionid'], connectionId, 'the same connection ID as on $connect');
      assert.equal(call.headers['x-route'], 'relay');
      assert.equal(call.headers['x-source-ip'], '127.0.0.1');
      assert.equal(call.headers['x-item'], 'book');
      assert.equal(call.headers['x-count'], '3', 'a number is sent as its text');
      assert.equal(call.headers['x-absent'], undefined, 'a body field the message lacks maps nothing');
      assert.equal(JSON.parse(call.body).item, 'book', 'HTTP_PROXY still sends the message itself');
    });

    it('fails the integration, naming the parameter, when client data cannot be a header value (no injection)', async () => {
      const before = calls('/relay').length;
      client.socket.send(JSON.stringify({ action: 'relay', item: 'a\r\nX-Injected: yes' }));
      assert.equal(
        (await client.nextJson<{ message: string }>('the failure frame', WAIT)).message,
        'Internal server error',
      );
      assert.equal(calls('/relay').length, before, 'nothing reached the backend');
      assert.ok(seen.every((call) => call.headers['x-injected'] === undefined));
    });
  });

  it('maps the connection ID into the $disconnect call', async () => {
    const client = await connect(`${url}?token=bye`, WAIT);
    const connectionId = String(calls('/connect').at(-1)?.headers['connectionid']);
    await client.close();
    const deadline = Date.now() + WAIT;
    while (!calls('/disconnect').some((call) => call.headers['connectionid'] === connectionId)) {
      assert.ok(Date.now() < deadline, 'the $disconnect call reached the backend');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const call = calls('/disconnect').find((c) => c.headers['connectionid'] === connectionId) as Seen;
    assert.equal(call.headers['x-event'], 'DISCONNECT');
  });
});

describe('RequestParameters with requiredRouteParameters: ignore (whether AWS enforces Required is UNCONFIRMED)', () => {
  it('lets a $connect without the parameter through to its integration, which maps nothing for it', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const backend = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const stack = await startLocalStack({
      templateFile: copyFixtureApp('request-parameters'),
      ports: FREE_PORTS,
      log: () => {},
      parameterOverrides: { BackendUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/` },
      requiredRouteParameters: 'ignore',
    });
    try {
      const client = await connect(stack.outputs.APIEndpoint as string, WAIT);
      await client.close();
      assert.ok(seen.length >= 1, 'the $connect integration ran');
      assert.equal(seen[0]?.['x-token'], undefined);
      assert.match(String(seen[0]?.['connectionid']), /^[A-Za-z0-9_=-]{8,}$/);
    } finally {
      await stack.stop();
      await new Promise((resolve) => backend.close(resolve));
    }
  });

  it('refuses a value that is not a mode before anything starts', async () => {
    await assert.rejects(
      startLocalStack({
        templateFile: copyFixtureApp('request-parameters'),
        ports: FREE_PORTS,
        log: () => {},
        requiredRouteParameters: 'off' as never,
      }),
      {
        message: "startLocalStack: invalid options:\n  requiredRouteParameters: \"off\" must be 'enforce' or 'ignore'",
      },
    );
  });
});

describe('RequestParameters the local stack refuses at start, naming resource, entry and rule', () => {
  const refusal = async (edit: (text: string) => string, message: string) =>
    assert.rejects(
      startLocalStack({ templateFile: copyFixtureApp('request-parameters', edit), ports: FREE_PORTS, log: () => {} }),
      { message },
    );

  it('a mapping from a route parameter $connect does not declare', async () => {
    await refusal(
      (text) => text.replace('route.request.header.x-client', 'route.request.header.x-other'),
      'Resources.ConnectInteg.Properties.RequestParameters.integration.request.header.x-client: the $connect route does not declare route.request.header.x-other in its RequestParameters; an integration maps only declared route request parameters',
    );
  });

  it('a context variable WebSocket APIs do not have', async () => {
    await refusal(
      (text) => text.replace('x-route: context.routeKey', 'x-route: context.resourcePath'),
      'Resources.RelayInteg.Properties.RequestParameters.integration.request.header.x-route: "context.resourcePath": not a WebSocket context variable (docs/aws-behaviour.md#vtl-context)',
    );
  });

  it('a path parameter, and an expression of no known form', async () => {
    await refusal(
      (text) => text.replace('integration.request.querystring.item:', 'integration.request.path.item:'),
      'Resources.RelayInteg.Properties.RequestParameters.integration.request.path.item: path parameters (an IntegrationUri with {NAME}) are not emulated locally',
    );
    await refusal(
      (text) => text.replace('x-fixed: "\'from the template\'"', 'x-fixed: from the template'),
      'Resources.ConnectInteg.Properties.RequestParameters.integration.request.header.x-fixed: "from the template": must be route.request.header|querystring|multivalueheader|multivaluequerystring.NAME, route.request.body.JSONPATH, context.VARIABLE, stageVariables.NAME or a \'static value\' in single quotes',
    );
  });

  it("a header named __proto__, which Node's fetch (the local HTTP client) would drop", async () => {
    await refusal(
      (text) => text.replace('integration.request.header.x-route:', 'integration.request.header.__proto__:'),
      "Resources.RelayInteg.Properties.RequestParameters.integration.request.header.__proto__: a header named __proto__ cannot be sent locally: Node's fetch, the local stack's HTTP client, drops it (a local limit, not API Gateway's)",
    );
  });

  it('a route parameter that is not {Required: true|false}', async () => {
    await refusal(
      (text) =>
        text.replace('route.request.querystring.token: { Required: true }', 'route.request.querystring.token: yes'),
      'Resources.ConnectRoute.Properties.RequestParameters.route.request.querystring.token: must be {Required: true} or {Required: false}, got "yes"',
    );
  });
});
