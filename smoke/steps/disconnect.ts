/** Closing a connection runs `$disconnect`, which deletes the session record. */
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { connectIdentified } from '../connection-id.ts';
import { edgeUrl } from '../outputs.ts';

export function disconnectSteps(context: SmokeContext): void {
  const { settings } = context;

  smokeStep(context, '$disconnect: closing the connection deletes the session record', async () => {
    const outputs = context.outputs();
    const path = outputs.Distribution || outputs.PublicURL ? `/disconnect/${context.uniqueId()}` : '';
    const { client, connectionId } = await connectIdentified(context, `${edgeUrl(outputs).replace(/\/$/, '')}${path}`);
    try {
      await context.sessions().waitUntilPresent(connectionId, settings.stepTimeoutMs);
    } finally {
      await client.close();
    }
    await context.sessions().waitUntilGone(connectionId, settings.stepTimeoutMs);
  });
}
