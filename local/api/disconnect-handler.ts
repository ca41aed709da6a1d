import type { CloseInfo } from './connection.ts';
import type { GatewayContext } from './context.ts';
import { type ConnectionFacts, eventInputFor } from './event-input.ts';
import { runIntegration } from './integration.ts';
import { accessValues } from './access-values.ts';

/**
 * `$disconnect` after the socket closed (docs/aws-behaviour.md#apigw-disconnect). Best effort, like AWS:
 * failures are logged, never thrown, and nothing can reach the client any more.
 */
export async function handleDisconnect(
  gateway: GatewayContext,
  connection: ConnectionFacts,
  closeInfo: CloseInfo,
): Promise<void> {
  const route = gateway.options.routes.get('$disconnect');
  if (route === undefined) return;
  const input = eventInputFor(gateway, connection, '$disconnect', {
    disconnectStatusCode: closeInfo.code,
    disconnectReason: closeInfo.reason,
  });
  const started = Date.now();
  const outcome = await runIntegration(gateway, route, 'disconnect', input);
  gateway.observer?.request?.(
    accessValues('disconnect', input, { status: 200, outcome, integrationLatency: Date.now() - started }),
  );
  if (outcome.kind === 'failed' || outcome.kind === 'dropped')
    gateway.options.log(`connection ${connection.id} $disconnect failed: ${outcome.reason}`);
  else if (outcome.kind === 'timeout') gateway.options.log(`connection ${connection.id} $disconnect timed out`);
  else if (outcome.kind === 'service-response' && outcome.matchedResponseKey === undefined) {
    gateway.options.log(
      `connection ${connection.id} $disconnect: no integration response matched status ${outcome.statusCode}: ${outcome.body}`,
    );
  }
}
