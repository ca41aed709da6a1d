/** Closing a connection runs `$disconnect`, which deletes the session record. */
import { it } from 'node:test';
import { connect } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { testTimeoutMs } from '../settings.ts';
import { echoOnDefault } from './echo.ts';
import { edgeUrl } from '../outputs.ts';

export function disconnectSteps(context: SmokeContext): void {
  const { settings } = context;

  it('$disconnect: closing the connection deletes the session record', { timeout: testTimeoutMs(settings) }, async () => {
    const client = await connect(`${edgeUrl(context.outputs())}/disconnect/${context.uniqueId()}`, settings.stepTimeoutMs);
    let connectionId: string;
    try {
      ({ requestContext: { connectionId } } = await echoOnDefault(client, 'about to leave', settings.stepTimeoutMs));
      await context.sessions().waitUntilPresent(connectionId, settings.stepTimeoutMs);
    } finally {
      await client.close();
    }
    await context.sessions().waitUntilGone(connectionId, settings.stepTimeoutMs);
  });
}
