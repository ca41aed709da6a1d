/** Connecting: through the distribution with any path (the record keeps it), straight to the API, and the stage rule. */
import assert from 'node:assert/strict';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { connectIdentified } from '../connection-id.ts';
import { edgeUrl } from '../outputs.ts';

function lowerCaseKeys(map: Record<string, AttributeValue> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([name, value]) => [name.toLowerCase(), value.S]));
}

export function connectSteps(context: SmokeContext): void {
  const { settings } = context;

  smokeStep(
    context,
    `${context.outputs().Distribution ? 'Distribution' : 'APIEndpoint'}: a query string reaches the session record with the fields the stack stores and its TTL`,
    async () => {
      const outputs = context.outputs();
      const stored = new Set(outputs.StoredFields);
      const id = context.uniqueId();
      // Without an edge the stage is the only path a client may use; through the edge any path is kept.
      const path = outputs.Distribution || outputs.PublicURL ? `/this/is/my/custom/path/${id}/` : '';
      const startedAt = Math.floor(Date.now() / 1000);
      const { client, connectionId } = await connectIdentified(
        context,
        `${edgeUrl(outputs).replace(/\/$/, '')}${path}?my_query=foo&run=${id}`,
      );
      try {
        const record = await context.sessions().waitUntilPresent(connectionId, settings.stepTimeoutMs);
        if (stored.has('path')) assert.equal(record['path']?.S, path, "session record: path is the client's URL path");
        if (stored.has('querystring'))
          assert.deepEqual(
            record['querystring']?.M,
            { my_query: { S: 'foo' }, run: { S: id } },
            'session record: querystring map',
          );
        if (stored.has('headers'))
          assert.equal(
            lowerCaseKeys(record['headers']?.M)['sec-websocket-version'],
            '13',
            'session record: headers map holds the handshake headers',
          );
        for (const field of ['path', 'querystring', 'headers', 'connectedAt', 'sourceIp'].filter(
          (name) => !stored.has(name),
        )) {
          assert.equal(
            record[field],
            undefined,
            `session record: ${field} is stored though StoredFields leaves it out`,
          );
        }
        const ttlAttribute = await context.sessions().ttlAttribute();
        assert.ok(ttlAttribute, `table ${outputs.Sessions}: TTL is not enabled`);
        const ttl = Number(record[ttlAttribute]?.N);
        const ttlSeconds = outputs.SessionTtlSeconds!;
        const expected = startedAt + ttlSeconds;
        assert.ok(
          Math.abs(ttl - expected) <= settings.ttlToleranceSeconds,
          `session record: ${ttlAttribute} must be epoch seconds about ${ttlSeconds} s (SessionTtlSeconds) ahead (got ${record[ttlAttribute]?.N}, expected about ${expected})`,
        );
      } finally {
        await client.close();
      }
    },
  );

  // A stack that lets only its edge in refuses this client: edge-only.ts checks that instead.
  if (context.outputs().DirectAccess !== 'refused')
    smokeStep(
      context,
      'APIEndpoint: a client connects straight to the API stage and gets a session record',
      async () => {
        const { client, connectionId } = await connectIdentified(context, context.outputs().APIEndpoint);
        try {
          await context.sessions().waitUntilPresent(connectionId, settings.stepTimeoutMs);
        } finally {
          await client.close();
        }
      },
    );

  smokeStep(context, 'APIEndpoint: a path other than the stage is refused with 403', async () => {
    const api = new URL(context.outputs().APIEndpoint);
    const result = await expectRefused(
      `${api.protocol}//${api.host}/${context.uniqueId()}`,
      settings.stepTimeoutMs,
      'APIEndpoint: a path other than the stage',
    );
    assert.equal(result.statusCode, 403, `APIEndpoint: refusal status (body ${result.body})`);
  });
}
