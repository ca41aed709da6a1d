/**
 * Issue 13, finding 4: a handshake the gateway refuses must leave no session record. Every upgrade `ws` would refuse
 * (RFC 6455: method, Upgrade, key, version, subprotocol and extension syntax) is answered before `$connect` runs,
 * directly on the API and through the edge, on every example stack.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample, type RunningExample } from './example-stacks.ts';
import { rawExchange, upgradeRequest } from './raw-http.ts';

const STEP_MS = 10_000;

/** Each: what the client sends instead of a valid upgrade, and the status `ws` answers it with. */
const MALFORMED: ReadonlyArray<{
  name: string;
  headers: Record<string, string | undefined>;
  method?: string;
  status: number;
}> = [
  {
    name: "a Sec-WebSocket-Key that is not 16 bytes in base64 (the issue's repro)",
    headers: { 'Sec-WebSocket-Key': 'abc' },
    status: 400,
  },
  {
    name: 'a Sec-WebSocket-Key without its padding',
    headers: { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ' },
    status: 400,
  },
  {
    name: 'two Sec-WebSocket-Key values',
    headers: { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' },
    status: 400,
  },
  { name: 'Sec-WebSocket-Version 12', headers: { 'Sec-WebSocket-Version': '12' }, status: 400 },
  { name: 'no Sec-WebSocket-Version', headers: { 'Sec-WebSocket-Version': undefined }, status: 400 },
  { name: 'Upgrade: h2c', headers: { Upgrade: 'h2c' }, status: 400 },
  { name: 'a duplicated subprotocol (x, x)', headers: { 'Sec-WebSocket-Protocol': 'x, x' }, status: 400 },
  { name: 'an empty subprotocol list (,)', headers: { 'Sec-WebSocket-Protocol': ',' }, status: 400 },
  { name: 'an empty item among subprotocols (a,,b)', headers: { 'Sec-WebSocket-Protocol': 'a,,b' }, status: 400 },
  { name: 'a subprotocol that is not a token (a b)', headers: { 'Sec-WebSocket-Protocol': 'a b' }, status: 400 },
  { name: 'a malformed Sec-WebSocket-Extensions (;)', headers: { 'Sec-WebSocket-Extensions': ';' }, status: 400 },
  {
    name: 'a malformed Sec-WebSocket-Extensions (x; y=)',
    headers: { 'Sec-WebSocket-Extensions': 'x; y=' },
    status: 400,
  },
  { name: 'a POST upgrade', headers: {}, method: 'POST', status: 405 },
];

for (const example of EXAMPLE_STACKS) {
  describe(`${example.name}: a refused handshake leaves nothing behind`, () => {
    let running: RunningExample;
    before(async () => {
      running = await startExample(example);
    });
    after(async () => {
      await running?.stop();
    });

    /** The valid client's headers (credentials); directly, also the path and credential headers the edge would add. */
    const targets = (): Array<{ via: string; url: string; headers: Record<string, string> }> => {
      const credentials = running.client.options.headers ?? {};
      const edgeAdds = {
        'ws-uri': new URL(running.client.url).pathname,
        ...(credentials['Authorization'] ? { 'ws-authorization': credentials['Authorization'] } : {}),
      };
      const direct = {
        via: 'directly',
        url: running.stack.outputs.APIEndpoint,
        headers: { ...credentials, ...edgeAdds },
      };
      return example.edge
        ? [direct, { via: 'through the edge', url: running.client.url, headers: credentials }]
        : [direct];
    };

    for (const malformed of MALFORMED) {
      it(`refuses ${malformed.name} with ${malformed.status} before $connect runs`, async () => {
        for (const target of targets()) {
          const request = upgradeRequest(
            target.url,
            {
              ...target.headers,
              'Sec-WebSocket-Protocol': running.client.options.protocols?.join(', '),
              ...malformed.headers,
            },
            malformed.method,
          );
          const answer = await rawExchange(target.url, [request], STEP_MS);
          assert.equal(answer.status, malformed.status, `${target.via}: ${JSON.stringify(answer)}`);
          assert.deepEqual(await running.sessionIds(), [], `${target.via}: a session record was left behind`);
        }
      });
    }

    it('still accepts a valid client afterwards, and its record goes with it', async () => {
      const client = await connect(running.client.url, STEP_MS, running.client.options);
      assert.equal((await running.sessionIds()).length, 1);
      await client.close();
      const deadline = Date.now() + STEP_MS;
      while ((await running.sessionIds()).length > 0 && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 50));
      assert.deepEqual(await running.sessionIds(), []);
    });
  });
}

describe('examples/ocpp: a duplicated ocpp1.6 offer with valid credentials', () => {
  let running: RunningExample;
  before(async () => {
    running = await startExample(EXAMPLE_STACKS.find((example) => example.name === 'examples/ocpp')!);
  });
  after(async () => {
    await running?.stop();
  });

  it('is refused with 400 and CP001 does not look connected', async () => {
    const request = upgradeRequest(running.client.url, {
      ...running.client.options.headers,
      'Sec-WebSocket-Protocol': 'ocpp1.6, ocpp1.6',
    });
    const answer = await rawExchange(running.client.url, [request], STEP_MS);
    assert.equal(answer.status, 400, JSON.stringify(answer));
    assert.deepEqual(await running.sessionIds(), []);
  });
});
