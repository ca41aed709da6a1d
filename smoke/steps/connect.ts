/** Connecting: through the distribution with any path (the record keeps it), straight to the API, and the stage rule. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { connect, expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { testTimeoutMs } from '../settings.ts';
import { echoOnDefault } from './echo.ts';
import { edgeUrl } from '../outputs.ts';

function lowerCaseKeys(map: Record<string, AttributeValue> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([name, value]) => [name.toLowerCase(), value.S]));
}

export function connectSteps(context: SmokeContext): void {
  const { settings } = context;
  const timeout = testTimeoutMs(settings);

  it('Distribution: a custom path and query string reach the session record (path, headers, query, TTL)', { timeout }, async () => {
    const id = context.uniqueId();
    const path = `/this/is/my/custom/path/${id}/`;
    const startedAt = Math.floor(Date.now() / 1000);
    const client = await connect(`${edgeUrl(context.outputs())}${path}?my_query=foo&run=${id}`, settings.stepTimeoutMs);
    try {
      const { requestContext } = await echoOnDefault(client, `hello from ${id}`, settings.stepTimeoutMs);
      const record = await context.sessions().waitUntilPresent(requestContext.connectionId, settings.stepTimeoutMs);
      assert.equal(record['path']?.S, path, 'session record: path is the client\'s URL path');
      assert.deepEqual(record['querystring']?.M, { my_query: { S: 'foo' }, run: { S: id } }, 'session record: querystring map');
      assert.equal(lowerCaseKeys(record['headers']?.M)['sec-websocket-version'], '13', 'session record: headers map holds the handshake headers');
      const ttlAttribute = await context.sessions().ttlAttribute();
      assert.ok(ttlAttribute, `table ${context.outputs().Sessions}: TTL is not enabled`);
      const ttl = Number(record[ttlAttribute]?.N);
      const expected = startedAt + settings.sessionTtlSeconds;
      assert.ok(Math.abs(ttl - expected) <= settings.ttlToleranceSeconds,
        `session record: ${ttlAttribute} must be epoch seconds about ${settings.sessionTtlSeconds} s ahead (got ${record[ttlAttribute]?.N}, expected about ${expected})`);
    } finally {
      await client.close();
    }
  });

  // A stack that lets only its edge in refuses this client: edge-only.ts checks that instead.
  if (context.outputs().DirectAccess !== 'refused') it('APIEndpoint: a client connects straight to the API stage', { timeout }, async () => {
    const client = await connect(context.outputs().APIEndpoint, settings.stepTimeoutMs);
    try {
      const echo = await echoOnDefault(client, `direct ${context.uniqueId()}`, settings.stepTimeoutMs);
      assert.equal(echo.requestContext.stage, new URL(context.outputs().APIEndpoint).pathname.replace(/^\/|\/$/g, ''), 'requestContext.stage');
    } finally {
      await client.close();
    }
  });

  it('APIEndpoint: a path other than the stage is refused with 403', { timeout }, async () => {
    const api = new URL(context.outputs().APIEndpoint);
    const result = await expectRefused(`${api.protocol}//${api.host}/${context.uniqueId()}`, settings.stepTimeoutMs, 'APIEndpoint: a path other than the stage');
    assert.equal(result.statusCode, 403, `APIEndpoint: refusal status (body ${result.body})`);
  });
}
