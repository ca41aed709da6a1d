/**
 * The handler helpers before any call leaves the process: what a missing generated variable says, and what
 * handlers/lib/sessions.ts refuses (a handshake the VTL path refuses; attributes of your own that would replace the
 * standard record's). The calls themselves run against the local stack in the integration tests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../generator/config/index.ts';
import { sessionRecordSpec } from '../../generator/sessions/record.ts';
import { connectionStoreFromEnvironment } from '../../handlers/lib/connections.ts';
import { sessionsFromEnvironment, type ConnectEvent } from '../../handlers/lib/sessions.ts';

const spec = JSON.stringify(
  sessionRecordSpec(
    parseConfig({
      routes: {},
      sessions: {
        store: { path: false },
        indexes: [{ name: 'ByTenant', attribute: 'tenant', source: { from: 'query', name: 'tenant' } }],
      },
      connect: { allowedOrigins: ['https://app.example.com'] },
      edge: { enabled: false },
    }),
  ),
);
const event = (headers: Record<string, string> = {}): ConnectEvent => ({
  headers,
  queryStringParameters: { tenant: 't' },
  requestContext: {
    connectionId: 'L0SM9cOFvHcCIhw=',
    connectedAt: 1,
    requestTimeEpoch: 1,
    identity: { sourceIp: '203.0.113.7' },
  },
});

describe('handler helpers and their environment', () => {
  it('connectionStoreFromEnvironment names the missing variable and the access that sets it', () => {
    assert.throws(() => connectionStoreFromEnvironment({ SESSIONS_TABLE: 't', PARTITION_KEY: 'id' }), {
      message:
        "CONNECTIONS_ENDPOINT is not set: deploy the function from the generated template with connections: ['post'] in its access",
    });
    assert.throws(
      () => connectionStoreFromEnvironment({ CONNECTIONS_ENDPOINT: 'https://x/api', SESSIONS_TABLE: 't' }),
      {
        message:
          "PARTITION_KEY is not set: deploy the function from the generated template with sessions: ['read', 'write'] in its access",
      },
    );
    // The SDK's endpoint variable stands in for CONNECTIONS_ENDPOINT, as the local stack sets it.
    const store = connectionStoreFromEnvironment({
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:1/api',
      SESSIONS_TABLE: 't',
      PARTITION_KEY: 'id',
    });
    assert.deepEqual([store.table, store.partitionKey], ['t', 'id']);
    store.dynamodb.destroy();
    store.connections.destroy();
  });

  it('sessionsFromEnvironment needs the record description and the table', () => {
    assert.throws(() => sessionsFromEnvironment({ SESSIONS_TABLE: 't' }), {
      message: 'SESSION_RECORD is not set: the function must be deployed from the generated template',
    });
    assert.throws(() => sessionsFromEnvironment({ SESSION_RECORD: spec }), {
      message: 'SESSIONS_TABLE is not set: the function must be deployed from the generated template',
    });
  });

  it("recordConnection refuses what the VTL $connect refuses, and attributes that are the standard record's", async () => {
    const sessions = sessionsFromEnvironment({ SESSION_RECORD: spec, SESSIONS_TABLE: 't' });
    assert.deepEqual(await sessions.recordConnection(event({ Origin: 'https://evil.example.com' })), {
      statusCode: 403,
      body: 'origin not allowed',
    });
    for (const name of ['connectionid', 'ttl', 'tenant', 'path', 'authorizer']) {
      await assert.rejects(sessions.recordConnection(event(), { [name]: 'x' }), {
        message: `recordConnection: "${name}" is an attribute of the standard record; choose another name`,
      });
    }
  });
});
