import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { nodeHeaderMap } from '../../../local/edge/node-headers.ts';
import { withDeadline } from './harness.ts';

/** What Node's own HTTP server parses from these request header lines: its rawHeaders and headers. */
async function parsedByNode(lines: string[]): Promise<{ rawHeaders: string[]; headers: Record<string, unknown> }> {
  const server = http.createServer();
  const parsed = new Promise<{ rawHeaders: string[]; headers: Record<string, unknown> }>((resolve) => {
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      resolve({ rawHeaders: request.rawHeaders, headers: { ...request.headers } });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(`GET / HTTP/1.1\r\n${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  try {
    return await withDeadline('Node parsing the request', parsed);
  } finally {
    socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('nodeHeaderMap (the in-process edge → origin request)', () => {
  it("builds the same headers Node's HTTP parser builds from the same lines, repeats included", async () => {
    const lines = [
      'Host: 127.0.0.1:3001',
      'User-Agent: first',
      'user-agent: second',
      'X-Multi: one',
      'x-multi: two',
      'Sec-WebSocket-Protocol: ocpp1.6',
      'Sec-WebSocket-Protocol: ocpp2.0.1',
      'Cookie: a=1',
      'cookie: b=2',
      'Set-Cookie: s=1',
      'Set-Cookie: s=2',
      'Authorization: Basic one',
      'Authorization: Basic two',
      'Ws-Uri: /a/b',
    ];
    const node = await parsedByNode(lines);
    assert.deepEqual({ ...nodeHeaderMap(node.rawHeaders) }, node.headers);
    assert.equal(node.headers['user-agent'], 'first', 'the fixture exercises a first-value-wins header');
    assert.equal(node.headers['x-multi'], 'one, two', 'the fixture exercises a joined header');
  });
});
