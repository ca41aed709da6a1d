/**
 * Custom domain names (issue 19), end to end with a real WebSocket client on test/fixtures/templates/custom-domain:
 * a client whose Host is a mapped custom domain connects under the mapping key, `requestContext.domainName` is the
 * custom domain, and a handler building `https://{domainName}/{key}` posts to its connection; building it with the
 * stage instead is refused as API Gateway refuses it. Hostile: the wrong path under a domain, an unmapped domain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';
import { refusedHandshake } from '../api/harness.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0, services: 0 };
const WAIT = 20_000;
const FORBIDDEN = { status: 403, body: '{"message":"Forbidden"}' };

describe('custom domain names: domainName, the mapping key and @connections', () => {
  let stack: LocalStack;
  let base: string;
  before(async () => {
    stack = await startLocalStack({ templateFile: copyFixtureApp('custom-domain'), ports: FREE_PORTS, log: () => {} });
    base = `ws://127.0.0.1:${stack.ports.api}`;
  });
  after(async () => {
    await stack?.stop();
  });

  it('serves the custom domain under its mapping key; the handler reaches @connections at https://{domain}/{key}', async () => {
    const client = await connect(`${base}/chat`, WAIT, { headers: { Host: 'chat.example.com' } });
    try {
      client.socket.send(JSON.stringify({ path: 'chat' }));
      const [posted, reply] = [
        await client.nextJson('the posted message', WAIT),
        await client.nextJson<Record<string, unknown>>('the reply', WAIT),
      ];
      assert.deepEqual(posted, { posted: 'https://chat.example.com/chat' });
      assert.deepEqual(reply, { domainName: 'chat.example.com', endpoint: 'https://chat.example.com/chat', ok: true });
      // The chat sample's way (API id and region) works from behind a custom domain too.
      client.socket.send(JSON.stringify({}));
      await client.nextJson('the posted message', WAIT);
      assert.equal((await client.nextJson<{ ok: boolean }>('the apiId reply', WAIT)).ok, true);
    } finally {
      await client.close();
    }
  });

  it('refuses https://{domain}/{stage}/@connections as API Gateway does: the key already stands for the stage', async () => {
    const client = await connect(`${base}/chat`, WAIT, { headers: { Host: 'chat.example.com' } });
    try {
      client.socket.send(JSON.stringify({ path: 'chat/production' }));
      const reply = await client.nextJson<Record<string, unknown>>('the refusal', WAIT);
      assert.equal(reply['ok'], false, JSON.stringify(reply));
      assert.equal(reply['status'], 403);
      assert.equal(reply['error'], 'ForbiddenException');
      assert.match(
        String(reply['message']),
        /^No method found matching route production\/@connections\/\S+ for http method POST\.$/,
      );
    } finally {
      await client.close();
    }
  });

  it('serves a domain mapped without a key at its root, with domainName the domain', async () => {
    const client = await connect(`${base}/`, WAIT, { headers: { Host: 'WS.example.com:443' } });
    try {
      client.socket.send(JSON.stringify({ path: '' }));
      await client.nextJson('the posted message', WAIT);
      assert.deepEqual(await client.nextJson('the reply', WAIT), {
        domainName: 'ws.example.com',
        endpoint: 'https://ws.example.com',
        ok: true,
      });
    } finally {
      await client.close();
    }
  });

  it('refuses the stage path under a custom domain, another key, and a domain that is not mapped', async () => {
    assert.deepEqual(await refusedHandshake(`${base}/production`, [], { Host: 'chat.example.com' }), FORBIDDEN);
    assert.deepEqual(await refusedHandshake(`${base}/`, [], { Host: 'chat.example.com' }), FORBIDDEN);
    assert.deepEqual(await refusedHandshake(`${base}/chat/more`, [], { Host: 'chat.example.com' }), FORBIDDEN);
    assert.deepEqual(await refusedHandshake(`${base}/chat`, [], { Host: 'ws.example.com' }), FORBIDDEN);
    assert.deepEqual(await refusedHandshake(`${base}/chat`, [], { Host: 'other.example.com' }), FORBIDDEN);
  });

  it("keeps the API's own host on the stage path, with domainName the API's host", async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT);
    try {
      client.socket.send(JSON.stringify({}));
      await client.nextJson('the posted message', WAIT);
      const reply = await client.nextJson<{ domainName: string; ok: boolean }>('the reply', WAIT);
      assert.match(reply.domainName, /^\w+\.execute-api\.[\w-]+\.amazonaws\.com$/);
      assert.equal(reply.ok, true);
    } finally {
      await client.close();
    }
  });
});
