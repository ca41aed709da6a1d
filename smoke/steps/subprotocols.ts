/** Subprotocol negotiation on `$connect` (stacks that output Subprotocols). */
import assert from 'node:assert/strict';
import { connect, expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { featureClient } from '../features.ts';

export function subprotocolSteps(context: SmokeContext, accepted: readonly string[]): void {
  const { settings } = context;
  const preferred = accepted[0]!;

  smokeStep(
    context,
    `Subprotocols: a client offering ${preferred} through the edge gets ${preferred} back`,
    async () => {
      const { url, options } = featureClient(context.outputs(), settings, { protocols: [preferred] });
      const client = await connect(url, settings.stepTimeoutMs, options);
      try {
        assert.equal(
          client.socket.protocol,
          preferred,
          'the 101 answer must carry the negotiated Sec-WebSocket-Protocol',
        );
      } finally {
        await client.close();
      }
    },
  );

  smokeStep(context, 'Subprotocols: a client offering only an unknown protocol is refused with 400', async () => {
    const unknown = `${context.uniqueId()}.v1`;
    const { url, options } = featureClient(context.outputs(), settings, { protocols: [unknown] });
    const result = await expectRefused(url, settings.stepTimeoutMs, `a client offering only ${unknown}`, options);
    assert.equal(result.statusCode, 400, `refusal status (body ${result.body})`);
  });
}
