/**
 * Issue 13, finding 7 (the runtime items): the API's and the edge's HTTP servers answer oversized and malformed
 * requests with a status before closing, drop requests whose headers or body never finish, and the edge does not log
 * query strings (they carry tokens). On every example stack, with short HTTP timeouts so the slow clients are quick.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample, type RunningExample } from './example-stacks.ts';
import { rawExchange } from './raw-http.ts';

const WAIT_MS = 10_000;
const HTTP_TIMEOUTS = { headersMs: 300, requestMs: 600 };

for (const example of EXAMPLE_STACKS) {
  describe(`${example.name}: HTTP servers against hostile requests`, () => {
    let running: RunningExample;
    const logs: string[] = [];
    before(async () => {
      running = await startExample(example, { httpTimeouts: HTTP_TIMEOUTS, log: (line) => logs.push(line) });
    });
    after(async () => {
      await running?.stop();
    });

    /** The API (oversized headers: 431, UNCONFIRMED) and the edge (413, CloudFront's documented answer). */
    const servers = (): Array<{ name: string; url: string; path: string; oversized: number }> => [
      {
        name: 'API',
        url: running.stack.outputs.APIEndpoint,
        path: new URL(running.stack.outputs.APIEndpoint).pathname,
        oversized: 431,
      },
      ...(running.stack.outputs.Distribution
        ? [{ name: 'edge', url: running.stack.outputs.Distribution, path: '/any/path', oversized: 413 }]
        : []),
    ];

    it('answers a request with 30 KB of headers with 431 (API) or 413 (edge), then closes', async () => {
      for (const server of servers()) {
        const request = `GET ${server.path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Big: ${'a'.repeat(30_000)}\r\n\r\n`;
        const answer = await rawExchange(server.url, [request], WAIT_MS);
        assert.equal(answer.status, server.oversized, `${server.name}: ${answer.body}`);
        assert.ok(answer.closedByServer, `${server.name}: the socket stayed open`);
      }
    });

    it('answers malformed requests with 400, then closes', async () => {
      const malformed = [
        'GET / HTTP/1.1\r\nHost: x\r\nNo colon in this header line\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
        'NOT HTTP AT ALL\r\n\r\n',
      ];
      for (const server of servers()) {
        for (const request of malformed) {
          const answer = await rawExchange(server.url, [request], WAIT_MS);
          assert.equal(answer.status, 400, `${server.name} for ${JSON.stringify(request)}: ${answer.body}`);
          assert.ok(answer.closedByServer, `${server.name}: the socket stayed open`);
        }
      }
    });

    it('answers 408 and closes when the headers never finish (a slow upgrade)', async () => {
      for (const server of servers()) {
        const chunks = [
          `GET ${server.path} HTTP/1.1\r\n`,
          ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: y\r\n`),
        ];
        const answer = await rawExchange(server.url, chunks, WAIT_MS, 200);
        assert.equal(answer.status, 408, `${server.name}: ${JSON.stringify(answer)}`);
        assert.ok(answer.closedByServer, `${server.name}: the socket stayed open`);
      }
    });

    it('answers 408 and closes when an @connections POST body trickles in', async () => {
      const client = await connect(running.client.url, WAIT_MS, running.client.options);
      try {
        const target = new URL(running.stack.outputs.ConnectionsEndpoint);
        const [id] = await running.sessionIds();
        assert.ok(id !== undefined, 'the client has a session record');
        const head = `POST ${target.pathname}/@connections/${encodeURIComponent(id)} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Length: 100\r\n\r\n`;
        const answer = await rawExchange(target.href, [head, ...Array.from({ length: 100 }, () => 'x')], WAIT_MS, 100);
        assert.equal(answer.status, 408, JSON.stringify(answer));
        assert.ok(answer.closedByServer, 'the socket stayed open');
      } finally {
        await client.close();
      }
    });

    if (example.edge)
      it("answers a URL over 8,192 bytes at the edge with 413 (CloudFront's limit)", async () => {
        const edge =
          running.stack.outputs.Distribution ??
          assert.fail('the example has an edge, but the stack has no Distribution');
        const answer = await rawExchange(
          edge,
          [
            `GET /x?q=${'a'.repeat(9_000)} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
          ],
          WAIT_MS,
        );
        assert.equal(answer.status, 413, answer.body);
      });

    it('never logs a query string value', async () => {
      const secret = 'query-token-7d41f0';
      const url = new URL(running.client.url);
      url.searchParams.set('token', secret);
      const client = await connect(url.href, WAIT_MS, running.client.options);
      await client.close();
      const refused = new URL(url);
      refused.pathname = '/not-a-websocket-path';
      await rawExchange(
        refused.href,
        [`GET ${refused.pathname}${refused.search} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
        WAIT_MS,
      );
      assert.ok(logs.length > 0, 'the stack logged nothing at all');
      assert.deepEqual(
        logs.filter((line) => line.includes(secret)),
        [],
      );
    });
  });
}
