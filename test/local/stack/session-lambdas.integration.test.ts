/**
 * Your own `$connect` / `$disconnect` Lambdas on the local stack: they write and delete the standard session record
 * through handlers/lib/sessions.ts, and the record has the VTL path's shape, attribute for attribute (the values
 * that differ per connection aside), for the same handshake.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { WsConfigInput } from '../../../generator/config/index.ts';
import type { LocalStack } from '../../../local/stack/index.ts';
import { connect, expectRefused } from '../../../smoke/client.ts';
import { developerDynamoDb } from '../../support/aws-credentials.ts';
import { startStackFromConfig } from '../../support/generated-stack.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const STEP_MS = 10_000;
const base: WsConfigInput = {
  stage: { name: 'own' },
  sessions: {
    ttl: { seconds: 600 },
    store: { path: false },
    indexes: [{ name: 'ByTenant', attribute: 'tenant', source: { from: 'query', name: 'tenant' } }],
  },
  routes: {},
  edge: { enabled: false },
  observability: { accessLogs: { enabled: false }, tracing: false },
};
const own: WsConfigInput = {
  ...base,
  routes: {
    $connect: { integration: 'lambda', handler: 'test/fixtures/session-lambdas/connect.ts' },
    $disconnect: { integration: 'lambda', handler: 'test/fixtures/session-lambdas/disconnect.ts' },
  },
};

async function records(stack: LocalStack): Promise<Array<Record<string, AttributeValue>>> {
  const dynamodb = developerDynamoDb(stack);
  try {
    return (await dynamodb.send(new ScanCommand({ TableName: stack.outputs.Sessions }))).Items ?? [];
  } finally {
    dynamodb.destroy();
  }
}

/** A record with what differs per connection (its ID, time and address) replaced by its kind. */
function shape(record: Record<string, AttributeValue>): Record<string, unknown> {
  const perConnection = new Set(['connectionid', 'connectedAt', 'ttl', 'sourceIp']);
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, perConnection.has(name) ? Object.keys(value) : value]),
  );
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('your own $connect and $disconnect Lambdas', () => {
  let vtl: LocalStack;
  let lambda: LocalStack;
  before(async () => {
    vtl = await startStackFromConfig(base);
    lambda = await startStackFromConfig(own);
  });
  after(async () => {
    await vtl?.stop();
    await lambda?.stop();
  });

  it('write the record the VTL path writes (plus their own attribute) and delete it on $disconnect', async () => {
    const query = '?token=let-me-in&tenant=t-1&a=%C3%A9';
    const headers = { 'X-Extra': 'x' };
    const viaVtl = await connect(`${vtl.outputs.APIEndpoint}${query}`, STEP_MS, { headers });
    const viaLambda = await connect(`${lambda.outputs.APIEndpoint}${query}`, STEP_MS, { headers });
    try {
      const [vtlRecord] = await records(vtl);
      const [lambdaRecord] = await records(lambda);
      assert.ok(vtlRecord && lambdaRecord);
      const { plan, ...standard } = lambdaRecord;
      assert.deepEqual(plan, { S: 'gold' });
      // Header values differ per connection (the key, each stack's port): compare names, and the client's own header.
      const comparable = (record: Record<string, AttributeValue>) => ({
        ...shape(record),
        headers: Object.keys(record['headers']!.M!).sort(),
        extra: record['headers']!.M!['X-Extra'],
      });
      assert.deepEqual(comparable(standard), comparable(vtlRecord));
      assert.deepEqual(comparable(standard).extra, { S: 'x' });
      assert.deepEqual(Object.keys(standard).sort(), Object.keys(vtlRecord).sort());
      const ttl = Number(standard['ttl']!.N) - Math.floor(Number(standard['connectedAt']!.N) / 1000);
      assert.ok(ttl >= 599 && ttl <= 601, `TTL is the config's 600 s after connecting (got ${ttl})`);
    } finally {
      await viaVtl.close();
      await viaLambda.close();
    }
    await waitFor(async () => (await records(lambda)).length === 0, 'your $disconnect to delete the record');
  });

  it('your own check refuses first: nothing is written', async () => {
    const refused = await expectRefused(`${lambda.outputs.APIEndpoint}?token=wrong`, STEP_MS, 'a wrong token');
    assert.equal(refused.statusCode, 401);
    assert.deepEqual(await records(lambda), []);
  });
});
