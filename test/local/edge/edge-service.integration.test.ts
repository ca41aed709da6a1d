import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEdgeService, type EdgeService, type EdgeServiceOptions } from '../../../local/edge/index.ts';
import {
  closeEvent,
  connectViewer,
  nextMessage,
  rawHeaderName,
  startRecordingOrigin,
  type OriginBehaviour,
  type RecordingOrigin,
} from './harness.ts';
import { loadTemplateEdge } from '../../support/template-edge.ts';

const template = loadTemplateEdge();

async function startStack(behaviour: OriginBehaviour = {}, overrides: Partial<EdgeServiceOptions> = {}) {
  const origin = await startRecordingOrigin(behaviour);
  const edge = createEdgeService({
    port: 0,
    originUrl: origin.url,
    originPath: '/api',
    viewerRequest: { code: template.code, runtime: template.runtime },
    originRequestPolicy: template.policy as EdgeServiceOptions['originRequestPolicy'],
    distributionDomainName: 'd111111abcdef8.cloudfront.net',
    log: (line) => process.env['EDGE_TEST_LOG'] && console.error(line),
    ...overrides,
  });
  await edge.start();
  return {
    origin,
    edge,
    base: `ws://127.0.0.1:${edge.port}`,
    stop: async () => {
      await edge.stop();
      await origin.stop();
    },
  };
}

describe('edge service with the template function and origin request policy', () => {
  let origin: RecordingOrigin;
  let edge: EdgeService;
  let base: string;
  let stop: () => Promise<void>;
  before(async () => ({ origin, edge, base, stop } = await startStack()));
  after(async () => stop());

  it('moves the viewer path into Ws-Uri and sends OriginPath + "/" with the query string', async () => {
    const result = await connectViewer(`${base}/this/is/my/custom/path/?my_query=foo`, [], {
      'x-secret': 'do-not-forward',
      'User-Agent': 'viewer-agent/1.0',
    });
    assert.equal(result.kind, 'open');
    if (result.kind === 'open') result.ws.close();
    const upgrade = origin.upgrades.at(-1);
    assert.ok(upgrade);
    assert.equal(upgrade.url, '/api/?my_query=foo');
    assert.equal(upgrade.headers['ws-uri'], '/this/is/my/custom/path/');
    assert.equal(rawHeaderName(upgrade, 'ws-uri'), 'Ws-Uri');
    assert.equal(upgrade.headers['x-secret'], undefined);
    assert.equal(upgrade.headers['user-agent'], 'Amazon CloudFront');
    assert.equal(upgrade.headers['x-forwarded-for'], '127.0.0.1');
    assert.match(String(upgrade.headers['x-amz-cf-id']), /^[A-Za-z0-9+/=]{56}$/);
    assert.equal(upgrade.headers['via'], '1.1 d111111abcdef8.cloudfront.net (CloudFront)');
  });

  it('relays text and binary messages both ways without changing their type', async () => {
    const result = await connectViewer(`${base}/ocpp/CP001`);
    assert.equal(result.kind, 'open');
    if (result.kind !== 'open') return;
    const textReply = nextMessage(result.ws);
    result.ws.send('hello');
    assert.deepEqual(await textReply, { data: Buffer.from('echo:hello'), isBinary: false });
    const binaryReply = nextMessage(result.ws);
    result.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.deepEqual(await binaryReply, { data: Buffer.from([...Buffer.from('echo:'), 1, 2, 3]), isBinary: true });
    result.ws.close();
  });

  it("mirrors the origin's close code and reason to the viewer", async () => {
    const result = await connectViewer(`${base}/x`);
    assert.equal(result.kind, 'open');
    if (result.kind !== 'open') return;
    const closed = closeEvent(result.ws);
    result.ws.send('close-me');
    assert.deepEqual(await closed, { code: 4001, reason: 'origin says bye' });
  });

  it('mirrors the viewer close code to the origin side and back', async () => {
    const result = await connectViewer(`${base}/x`);
    assert.equal(result.kind, 'open');
    if (result.kind !== 'open') return;
    const closed = closeEvent(result.ws);
    result.ws.close(4321, 'viewer leaves');
    // ws servers echo the close code they received, so the echo proves the origin saw 4321.
    assert.deepEqual(await closed, { code: 4321, reason: 'viewer leaves' });
  });

  it('sends no subprotocol back when the origin chooses none', async () => {
    const result = await connectViewer(`${base}/x`, ['ocpp1.6']);
    assert.equal(result.kind, 'failed');
    if (result.kind === 'failed') assert.match(result.message, /Server sent no subprotocol/);
    assert.equal(origin.upgrades.at(-1)?.headers['sec-websocket-protocol'], 'ocpp1.6');
  });
});

describe('edge service: origin decisions reach the viewer', () => {
  it('passes the subprotocol the origin chose back to the viewer', async () => {
    const stack = await startStack({ chooseProtocol: (offered) => (offered.has('ocpp2.0.1') ? 'ocpp2.0.1' : false) });
    try {
      const result = await connectViewer(`${stack.base}/ocpp/CP002`, ['ocpp1.6', 'ocpp2.0.1']);
      assert.equal(result.kind, 'open');
      if (result.kind === 'open') {
        assert.equal(result.ws.protocol, 'ocpp2.0.1');
        result.ws.close();
      }
    } finally {
      await stack.stop();
    }
  });

  it("answers the viewer with the origin's refusal status and body", async () => {
    const stack = await startStack({ refuse: { status: 403, body: '{"message":"Forbidden"}' } });
    try {
      const result = await connectViewer(`${stack.base}/any`);
      assert.equal(result.kind, 'refused');
      if (result.kind === 'refused') {
        assert.equal(result.status, 403);
        assert.equal(result.body, '{"message":"Forbidden"}');
      }
    } finally {
      await stack.stop();
    }
  });
});

describe('edge service: function outcomes answered at the edge', () => {
  const withFunction = (code: string, runtime: 'cloudfront-js-1.0' | 'cloudfront-js-2.0' = 'cloudfront-js-2.0') =>
    startStack({}, { viewerRequest: { code, runtime } });

  it('returns a response object straight to the viewer without calling the origin', async () => {
    const stack = await withFunction(`function handler(event) {
      return { statusCode: 401, statusDescription: 'Unauthorized', headers: { 'x-why': { value: 'no token' } }, body: 'go away' };
    }`);
    try {
      const result = await connectViewer(`${stack.base}/secure`);
      assert.equal(result.kind, 'refused');
      if (result.kind === 'refused') {
        assert.equal(result.status, 401);
        assert.equal(result.headers['x-why'], 'no token');
        assert.equal(result.body, 'go away');
      }
      assert.equal(stack.origin.upgrades.length, 0);
    } finally {
      await stack.stop();
    }
  });

  it('answers 502 when the function sets a disallowed header', async () => {
    const stack = await withFunction(`function handler(event) {
      event.request.headers['connection'] = { value: 'keep-alive' };
      return event.request;
    }`);
    try {
      const result = await connectViewer(`${stack.base}/x`);
      assert.equal(result.kind, 'refused');
      if (result.kind === 'refused') {
        assert.equal(result.status, 502);
        assert.equal(result.headers['x-cache'], 'FunctionValidationError from cloudfront');
      }
      assert.equal(stack.origin.upgrades.length, 0);
    } finally {
      await stack.stop();
    }
  });

  it('answers 503 for a function that never ends, and still serves the next request', async () => {
    const stack = await withFunction(`function handler(event) {
      if (event.request.uri === '/loop') { while (true) {} }
      return event.request;
    }`);
    try {
      const looping = await connectViewer(`${stack.base}/loop`);
      assert.equal(looping.kind, 'refused');
      if (looping.kind === 'refused') {
        assert.equal(looping.status, 503);
        assert.match(looping.body, /CPU budget/);
      }
      const next = await connectViewer(`${stack.base}/fine`);
      assert.equal(next.kind, 'open');
      if (next.kind === 'open') next.ws.close();
      assert.equal(stack.origin.upgrades.at(-1)?.url, '/api/fine');
    } finally {
      await stack.stop();
    }
  });

  it('closes a connection after the idle timeout without origin bytes', async () => {
    const stack = await startStack({}, { idleTimeoutMs: 200 });
    try {
      const result = await connectViewer(`${stack.base}/quiet`);
      assert.equal(result.kind, 'open');
      if (result.kind !== 'open') return;
      const closed = await closeEvent(result.ws);
      assert.equal(closed.code, 1006);
    } finally {
      await stack.stop();
    }
  });
});

describe('edge service: options', () => {
  const valid = (): EdgeServiceOptions => ({
    originUrl: 'ws://127.0.0.1:1',
    originPath: '/api',
    distributionDomainName: 'd.cloudfront.net',
    originRequestPolicy: template.policy as EdgeServiceOptions['originRequestPolicy'],
  });

  it('rejects an OriginPath ending in a slash, naming field and rule', () => {
    assert.throws(
      () => createEdgeService({ ...valid(), originPath: '/api/' }),
      /^TypeError: createEdgeService: invalid options:\n {2}originPath: "\/api\/" must be ''/,
    );
  });

  it('names every bad option at once, the origin request policy included', () => {
    assert.throws(
      () =>
        createEdgeService({
          ...valid(),
          port: 65536,
          originUrl: 'ftp://example.com',
          originRequestPolicy: {} as EdgeServiceOptions['originRequestPolicy'],
        }),
      {
        message:
          'createEdgeService: invalid options:\n' +
          '  port: 65536 must be an integer from 0 to 65535\n' +
          '  originUrl: "ftp://example.com" must be a ws://, wss://, http:// or https:// URL\n' +
          '  originRequestPolicy.HeadersConfig: undefined must be an object',
      },
    );
  });

  it('rejects function code that does not compile for its runtime at creation', () => {
    assert.throws(
      () =>
        createEdgeService({
          ...valid(),
          viewerRequest: {
            code: 'const a = 1; function handler(e) { return e.request; }',
            runtime: 'cloudfront-js-1.0',
          },
        }),
      /cloudfront-js-1.0 does not allow 'const'/,
    );
  });

  it('answers 502 when the origin is unreachable', async () => {
    const edge = createEdgeService({ ...valid(), port: 0 });
    await edge.start();
    try {
      const result = await connectViewer(`ws://127.0.0.1:${edge.port}/x`);
      assert.equal(result.kind, 'refused');
      if (result.kind === 'refused') assert.equal(result.status, 502);
    } finally {
      await edge.stop();
    }
  });
});
