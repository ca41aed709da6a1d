/**
 * The edge hands WebSocket upgrades to an in-process origin (the local API) instead of dialling it over TCP. What the
 * API sees and what the viewer gets must be the same either way: both edges here front the same real gateway.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createEdgeService, type EdgeService, type EdgeServiceOptions } from '../../../local/edge/index.ts';
import type { Harness } from '../api/harness.ts';
import { type RecordedEvent, startGatewayOrigin } from './gateway-origin.ts';
import { loadTemplateEdge } from '../../support/template-edge.ts';
import { closeEvent, nextMessage, rawUpgradeExchange, withDeadline } from './harness.ts';

const template = loadTemplateEdge();
/** Values that differ per connection whichever way it went (random keys and request ids). */
const PER_CONNECTION = new Set(['sec-websocket-key', 'sec-websocket-accept', 'x-amz-cf-id', 'x-amzn-trace-id']);

function masked(lines: string[]): string[] {
  return lines.map((value, index) =>
    index % 2 === 1 && PER_CONNECTION.has((lines[index - 1] ?? '').toLowerCase()) ? '<varies>' : value,
  );
}

function maskedMap(map: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).map(([name, value]) => [
      name,
      PER_CONNECTION.has(name.toLowerCase()) ? '<varies>' : value,
    ]),
  );
}

describe('edge → API in process (origin link) is indistinguishable from edge → API over TCP', () => {
  let gateway: Harness;
  let events: RecordedEvent[] = [];
  const edges: Record<'tcp' | 'link', EdgeService> = {} as Record<'tcp' | 'link', EdgeService>;
  const startEdge = async (overrides: Partial<EdgeServiceOptions>): Promise<EdgeService> => {
    const edge = createEdgeService({
      port: 0,
      originUrl: `ws://127.0.0.1:${gateway.service.port}`,
      originPath: '/prod',
      viewerRequest: { code: template.code, runtime: template.runtime },
      originRequestPolicy: template.policy as EdgeServiceOptions['originRequestPolicy'],
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      ...overrides,
    });
    await edge.start();
    return edge;
  };

  before(async () => {
    ({ gateway, events } = await startGatewayOrigin((event) => `echo:${String(event['body'])}`));
    edges.tcp = await startEdge({});
    edges.link = await startEdge({ originLink: gateway.service });
  });
  after(async () => {
    await edges.tcp?.stop();
    await edges.link?.stop();
    await gateway.service.stop();
  });

  async function openVia(
    kind: 'tcp' | 'link',
  ): Promise<{ ws: WebSocket; upgradeHeaders: string[]; connect: RecordedEvent }> {
    const before = events.length;
    const ws = new WebSocket(
      `ws://127.0.0.1:${edges[kind].port}/charge/CP1?token=a&token=b`,
      ['ocpp1.6', 'ocpp2.0.1'],
      {
        headers: { 'X-Multi': 'one', 'User-Agent': 'viewer-agent', Authorization: 'Basic Q1AxOnB3' },
      },
    );
    let upgradeHeaders: string[] = [];
    ws.on('upgrade', (response) => (upgradeHeaders = response.rawHeaders));
    await withDeadline(
      `opening via ${kind}`,
      new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      }),
    );
    const connect = events[before];
    assert.ok(connect, `$connect ran for the ${kind} connection`);
    return { ws, upgradeHeaders, connect };
  }

  it('gives $connect the same request: path, query, headers in order, source IP and forwarded port', async () => {
    const [tcp, link] = [await openVia('tcp'), await openVia('link')];
    try {
      for (const field of [
        'headers',
        'multiValueHeaders',
        'queryStringParameters',
        'multiValueQueryStringParameters',
      ]) {
        assert.deepEqual(maskedMap(link.connect[field] ?? {}), maskedMap(tcp.connect[field] ?? {}), field);
      }
      assert.deepEqual(
        Object.keys(link.connect['multiValueHeaders'] as object),
        Object.keys(tcp.connect['multiValueHeaders'] as object),
      );
      assert.deepEqual(link.connect.requestContext['identity'], tcp.connect.requestContext['identity']);
      const headers = link.connect['headers'] as Record<string, string>;
      assert.equal(headers['Ws-Uri'], '/charge/CP1', 'the fixture went through the template function');
      assert.equal(headers['X-Forwarded-Port'], '443', 'as API Gateway passes it, whatever the local port');
    } finally {
      tcp.ws.terminate();
      link.ws.terminate();
    }
  });

  it('gives the viewer the same 101 headers (origin handshake, then the edge headers)', async () => {
    const [tcp, link] = [await openVia('tcp'), await openVia('link')];
    try {
      assert.deepEqual(masked(link.upgradeHeaders), masked(tcp.upgradeHeaders));
      assert.ok(
        link.upgradeHeaders.includes('Via') && link.upgradeHeaders.includes('X-Amz-Cf-Pop'),
        link.upgradeHeaders.join(' '),
      );
    } finally {
      tcp.ws.terminate();
      link.ws.terminate();
    }
  });

  it('gives the viewer the same refusal, byte for byte', async () => {
    const [tcp, link] = [
      await rawUpgradeExchange(edges.tcp.port, '/refuse'),
      await rawUpgradeExchange(edges.link.port, '/refuse'),
    ];
    const withoutId = (text: string) => text.replace(/X-Amz-Cf-Id: \S+/, 'X-Amz-Cf-Id: <varies>');
    assert.match(link, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.equal(withoutId(link), withoutId(tcp));
  });

  it('relays messages and the close code through the link', async () => {
    const { ws } = await openVia('link');
    ws.send('hello');
    assert.equal(String((await nextMessage(ws)).data), 'echo:hello');
    const before = events.length;
    ws.close(4002, 'viewer leaves');
    await closeEvent(ws);
    const disconnect = await withDeadline(
      '$disconnect',
      (async () => {
        while (events.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
        return events[before] as RecordedEvent;
      })(),
    );
    assert.equal(disconnect.requestContext['disconnectStatusCode'], 4002);
  });

  it('closes a linked connection after the idle timeout without origin bytes, and the API runs $disconnect', async () => {
    const quiet = await startEdge({ originLink: gateway.service, idleTimeoutMs: 200 });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${quiet.port}/quiet`);
      await withDeadline(
        'opening',
        new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        }),
      );
      const before = events.length;
      const opened = Date.now();
      assert.equal((await closeEvent(ws)).code, 1006);
      assert.ok(Date.now() - opened >= 190, `closed after ${Date.now() - opened} ms, before the idle timeout`);
      const disconnect = await withDeadline(
        '$disconnect',
        (async () => {
          while (events.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
          return events[before] as RecordedEvent;
        })(),
      );
      assert.equal(disconnect.requestContext['disconnectStatusCode'], 1006);
    } finally {
      await quiet.stop();
    }
  });
});
