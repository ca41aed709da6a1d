/**
 * Which connection ID a smoke client got, without any route: a stack may have no echo route (the chat example has
 * only `sendmessage`), so the ID is learned from the sessions table and `@connections`. The IDs that appeared since
 * the client connected are the candidates; each is sent a probe through `@connections`, and the one whose probe
 * reaches this client is its ID. A probe may reach another client connected at the same moment (a parallel run):
 * it is a small JSON message marked `smokeProbe`, and a run that receives one it did not send fails visibly.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { connect, type ConnectOptions, type SmokeClient } from './client.ts';
import type { SmokeContext } from './context.ts';

const POLL_MS = 100;
const PROBE_WAIT_MS = 500;

export interface IdentifiedClient {
  client: SmokeClient;
  connectionId: string;
}

/** An SDK client of the stack's `@connections` API (its endpoint and region from the outputs, the run's credentials). */
export function connectionsApiClient(context: SmokeContext): ApiGatewayManagementApiClient {
  const outputs = context.outputs();
  const credentials = context.credentials();
  return new ApiGatewayManagementApiClient({
    endpoint: outputs.ConnectionsEndpoint,
    region: outputs.Region,
    ...(credentials ? { credentials } : {}),
  });
}

/** Connects to `url` and learns the connection's ID; closes the client if that fails. */
export async function connectIdentified(
  context: SmokeContext,
  url: string,
  options: ConnectOptions = {},
): Promise<IdentifiedClient> {
  const { settings } = context;
  const known = new Set(await context.sessions().connectionIds());
  const client = await connect(url, settings.stepTimeoutMs, options);
  try {
    return { client, connectionId: await identify(context, client, known) };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function identify(context: SmokeContext, client: SmokeClient, known: ReadonlySet<string>): Promise<string> {
  const { settings } = context;
  const outputs = context.outputs();
  const api = connectionsApiClient(context);
  const deadline = Date.now() + settings.stepTimeoutMs;
  const probed = new Map<string, string>();
  try {
    for (;;) {
      const fresh = (await context.sessions().connectionIds()).filter((id) => !known.has(id) && !probed.has(id));
      for (const id of fresh) {
        const token = context.uniqueId();
        probed.set(id, token);
        // A candidate that is already gone (another run closed it) answers 410: it is simply not ours.
        await api
          .send(
            new PostToConnectionCommand({
              ConnectionId: id,
              Data: new TextEncoder().encode(JSON.stringify({ smokeProbe: token })),
            }),
          )
          .catch(() => undefined);
      }
      if (probed.size > 0) {
        // A short wait: our own record may not have been among the candidates yet, so the loop scans again.
        const text = await client
          .next('a @connections probe', Math.max(1, Math.min(PROBE_WAIT_MS, deadline - Date.now())))
          .catch(() => undefined);
        if (text !== undefined) {
          const token = (JSON.parse(text) as { smokeProbe?: string }).smokeProbe;
          const match = [...probed].find(([, sent]) => sent === token);
          if (match === undefined) throw new Error(`expected a smokeProbe this run sent, got ${text.slice(0, 200)}`);
          return match[0];
        }
      }
      if (Date.now() > deadline)
        throw new Error(
          `table ${outputs.Sessions}: no new session record reached this client's probe within ${settings.stepTimeoutMs} ms of connecting`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    api.destroy();
  }
}
