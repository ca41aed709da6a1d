/**
 * Issue 13, finding 3: what the edge enforces must not be skippable by connecting to APIEndpoint (public on AWS) with
 * hand-made headers. On every example with an edge: a direct client with everything the edge adds but its secret
 * (the path header, the copied credentials) is refused, with a guessed secret too, and leaves no session record;
 * through the edge, headers a client forges (the path header, the secret, the copy of Authorization) are replaced by
 * the edge's own. Before the fix the direct client was accepted and stored the forged path.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample, type RunningExample } from './example-stacks.ts';
import { rawExchange, upgradeRequest } from './raw-http.ts';

const STEP_MS = 10_000;

for (const example of EXAMPLE_STACKS.filter((candidate) => candidate.directRefusal !== undefined)) {
  const expected = example.directRefusal!;
  describe(`${example.name}: only the edge reaches the API`, () => {
    let running: RunningExample;
    before(async () => {
      running = await startExample(example);
    });
    after(async () => {
      await running?.stop();
    });

    /** A direct upgrade with the valid client's credentials and protocol, the path header and copy the edge would add, and `secret`. */
    const direct = (secret: Record<string, string>) => {
      const { headers = {}, protocols } = running.client.options;
      const forged = {
        ...headers,
        'ws-uri': new URL(running.client.url).pathname,
        ...(headers['Authorization'] ? { 'ws-authorization': headers['Authorization'] } : {}),
        ...(protocols ? { 'Sec-WebSocket-Protocol': protocols.join(', ') } : {}),
        ...secret,
      };
      return rawExchange(
        running.stack.outputs.APIEndpoint,
        [upgradeRequest(running.stack.outputs.APIEndpoint, forged)],
        STEP_MS,
      );
    };

    it(`refuses a direct client without the edge's secret with ${expected.withoutSecret}, leaving no record`, async () => {
      const answer = await direct({});
      assert.equal(answer.status, expected.withoutSecret, JSON.stringify(answer));
      assert.deepEqual(await running.sessionIds(), []);
    });

    it(`refuses a direct client with a guessed secret with ${expected.wrongSecret}, leaving no record`, async () => {
      for (const guess of [randomBytes(32).toString('hex'), ',', 'x'.repeat(4000)]) {
        const answer = await direct({ 'x-origin-verify': guess });
        assert.equal(
          answer.status,
          expected.wrongSecret,
          `${JSON.stringify(guess.slice(0, 20))}: ${JSON.stringify(answer)}`,
        );
      }
      // An empty header is no header: an authorizer's identity source answers 401 for it.
      assert.equal((await direct({ 'x-origin-verify': '' })).status, expected.withoutSecret);
      assert.deepEqual(await running.sessionIds(), []);
    });

    it("through the edge, forged path, secret and credential-copy headers are replaced by the edge's own", async () => {
      const { headers = {}, protocols } = running.client.options;
      const forged = {
        'ws-uri': '/forged/path',
        'X-Origin-Verify': 'forged',
        'ws-authorization': 'Basic Zm9yZ2VkOmZvcmdlZA==',
      };
      const client = await connect(running.client.url, STEP_MS, {
        headers: { ...headers, ...forged },
        ...(protocols ? { protocols } : {}),
      });
      const dynamodb = new DynamoDBClient({
        endpoint: running.stack.outputs.DynamoDBEndpoint,
        region: running.stack.outputs.Region,
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      });
      try {
        const [id] = await running.sessionIds();
        assert.ok(id, 'the client connected but left no record');
        const item = (
          await dynamodb.send(
            new GetItemCommand({ TableName: running.stack.outputs.Sessions, Key: { connectionid: { S: id } } }),
          )
        ).Item!;
        assert.equal(
          item['path']?.S,
          new URL(running.client.url).pathname,
          "the path is the viewer's, not the forged header",
        );
        const stored = JSON.stringify(item['headers']?.M ?? {}).toLowerCase();
        assert.equal(stored.includes('x-origin-verify'), false, "the edge's secret header must never be stored");
        assert.equal(stored.includes('forged'), false, `a forged header reached the record: ${stored}`);
      } finally {
        dynamodb.destroy();
        await client.close();
      }
    });
  });
}
