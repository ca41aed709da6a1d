/**
 * `$connect` refuses, before anything is stored, a handshake without the edge's secret and a browser page from an
 * origin that is not allowed, on the VTL path and on the Lambda path alike (the Lambda answers 403; a refused VTL
 * integration is a failed integration, 500 locally, AWS's status UNCONFIRMED). Through the edge, a wrong origin gets
 * the CloudFront Function's 403 on both. A client without Origin (not a browser) and an allowed page connect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, expectRefused, type ConnectOptions } from '../../smoke/client.ts';
import type { LocalStack } from '../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../support/edge-secret.ts';
import { startStackFromConfig } from '../support/generated-stack.ts';
import { openSessions } from './example-stacks.ts';

const STEP_MS = 10_000;
const ALLOWED = 'https://app.example.com';

const paths: Array<{
  path: string;
  refusal: number;
  connect: { subprotocols?: string[]; requireSubprotocol?: boolean };
}> = [
  { path: 'VTL', refusal: 500, connect: {} },
  { path: 'Lambda', refusal: 403, connect: { subprotocols: ['chat'], requireSubprotocol: false } },
];

for (const { path, refusal, connect: connectOptions } of paths) {
  describe(`the ${path} $connect: the edge's secret and browser origins`, () => {
    let stack: LocalStack;
    let sessions: ReturnType<typeof openSessions>;
    before(async () => {
      stack = await startStackFromConfig(
        {
          routes: { $default: { integration: 'lambda', handler: 'handlers/default.ts' } },
          connect: { ...connectOptions, allowedOrigins: [ALLOWED] },
        },
        withKnownOriginSecret(),
      );
      sessions = openSessions(stack.outputs);
    });
    after(async () => {
      sessions?.close();
      await stack?.stop();
    });

    const refusedDirectly = async (options: ConnectOptions) =>
      (await expectRefused(stack.outputs.APIEndpoint, STEP_MS, JSON.stringify(options), options)).statusCode;

    it(`refuses directly with ${refusal}: no secret, a wrong one, or the secret and another site's Origin; nothing stored`, async () => {
      assert.equal(await refusedDirectly({}), refusal);
      assert.equal(
        await refusedDirectly({ headers: { 'x-origin-verify': 'wrong-secret-0123456789abcdef0123' } }),
        refusal,
      );
      assert.equal(await refusedDirectly(asEdge({ headers: { Origin: 'https://evil.example.com' } })), refusal);
      assert.equal(await refusedDirectly(asEdge({ headers: { Origin: 'null' } })), refusal);
      assert.deepEqual(await sessions.ids(), []);
    });

    it("through the edge, another site's page gets 403 from the edge; nothing stored", async () => {
      const refused = await expectRefused(`${stack.outputs.Distribution}/x`, STEP_MS, 'another site', {
        headers: { Origin: 'https://evil.example.com' },
      });
      assert.equal(refused.statusCode, 403);
      assert.deepEqual(await sessions.ids(), []);
    });

    it('lets in the allowed origin and clients without Origin, directly with the secret and through the edge', async () => {
      for (const [url, options] of [
        [stack.outputs.APIEndpoint, asEdge({ headers: { Origin: ALLOWED } })],
        [stack.outputs.APIEndpoint, asEdge()],
        [`${stack.outputs.Distribution}/x`, { headers: { Origin: ALLOWED } }],
        [`${stack.outputs.Distribution}/x`, {}],
      ] as const) {
        const client = await connect(url, STEP_MS, options);
        await client.close();
      }
    });
  });
}
