/** The `$default` echo every step leans on: it proves the route works and tells a client its connection ID. */
import assert from 'node:assert/strict';
import type { SmokeClient } from '../client.ts';

export interface DefaultEcho {
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { routeKey: string; connectionId: string; eventType: string; stage: string; [key: string]: unknown };
}

/** Sends `payload` (not a custom route's action) and checks the reply is the `$default` event carrying it. */
export async function echoOnDefault(client: SmokeClient, payload: string, timeoutMs: number): Promise<DefaultEcho> {
  client.socket.send(payload);
  const text = await client.next('the $default echo of the message', timeoutMs);
  let echo: DefaultEcho;
  try {
    echo = JSON.parse(text) as DefaultEcho;
  } catch {
    assert.fail(`$default: the reply is not the echoed event: ${text.slice(0, 300)}`);
  }
  assert.equal(
    echo.requestContext?.routeKey,
    '$default',
    `$default: the reply is not the echoed $default event: ${text.slice(0, 300)}`,
  );
  assert.equal(echo.requestContext.eventType, 'MESSAGE', '$default: requestContext.eventType');
  assert.equal(echo.body, payload, '$default: the echoed event must carry the payload as body');
  assert.match(echo.requestContext.connectionId, /^[A-Za-z0-9_=-]+$/, '$default: requestContext.connectionId');
  return echo;
}
