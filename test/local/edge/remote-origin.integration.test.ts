/**
 * The edge in front of an origin that is not in its process (option `originUrl` without `originLink`): a gateway
 * started on its own and reached over TCP, and the same gateway behind TLS, as a deployed API is reached. This is
 * the supported way to put a local edge in front of another local stack or a deployed API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { WebSocket } from 'ws';
import { createEdgeService, type EdgeService, type EdgeServiceOptions } from '../../../local/edge/index.ts';
import type { Harness } from '../api/harness.ts';
import { type RecordedEvent, startGatewayOrigin } from './gateway-origin.ts';
import { loadTemplateEdge } from '../../support/template-edge.ts';
import { closeEvent, connectViewer, nextMessage, nextRecorded, rawUpgradeExchange, withDeadline } from './harness.ts';

const template = loadTemplateEdge();
const TLS_CERT = readFileSync(new URL('./fixtures/tls/origin-cert.pem', import.meta.url), 'utf8');
const TLS_KEY = readFileSync(new URL('./fixtures/tls/origin-key.pem', import.meta.url), 'utf8');

async function open(url: string, protocols: string[] = []): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  await withDeadline(
    `opening ${url}`,
    new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    }),
  );
  return ws;
}

/** A TLS terminator in front of `port`: the gateway as a deployed API is reached, over wss. */
async function startTlsFront(port: number): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: TLS_CERT, key: TLS_KEY }, (secure) => {
    const plain = net.connect(port, '127.0.0.1');
    for (const socket of [secure, plain]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    secure.pipe(plain).pipe(secure);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('edge in front of a gateway in another process (TCP and TLS origins)', () => {
  let gateway: Harness;
  let events: RecordedEvent[] = [];
  const edges: EdgeService[] = [];
  const logs: string[] = [];
  const startEdge = async (overrides: Partial<EdgeServiceOptions> = {}): Promise<EdgeService> => {
    const edge = createEdgeService({
      port: 0,
      originUrl: `ws://127.0.0.1:${gateway.service.port}`,
      originPath: '/prod',
      viewerRequest: { code: template.code, runtime: template.runtime },
      originRequestPolicy: template.policy as EdgeServiceOptions['originRequestPolicy'],
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      log: (line) => logs.push(line),
      ...overrides,
    });
    edges.push(edge);
    await edge.start();
    return edge;
  };

  before(async () => {
    ({ gateway, events } = await startGatewayOrigin(
      (event) => `${String(event.requestContext['connectionId'])} ${String(event['body'])}`,
    ));
  });
  after(async () => {
    for (const edge of edges) await edge.stop();
    await gateway.service.stop();
  });

  it('connects with the origin-chosen subprotocol and the function-moved path, and relays messages', async () => {
    const edge = await startEdge();
    const before = events.length;
    const ws = await open(`ws://127.0.0.1:${edge.port}/charge/CP1?token=a`, ['ocpp1.6']);
    try {
      assert.equal(ws.protocol, 'ocpp1.6');
      const connect = await nextRecorded('$connect', events, before);
      assert.equal((connect['headers'] as Record<string, string>)['Ws-Uri'], '/charge/CP1');
      for (const text of ['first', 'second']) {
        ws.send(text);
        assert.match(String((await nextMessage(ws)).data), new RegExp(` ${text}$`));
      }
    } finally {
      ws.terminate();
    }
  });

  it("passes the viewer's close code and reason to $disconnect", async () => {
    const edge = await startEdge();
    const ws = await open(`ws://127.0.0.1:${edge.port}/leaving`);
    const before = events.length;
    ws.close(4002, 'viewer leaves');
    await closeEvent(ws);
    const disconnect = await nextRecorded('$disconnect', events, before);
    assert.equal(disconnect.requestContext['disconnectStatusCode'], 4002);
    assert.equal(disconnect.requestContext['disconnectReason'], 'viewer leaves');
  });

  it("passes the API's close (DELETE @connections) to the viewer as a direct client gets it", async () => {
    const edge = await startEdge();
    const closes: Array<{ code: number; reason: string }> = [];
    for (const url of [`ws://127.0.0.1:${edge.port}/deleted`, `${gateway.wsUrl}`]) {
      const ws = await open(url);
      ws.send('who');
      const connectionId = String((await nextMessage(ws)).data).split(' ')[0];
      const closed = closeEvent(ws);
      const response = await fetch(
        `${gateway.connectionsEndpoint}/@connections/${encodeURIComponent(connectionId ?? '')}`,
        { method: 'DELETE' },
      );
      assert.equal(response.status, 204);
      closes.push(await closed);
    }
    assert.deepEqual(closes[0], closes[1]);
  });

  it("gives the viewer the API's refusal bytes, then the edge's own headers", async () => {
    const edge = await startEdge();
    const viaEdge = await rawUpgradeExchange(edge.port, '/refuse');
    const direct = await rawUpgradeExchange(gateway.service.port, '/prod', 'ws-uri: /refuse\r\n');
    const [edgeHead, edgeBody] = viaEdge.split('\r\n\r\n');
    const [directHead, directBody] = direct.split('\r\n\r\n');
    assert.match(edgeHead ?? '', /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.equal(edgeBody, directBody);
    // The edge keeps the origin's status, headers (in order) and body, adds its own headers, then frames the answer.
    const varying = /^(Date|x-amzn-RequestId|x-amz-apigw-id|X-Amz-Cf-Id):/i;
    const framing = /^(Content-Length|Connection):/i;
    const lines = (head: string) => head.split('\r\n').filter((line) => !varying.test(line));
    const originLines = lines(directHead ?? '').filter((line) => !framing.test(line));
    assert.deepEqual(lines(edgeHead ?? ''), [
      ...originLines,
      'X-Cache: Miss from cloudfront',
      'Via: 1.1 d111111abcdef8.cloudfront.net (CloudFront)',
      'X-Amz-Cf-Pop: LOCAL1-C1',
      ...lines(directHead ?? '').filter((line) => framing.test(line)),
    ]);
    assert.match(viaEdge, /\r\nX-Amz-Cf-Id: [A-Za-z0-9+/]{56}\r\n/);
  });

  it('closes after the idle timeout without origin bytes; the API sees the connection drop (1006)', async () => {
    const edge = await startEdge({ idleTimeoutMs: 200 });
    const ws = await open(`ws://127.0.0.1:${edge.port}/quiet`);
    const before = events.length;
    const opened = Date.now();
    assert.equal((await closeEvent(ws)).code, 1006);
    assert.ok(Date.now() - opened >= 190, `closed after ${Date.now() - opened} ms, before the idle timeout`);
    const disconnect = await nextRecorded('$disconnect', events, before);
    assert.equal(disconnect.requestContext['disconnectStatusCode'], 1006);
  });

  describe('over TLS (wss://), as a deployed API', () => {
    let front: Awaited<ReturnType<typeof startTlsFront>>;
    before(async () => {
      front = await startTlsFront(gateway.service.port);
    });
    after(() => front.stop());

    it('connects and relays messages when the origin certificate chains to originCa', async () => {
      const edge = await startEdge({ originUrl: `wss://127.0.0.1:${front.port}`, originCa: TLS_CERT });
      const ws = await open(`ws://127.0.0.1:${edge.port}/secure/path`, ['ocpp1.6']);
      try {
        ws.send('over tls');
        assert.match(String((await nextMessage(ws)).data), / over tls$/);
      } finally {
        ws.terminate();
      }
    });

    it('answers 502 when the origin certificate is not trusted, and logs why', async () => {
      const edge = await startEdge({ originUrl: `wss://localhost:${front.port}` });
      const result = await connectViewer(`ws://127.0.0.1:${edge.port}/secure/path`);
      assert.equal(result.kind, 'refused');
      if (result.kind === 'refused') assert.equal(result.status, 502);
      assert.ok(
        logs.some((line) => line.startsWith('origin unreachable for /prod/') && /certificate/i.test(line)),
        logs.join('\n'),
      );
    });
  });
});
