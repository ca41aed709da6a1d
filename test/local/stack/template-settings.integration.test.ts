/**
 * Template settings that used to load and do nothing (issue 19), end to end with a real WebSocket client on the
 * fixture app test/fixtures/templates/fidelity: integration response templates and their selection, per-integration
 * TimeoutInMillis, stage variables in VTL and in Lambda events, MOCK integrations; and the start refusing a setting it
 * does not emulate.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0, services: 0 };
const WAIT = 15_000;

describe('template settings: response templates, integration timeouts, stage variables, MOCK', () => {
  let stack: LocalStack;
  let client: SmokeClient;
  before(async () => {
    stack = await startLocalStack({ templateFile: copyFixtureApp('fidelity'), ports: FREE_PORTS, log: () => {} });
    client = await connect(stack.outputs.APIEndpoint, WAIT);
  });
  after(async () => {
    await client?.close();
    await stack?.stop();
  });

  it("sends the response template the status selects, rendered on the backend's body with $context and $stageVariables", async () => {
    client.socket.send(JSON.stringify({ action: 'save', id: 'n1', note: 'buy milk' }));
    // DynamoDB's PutItem answers `{}`; the client gets the "200" template, not the body and not the $default template.
    assert.deepEqual(await client.nextJson('the save reply', WAIT), {
      saved: true,
      status: 200,
      route: 'save',
      greeting: 'hello',
      dynamodb: {},
    });
  });

  it('renders the request template with $stageVariables, and a response template reads the stored item', async () => {
    client.socket.send(JSON.stringify({ action: 'save', id: 'n2', note: 'call Ada' }));
    await client.nextJson('the save reply', WAIT);
    client.socket.send(JSON.stringify({ action: 'load', id: 'n2' }));
    assert.equal(await client.next('the note', WAIT), 'from-stage: call Ada');
    client.socket.send(JSON.stringify({ action: 'load', id: 'nobody' }));
    assert.equal(await client.next('a missing note', WAIT), 'no such note');
  });

  it('picks the $default integration response for an error status and its template by a static selection expression', async () => {
    // An empty key is DynamoDB's ValidationException (400): no /2\d\d/ match, so the $default response's "failure" template.
    client.socket.send(JSON.stringify({ action: 'load', id: '' }));
    const reply = await client.nextJson<{ failed: string; connection: string }>('the failure reply', WAIT);
    assert.equal(reply.failed, 'com.amazon.coral.validate#ValidationException');
    assert.match(reply.connection, /^[\w+/-]{15}=$/);
  });

  it('gives each integration its own TimeoutInMillis: 300 ms times out while 5,000 ms waits, at the same time', async () => {
    const started = Date.now();
    client.socket.send(JSON.stringify({ action: 'patient', ms: 1200, tag: 'patient' }));
    client.socket.send(JSON.stringify({ action: 'quick', ms: 1200, tag: 'quick' }));
    const first = await client.nextJson<Record<string, unknown>>("the quick route's timeout", WAIT);
    const firstAfter = Date.now() - started;
    assert.equal(first['message'], 'Internal server error', JSON.stringify(first));
    assert.ok(firstAfter < 1200, `the 300 ms integration gave up before the function finished (${firstAfter} ms)`);
    assert.deepEqual(await client.nextJson("the patient route's answer", WAIT), { slept: 1200, tag: 'patient' });
    // Under its own timeout the quick route answers.
    client.socket.send(JSON.stringify({ action: 'quick', ms: 10, tag: 'quick' }));
    assert.deepEqual(await client.nextJson("the quick route's answer", WAIT), { slept: 10, tag: 'quick' });
  });

  it("answers a MOCK route itself: the request template's statusCode picks the integration response and its template", async () => {
    client.socket.send(JSON.stringify({ action: 'ping' }));
    // The mock's body is empty, so $input.path finds nothing; $context and $stageVariables are the request's.
    assert.deepEqual(await client.nextJson('the 200 answer', WAIT), { pong: '', stage: 'live', greeting: 'hello' });
    client.socket.send(JSON.stringify({ action: 'ping', teapot: true }));
    assert.deepEqual(await client.nextJson('the 418 answer', WAIT), { teapot: true });
  });

  it('fails an HTTP integration whose backend cannot be reached with the Internal server error frame', async () => {
    // The default BackendUrl is http://127.0.0.1:1/, a closed port.
    client.socket.send(JSON.stringify({ action: 'relay', data: 'anyone?' }));
    assert.equal(
      (await client.nextJson<{ message: string }>('the failure frame', WAIT)).message,
      'Internal server error',
    );
  });

  it("puts the stage's variables into Lambda proxy events as stageVariables", async () => {
    client.socket.send('anything');
    assert.deepEqual(await client.nextJson('the echo', WAIT), {
      stageVariables: { notePrefix: 'from-stage', greeting: 'hello' },
    });
  });
});

describe('template settings: what the local stack does not emulate stops the start or is listed', () => {
  it('refuses route RequestParameters off $connect and a TimeoutInMillis outside 50-29,000, naming resource and property', async () => {
    const parameters = copyFixtureApp('fidelity', (text) =>
      text.replace(
        '      RouteKey: save\n',
        "      RouteKey: save\n      RequestParameters: { 'route.request.header.x-id': { Required: true } }\n",
      ),
    );
    await assert.rejects(startLocalStack({ templateFile: parameters, ports: FREE_PORTS, log: () => {} }), {
      message:
        'Resources.SaveRoute.Properties.RequestParameters.route.request.header.x-id: route save has no handshake; header and query string parameters are supported only for $connect',
    });
    const tooLong = copyFixtureApp('fidelity', (text) =>
      text.replace('TimeoutInMillis: 5000', 'TimeoutInMillis: 30000'),
    );
    await assert.rejects(
      startLocalStack({ templateFile: tooLong, ports: FREE_PORTS, log: () => {} }),
      /Resources\.PatientInteg\.Properties\.TimeoutInMillis: must be an integer from 50 to 29000 for a WebSocket API, got 30000/,
    );
  });

  it("throttles a route as the stage's RouteSettings say: past the burst, the Too Many Requests frame", async () => {
    const templateFile = copyFixtureApp('fidelity', (text) =>
      text.replace(
        '      AutoDeploy: true\n',
        '      AutoDeploy: true\n      RouteSettings: { ping: { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 0.001 } }\n',
      ),
    );
    const stack = await startLocalStack({ templateFile, ports: FREE_PORTS, log: () => {} });
    const client = await connect(stack.outputs.APIEndpoint, WAIT);
    try {
      client.socket.send(JSON.stringify({ action: 'ping' }));
      assert.deepEqual(await client.nextJson('the first ping', WAIT), { pong: '', stage: 'live', greeting: 'hello' });
      client.socket.send(JSON.stringify({ action: 'ping' }));
      assert.equal(
        (await client.nextJson<{ message: string }>('the throttled ping', WAIT)).message,
        'Too Many Requests',
      );
      client.socket.send(JSON.stringify({ action: 'ping', teapot: true }));
      assert.equal((await client.nextJson<{ message: string }>('still throttled', WAIT)).message, 'Too Many Requests');
    } finally {
      await client.close();
      await stack.stop();
    }
  });

  it('warns at start about a setting that runs differently, and lists it again for the start summary', async () => {
    const lines: string[] = [];
    const templateFile = copyFixtureApp('fidelity', (text) =>
      text.replace(
        '      AutoDeploy: true\n',
        '      AutoDeploy: true\n      DefaultRouteSettings: { ThrottlingRateLimit: 5, LoggingLevel: INFO }\n',
      ),
    );
    const stack = await startLocalStack({
      templateFile,
      ports: FREE_PORTS,
      logLevel: 'warn',
      log: (line) => lines.push(line),
    });
    try {
      const setting =
        'Resources.Stage.Properties.DefaultRouteSettings (AWS::ApiGatewayV2::Stage): not emulated locally: execution logging and detailed metrics are not emulated (the throttle is)';
      assert.ok(lines.includes(`stack: not emulated: ${setting}`), lines.join('\n'));
      assert.deepEqual(stack.settingsNotEmulated, [setting]);
    } finally {
      await stack.stop();
    }
  });
});

describe('template settings: HTTP and HTTP_PROXY integrations to a local HTTP server', () => {
  let stack: LocalStack;
  let client: SmokeClient;
  let backend: Server;
  const seen: Array<{ method: string; url: string; body: string; contentType: string | undefined }> = [];
  let stalledRequestClosed: () => void = () => {};
  const stalledClosed = new Promise<void>((resolve) => {
    stalledRequestClosed = resolve;
  });
  before(async () => {
    backend = createServer((request, response) => {
      if (request.url === '/stall') {
        // Never answers: the integration timeout must give up and abort the request.
        request.socket.on('close', () => stalledRequestClosed());
        return;
      }
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          url: request.url ?? '',
          body,
          contentType: request.headers['content-type'],
        });
        if (request.url === '/relay') {
          response.writeHead(201, { 'content-type': 'text/plain' }).end(`relayed: ${body}`);
          return;
        }
        const { text } = JSON.parse(body) as { text: string };
        if (text === 'fail')
          response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"backend down"}');
        else
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ upper: text.toUpperCase() }));
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    stack = await startLocalStack({
      templateFile: copyFixtureApp('fidelity'),
      ports: FREE_PORTS,
      log: () => {},
      parameterOverrides: { BackendUrl: `http://127.0.0.1:${port}/` },
    });
    client = await connect(stack.outputs.APIEndpoint, WAIT);
  });
  after(async () => {
    await client?.close();
    await stack?.stop();
    await new Promise((resolve) => backend?.close(resolve));
  });

  it("HTTP_PROXY: POSTs the message unchanged to the URL and sends the backend's body back, whatever its status", async () => {
    const message = JSON.stringify({ action: 'relay', data: 'hi "there"' });
    client.socket.send(message);
    assert.equal(await client.next('the relayed answer', WAIT), `relayed: ${message}`);
    assert.deepEqual(seen.at(-1)?.method, 'POST');
    assert.equal(seen.at(-1)?.body, message);
  });

  it("HTTP: sends the rendered request template with the integration's method, and the response template of the matched status", async () => {
    client.socket.send(JSON.stringify({ action: 'shout', text: 'quiet' }));
    assert.deepEqual(await client.nextJson('the shout', WAIT), { shouted: 'QUIET', via: 'http' });
    assert.equal(seen.at(-1)?.method, 'PUT');
    assert.deepEqual(JSON.parse(seen.at(-1)?.body ?? ''), { text: 'quiet', stage: 'hello' });
    client.socket.send(JSON.stringify({ action: 'shout', text: 'fail' }));
    assert.deepEqual(await client.nextJson('the failure template', WAIT), { backendFailed: 'backend down' });
  });

  it("cuts off a backend slower than the integration's TimeoutInMillis and aborts the request", async () => {
    const started = Date.now();
    client.socket.send(JSON.stringify({ action: 'stall' }));
    assert.equal(
      (await client.nextJson<{ message: string }>('the timeout frame', WAIT)).message,
      'Internal server error',
    );
    assert.ok(Date.now() - started < 5_000, 'the 200 ms timeout, not a default one');
    await stalledClosed;
  });

  it('refuses an HTTP integration to an AWS endpoint at start: the local stack never calls AWS', async () => {
    await assert.rejects(
      startLocalStack({
        templateFile: copyFixtureApp('fidelity'),
        ports: FREE_PORTS,
        log: () => {},
        parameterOverrides: { BackendUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/' },
      }),
      /route relay \(RelayRoute\): its integration RelayInteg calls https:\/\/abc123\.execute-api\.us-east-1\.amazonaws\.com\/prod\/relay, an AWS endpoint: the local stack never calls AWS/,
    );
  });
});
