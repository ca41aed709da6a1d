/**
 * API keys on `$connect` (issue 19), end to end with a real WebSocket client on test/fixtures/templates/api-keys:
 * `ApiKeyRequired` on `$connect`, keys and usage plans from the template, both `ApiKeySelectionExpression` values,
 * the key in Lambda events and in `$context.identity`, the quota, and the hostile cases (no key, a wrong, disabled or
 * other stage's key).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';
import { refusedHandshake } from '../api/harness.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0, services: 0 };
const WAIT = 15_000;
const FORBIDDEN = { status: 403, body: '{"message":"Forbidden"}' };

describe('API keys on $connect: the x-api-key header', () => {
  let stack: LocalStack;
  let url: string;
  before(async () => {
    stack = await startLocalStack({ templateFile: copyFixtureApp('api-keys'), ports: FREE_PORTS, log: () => {} });
    url = `${stack.outputs.APIEndpoint}?user=ada`;
  });
  after(async () => {
    await stack?.stop();
  });

  it('accepts an enabled key of a usage plan covering the stage, and every event of the connection carries it', async () => {
    const client = await connect(url, WAIT, { headers: { 'X-API-Key': 'good-key-0123456789abcdef' } });
    try {
      client.socket.send('who am i');
      const identity = await client.nextJson<Record<string, string>>('the echoed identity', WAIT);
      assert.equal(identity['apiKey'], 'good-key-0123456789abcdef');
      assert.match(identity['apiKeyId'] ?? '', /^[a-z0-9]{10}$/);
      client.socket.send(JSON.stringify({ action: 'whoami' }));
      assert.deepEqual(await client.nextJson('the VTL identity', WAIT), {
        apiKey: 'good-key-0123456789abcdef',
        apiKeyId: identity['apiKeyId'],
      });
    } finally {
      await client.close();
    }
  });

  it('refuses with 403 Forbidden: no key, an empty one, a wrong one, a disabled one, and one of another stage', async () => {
    assert.deepEqual(await refusedHandshake(url), FORBIDDEN);
    for (const key of ['', 'not-a-key-at-all-0123456789', 'disabled-key-0123456789ab', 'canary-key-0123456789abcd']) {
      assert.deepEqual(await refusedHandshake(url, [], { 'x-api-key': key }), FORBIDDEN, `key ${JSON.stringify(key)}`);
    }
    // Keys are case-sensitive values, not names.
    assert.deepEqual(await refusedHandshake(url, [], { 'x-api-key': 'GOOD-KEY-0123456789ABCDEF' }), FORBIDDEN);
  });

  it('checks the key after the authorizer: a request without its identity source gets 401 first', async () => {
    assert.deepEqual(
      await refusedHandshake(stack.outputs.APIEndpoint, [], { 'x-api-key': 'good-key-0123456789abcdef' }),
      { status: 401, body: '{"message":"Unauthorized"}' },
    );
  });

  it('gives a key without Value a stand-in the start summary prints, and accepts it', async () => {
    const line = stack.apiKeys.lines.find((text) => text.startsWith('generated '));
    assert.ok(line, stack.apiKeys.lines.join('\n'));
    const value = /: ([a-z0-9]{40}) \(no Value in the template: a local stand-in\)/.exec(line)?.[1];
    assert.ok(value, line);
    const client = await connect(url, WAIT, { headers: { 'x-api-key': value } });
    await client.close();
    assert.match(stack.apiKeys.source, /x-api-key header/);
    assert.ok(
      stack.apiKeys.lines.some((text) =>
        /^disabled \(id \w+\): disabled-key-0123456789ab, refused: not Enabled/.test(text),
      ),
      stack.apiKeys.lines.join('\n'),
    );
  });

  it("answers 429 Limit Exceeded once the usage plan's daily quota is used up", async () => {
    const headers = { 'x-api-key': 'quota-key-0123456789abcde' };
    for (let i = 0; i < 2; i += 1) await (await connect(url, WAIT, { headers })).close();
    assert.deepEqual(await refusedHandshake(url, [], headers), { status: 429, body: '{"message":"Limit Exceeded"}' });
  });
});

describe('API keys on $connect: the authorizer usageIdentifierKey', () => {
  let stack: LocalStack;
  before(async () => {
    const templateFile = copyFixtureApp('api-keys');
    stack = await startLocalStack({
      templateFile,
      ports: FREE_PORTS,
      log: () => {},
      parameterOverrides: { KeySource: '$context.authorizer.usageIdentifierKey' },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('reads the key from the authorizer result, not from the header', async () => {
    const base = `${stack.outputs.APIEndpoint}?user=ada`;
    const client = await connect(`${base}&key=good-key-0123456789abcdef`, WAIT);
    try {
      client.socket.send('who am i');
      assert.equal(
        (await client.nextJson<Record<string, string>>('the identity', WAIT))['apiKey'],
        'good-key-0123456789abcdef',
      );
    } finally {
      await client.close();
    }
    assert.deepEqual(await refusedHandshake(base, [], { 'x-api-key': 'good-key-0123456789abcdef' }), FORBIDDEN);
    assert.deepEqual(await refusedHandshake(`${base}&key=disabled-key-0123456789ab`), FORBIDDEN);
  });
});

describe('API keys: template errors and warnings', () => {
  it('refuses a key value under 20 characters and an ApiKeySelectionExpression AWS does not take, naming them', async () => {
    const short = copyFixtureApp('api-keys', (text) =>
      text.replace('Value: good-key-0123456789abcdef', 'Value: short-key'),
    );
    await assert.rejects(
      startLocalStack({ templateFile: short, ports: FREE_PORTS, log: () => {} }),
      /Resources\.GoodKey\.Properties\.Value: an API key value is at least 20 characters, got 9/,
    );
    await assert.rejects(
      startLocalStack({
        templateFile: copyFixtureApp('api-keys'),
        ports: FREE_PORTS,
        log: () => {},
        parameterOverrides: { KeySource: '$request.querystring.key' },
      }),
      /Resources\.Api\.Properties\.ApiKeySelectionExpression: "\$request\.querystring\.key" must be \$request\.header\.x-api-key or \$context\.authorizer\.usageIdentifierKey/,
    );
  });

  it('refuses a key in two usage plans of the same stage, as API Gateway does', async () => {
    const twice = copyFixtureApp('api-keys', (text) =>
      text.replace(
        'Properties: { KeyId: !Ref QuotaKey, KeyType: API_KEY, UsagePlanId: !Ref QuotaPlan }',
        'Properties: { KeyId: !Ref GoodKey, KeyType: API_KEY, UsagePlanId: !Ref QuotaPlan }',
      ),
    );
    await assert.rejects(
      startLocalStack({ templateFile: twice, ports: FREE_PORTS, log: () => {} }),
      /API key \w+ is already in usage plan LivePlan for stage live; API Gateway allows one usage plan per key and stage/,
    );
  });
});
