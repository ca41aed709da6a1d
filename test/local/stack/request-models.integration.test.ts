/**
 * Request validation with models (issue 19), end to end with a real WebSocket client on
 * test/fixtures/templates/models: the model selection expression, the $default model, a refused body gets API
 * Gateway's `Bad request body` frame and never reaches the integration; hostile bodies (not JSON, huge, wrong types)
 * and schemas the start refuses (a $ref outside the schema, an invalid draft 4 schema, an unknown model name).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0, services: 0 };
const WAIT = 15_000;
const ISBN = '9780131103627';

describe('request validation with models', () => {
  let stack: LocalStack | undefined;
  let client: SmokeClient;
  let templateFile: string;
  before(async () => {
    templateFile = copyFixtureApp('models');
    stack = await startLocalStack({ templateFile, ports: FREE_PORTS, log: () => {} });
    client = await connect(stack.outputs.APIEndpoint, WAIT);
  });
  after(async () => {
    await client?.close();
    await stack?.stop();
  });

  const send = (message: unknown) =>
    client.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  const sendInFragments = (text: string) => {
    for (let at = 0; at < text.length; at += 25_000)
      client.socket.send(text.slice(at, at + 25_000), { fin: at + 25_000 >= text.length });
  };
  const badRequest = async (what: string) => {
    const frame = await client.nextJson<Record<string, string>>(what, WAIT);
    assert.deepEqual(Object.keys(frame), ['message', 'connectionId', 'requestId'], JSON.stringify(frame));
    assert.equal(frame['message'], 'Bad request body');
  };

  it('passes a body its selected model accepts on to the integration', async () => {
    const order = { action: 'order', kind: 'book', isbn: ISBN, copies: 2 };
    send(order);
    assert.deepEqual(await client.nextJson('the echo', WAIT), {
      reached: 'order',
      bytes: JSON.stringify(order).length,
    });
    send({ action: 'order', kind: 'pen', qty: 3 });
    assert.equal((await client.nextJson<{ reached: string }>('the $default model echo', WAIT)).reached, 'order');
  });

  it('answers Bad request body, without calling the integration, when the model refuses the body', async () => {
    send({ action: 'order', kind: 'book', isbn: '12' }); // pattern
    await badRequest('a bad isbn');
    send({ action: 'order', kind: 'book', isbn: ISBN, copies: 10 }); // draft 4 exclusiveMaximum: true, via a local $ref
    await badRequest('too many copies');
    send({ action: 'order', kind: 'book' }); // required
    await badRequest('no isbn');
    send({ action: 'order', kind: 'pen', qty: '3' }); // the $default model: qty must be an integer
    await badRequest('a string qty');
    send({ action: 'strict', kind: 'pen', qty: 3 }); // no model for "pen" and no $default model
    await badRequest('no model for the key');
    // The connection stays open and later valid messages still pass.
    send({ action: 'strict', kind: 'book', isbn: ISBN });
    assert.equal((await client.nextJson<{ reached: string }>('the strict echo', WAIT)).reached, 'strict');
  });

  it('refuses a body that is not JSON, JSON that is not an object, and a huge invalid body; passes a huge valid one', async () => {
    send('hello there');
    await badRequest('text');
    send('[1, 2, 3]');
    await badRequest('an array');
    send('null');
    await badRequest('null');
    // 100 KB: under the 128 KB message limit, sent as 25 KB fragments (a frame is at most 32 KB).
    const filler = 'x'.repeat(100_000);
    sendInFragments(JSON.stringify({ qty: 0, filler }));
    await badRequest('a huge invalid body');
    sendInFragments(JSON.stringify({ qty: 1, filler }));
    assert.deepEqual(await client.nextJson('the huge echo', WAIT), {
      reached: '$default',
      bytes: JSON.stringify({ qty: 1, filler }).length,
    });
  });

  it('writes status 400, BAD_REQUEST_BODY and the validation error into the access log', async () => {
    send({ action: 'boom' }); // a failing integration: INTEGRATION_FAILURE
    assert.equal(
      (await client.nextJson<{ message: string }>('the failure frame', WAIT)).message,
      'Internal server error',
    );
    await client.close();
    await stack?.stop();
    stack = undefined;
    const log = readFileSync(join(dirname(templateFile), '.local', 'logs', 'live-access.log'), 'utf8');
    assert.match(log, /^order 400 BAD_REQUEST_BODY \[\/isbn must match pattern "\^\[0-9\]\{13\}\$"\]$/m);
    assert.match(log, /^\$default 400 BAD_REQUEST_BODY \[Invalid request body: not JSON\]$/m);
    assert.match(log, /^strict 400 BAD_REQUEST_BODY \[No model for the selection key "pen" and no \$default model\]$/m);
    assert.match(log, /^order 200 - -$/m);
    assert.match(log, /^boom 500 INTEGRATION_FAILURE -$/m);
  });
});

describe('request validation: what the start refuses or warns about', () => {
  const start = (edit: (text: string) => string) =>
    startLocalStack({ templateFile: copyFixtureApp('models', edit), ports: FREE_PORTS, log: () => {} });

  it('refuses a $ref outside the schema, naming the model', async () => {
    await assert.rejects(
      start((text) => text.replace("$ref: '#/definitions/count'", "$ref: 'https://example.com/count.json'")),
      /Resources\.BookOrder\.Properties\.Schema: \$ref "https:\/\/example\.com\/count\.json" points outside the schema/,
    );
  });

  it('refuses a schema that is not valid draft 4, a schema that is not JSON, and an unknown model name', async () => {
    await assert.rejects(
      start((text) => text.replace('{ type: string, pattern:', '{ type: strin, pattern:')),
      /Resources\.BookOrder\.Properties\.Schema: not a valid JSON Schema draft 4: schema is invalid/,
    );
    await assert.rejects(
      start((text) => text.replace(`Schema: '{"type": "object",`, `Schema: '{"type": object,`)),
      /Resources\.AnyOrder\.Properties\.Schema: not JSON/,
    );
    await assert.rejects(
      start((text) => text.replace('{ book: BookOrder }', '{ book: BookOrders }')),
      /Resources\.StrictRoute\.Properties\.RequestModels\.book: "BookOrders" must be the Name of an AWS::ApiGatewayV2::Model of this API \(known: BookOrder, AnyOrder\)/,
    );
  });

  it('warns that RequestModels without a ModelSelectionExpression are not validated, as on AWS', async () => {
    const stack = await start((text) =>
      text.replace(
        '      ModelSelectionExpression: $request.body.kind\n      RequestModels: { book: BookOrder }\n',
        '      RequestModels: { book: BookOrder }\n',
      ),
    );
    try {
      assert.deepEqual(stack.settingsNotEmulated, [
        'Resources.StrictRoute.Properties.RequestModels (AWS::ApiGatewayV2::Route): not validated: API Gateway validates a body only when the route has a ModelSelectionExpression',
      ]);
    } finally {
      await stack.stop();
    }
  });
});
